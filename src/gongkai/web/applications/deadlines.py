"""The answer deadline of one application, counted by ``gongkai.clock`` (never re-implemented here).

Why a separate status: a clerk needs to know not only the date but whether the clock is running,
stopped (waiting for the applicant's 补正 or fee, or for a consultation) or cannot be counted (a year
the national calendar does not know yet), and how each date was reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from gongkai.clock import (
    ANSWER_DAYS,
    ClockError,
    Deadline,
    Pause,
    WorkCalendar,
    answer_deadline,
    correction_request_deadline,
    fee_payment_deadline,
    working_days_left,
)

from .models import Application, today


@dataclass
class Status:
    deadline: Deadline | None = None
    days_left: int | None = None
    waiting: str = ""  # why the clock is stopped, in Chinese
    error: str = ""  # a ClockError's message
    extra: list[Deadline] | None = None  # 补正 request or fee payment periods

    @property
    def level(self) -> str:
        """CSS class: overdue, soon, waiting, error or ok."""
        if self.error:
            return "error"
        if self.waiting:
            return "waiting"
        if self.days_left is not None and self.days_left < 0:
            return "overdue"
        if self.days_left is not None and self.days_left <= settings.GONGKAI_DUE_SOON:
            return "soon"
        return "ok"

    @property
    def sort_key(self) -> tuple[int, int]:
        order = {"overdue": 0, "soon": 1, "ok": 2, "waiting": 3, "error": 4}[self.level]
        return order, self.days_left if self.days_left is not None else 10**6


def pauses_of(app: Application, until: dt.date | None) -> list[Pause]:
    """Closed pauses as recorded; an open one runs to ``until`` (today), or is left out when None."""
    out = []
    for p in app.pauses.all():
        end = p.end or until
        if end is not None:
            out.append(Pause(p.start, max(end, p.start), p.get_kind_display()))
    return out


def compute(app: Application, calendar: WorkCalendar, as_of: dt.date | None = None) -> Deadline | None:
    """The answer deadline with open pauses running to ``as_of``; None while waiting for a 补正."""
    if app.awaiting_correction:
        return None
    return answer_deadline(
        app.received_on,
        days=app.delayed_days or ANSWER_DAYS,
        extension=app.extension_days,
        pauses=pauses_of(app, as_of),
        supplemented=app.correction_received_on,
        calendar=calendar,
    )


def stored_due(app: Application, calendar: WorkCalendar) -> dt.date | None:
    """What ``Application.due_on`` holds: null when the clock is stopped or cannot be counted."""
    if not app.is_open or app.awaiting_correction or app.open_pause() is not None:
        return None
    try:
        deadline = compute(app, calendar)
    except ClockError:
        return None
    return deadline.due if deadline else None


def status(app: Application, calendar: WorkCalendar, on: dt.date | None = None) -> Status:
    on = on or today()
    st = Status(extra=[])
    try:
        if app.awaiting_correction:
            st.waiting = f"已于{app.correction_requested_on}告知补正，待申请人补正；收到补正申请之日起重新计算答复期限"
            st.extra.append(correction_request_deadline(app.received_on, calendar=calendar))
            return st
        open_pause = app.open_pause()
        st.deadline = compute(app, calendar, as_of=on)
        if open_pause is not None:
            st.waiting = (f"{open_pause.get_kind_display()}（自{open_pause.start}起），期限暂停计算；"
                          "下列期限按暂停截至今日计算")
            if open_pause.kind == open_pause.Kind.FEE and app.fee_notice_on:
                st.extra.append(fee_payment_deadline(app.fee_notice_on, calendar=calendar))
        if app.is_open:
            st.days_left = working_days_left(on, st.deadline.due, calendar=calendar, pauses=pauses_of(app, on))
    except ClockError as exc:
        st.error = exc.message
    return st
