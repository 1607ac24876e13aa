"""The answer deadline of one application, counted by ``gongkai.clock`` (never re-implemented here).

Why a separate status: a clerk needs to know not only the date but whether the clock is running,
stopped (waiting for the applicant's 补正 or fee, or for a consultation) or cannot be counted (期限待定:
a year whose national holiday schedule is not entered yet, when the head may set the date by hand,
人工核定), and how each date was reached.
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
    third_party_deadline,
    working_days_left,
)

from . import messages as M
from .models import Application, today


@dataclass
class Status:
    deadline: Deadline | None = None
    days_left: int | None = None
    waiting: str = ""  # why the clock is stopped, in Chinese
    error: str = ""  # a ClockError's message
    extra: list[Deadline] | None = None  # 补正 request or fee payment periods
    # 期限待定: the year (not entered yet) that keeps the running deadline from being counted.
    unknown_year: int | None = None
    manual_due: dt.date | None = None  # the head's 人工核定 date, in force while unknown_year is set
    manual_superseded: bool = False  # a 人工核定 date exists, but the counted deadline rules again
    on: dt.date | None = None  # the day the status is for
    late: bool = False  # past the deadline when the working days left cannot be counted (today's year)
    consult_until: dt.date | None = None  # an open consultation's last day (Art 32, 34), shown on the dashboard
    consult_note: str = ""

    @property
    def undetermined(self) -> bool:
        """期限待定: the deadline cannot be counted and nobody has set one by hand."""
        return self.unknown_year is not None and self.manual_due is None

    @property
    def due(self) -> dt.date | None:
        """The date in force: counted, or else set by hand."""
        return self.deadline.due if self.deadline else self.manual_due

    @property
    def calendar_days_left(self) -> int | None:
        """Days (not working days) to a 人工核定 date: all that can honestly be said without the calendar."""
        if self.manual_due is None or self.on is None:
            return None
        return (self.manual_due - self.on).days

    @property
    def level(self) -> str:
        """CSS class: undetermined, overdue, soon, manual, waiting, error or ok."""
        if self.undetermined and not self.waiting:
            return "undetermined"
        if self.manual_due is not None and self.unknown_year is not None:
            return "overdue" if self.calendar_days_left < 0 else "manual"
        if self.waiting:
            return "waiting"
        if self.error:
            return "error"
        if self.late or (self.days_left is not None and self.days_left < 0):
            return "overdue"
        if self.days_left is not None and self.days_left <= settings.GONGKAI_DUE_SOON:
            return "soon"
        return "ok"

    @property
    def sort_key(self) -> tuple[int, int]:
        # 期限待定 first: nobody can tell how urgent these are, so they need attention before anything else.
        order = {"undetermined": -1, "overdue": 0, "soon": 1, "manual": 2, "ok": 2, "waiting": 3, "error": 4}
        left = self.days_left if self.days_left is not None else self.calendar_days_left
        return order[self.level], left if left is not None else 10**6


def consult_limit(pause, calendar: WorkCalendar) -> dt.date | None:
    """The last day a consulted party may answer (Art 32, 34: 15 working days), None if not countable.

    Why it matters: the pause for a consultation is not open-ended. When the third party or the other
    agency stays silent, the pause ends by itself on this day and the answer clock runs again.
    """
    if not pause.is_consultation:
        return None
    try:
        return third_party_deadline(pause.start, calendar=calendar).due
    except ClockError:
        return None


def pauses_of(app: Application, until: dt.date | None, calendar: WorkCalendar | None = None) -> list[Pause]:
    """Closed pauses as recorded; an open one runs to ``until`` (today), or is left out when None.

    With a calendar, an open consultation ends at the latest on its 15th working day (consult_limit).
    """
    out = []
    for p in app.pauses.all():
        end = p.end or until
        if p.end is None and calendar is not None:
            limit = consult_limit(p, calendar)
            if limit is not None:
                end = limit if end is None else min(end, limit)
        if end is not None:
            out.append(Pause(p.start, max(end, p.start), p.get_kind_display()))
    return out


def running_pause(app: Application, calendar: WorkCalendar, on: dt.date | None = None):
    """The open pause that still stops the clock on ``on`` (None: whatever day), or None.

    A consultation whose 15 working days are countable does not block a stored deadline: its end is
    known at the latest. On a given day it stops the clock only up to its limit.
    """
    pause = app.open_pause()
    if pause is None or not pause.is_consultation:
        return pause
    limit = consult_limit(pause, calendar)
    if limit is None:
        return pause
    if on is None or on > limit:
        return None
    return pause


def compute(app: Application, calendar: WorkCalendar, as_of: dt.date | None = None) -> Deadline | None:
    """The answer deadline with open pauses running to ``as_of``; None while waiting for a 补正."""
    if app.awaiting_correction:
        return None
    return answer_deadline(
        app.received_on,
        days=app.delayed_days or ANSWER_DAYS,
        extension=app.extension_days,
        pauses=pauses_of(app, as_of, calendar),
        supplemented=app.correction_received_on,
        calendar=calendar,
    )


def stored_due(app: Application, calendar: WorkCalendar) -> dt.date | None:
    """What ``Application.due_on`` holds: null when the clock is stopped or cannot be counted.

    Where a year of the count is unknown, the head's 人工核定 date stands in, so that the overdue list
    (one query over ``due_on``) still finds the case; once the year is entered the count takes over.
    """
    if not app.is_open or app.awaiting_correction or running_pause(app, calendar) is not None:
        return None
    try:
        deadline = compute(app, calendar)
    except ClockError as exc:
        return app.manual_due_on if exc.code == "year_unknown" else None
    return deadline.due if deadline else None


def unknown_year(app: Application, calendar: WorkCalendar) -> int | None:
    """The year that keeps this application's running deadline from being counted, or None.

    None also while the clock is stopped (补正, an open pause) or the case is closed: only a running
    deadline can be 待定, and only then may the head set one by hand.
    """
    if not app.is_open or app.awaiting_correction or running_pause(app, calendar) is not None:
        return None
    try:
        compute(app, calendar)
    except ClockError as exc:
        return exc.fields.get("year") if exc.code == "year_unknown" else None
    return None


def status(app: Application, calendar: WorkCalendar, on: dt.date | None = None) -> Status:
    on = on or today()
    st = Status(extra=[], on=on)
    try:
        if app.awaiting_correction:
            st.waiting = f"已于{app.correction_requested_on}告知补正，待申请人补正；收到补正申请之日起重新计算答复期限"
            st.extra.append(correction_request_deadline(app.received_on, calendar=calendar))
            return st
        open_pause = running_pause(app, calendar, on)
        if open_pause is not None:
            st.waiting = (f"{open_pause.get_kind_display()}（自{open_pause.start}起），期限暂停计算；"
                          "下列期限按暂停截至今日计算")
        recorded = app.open_pause()
        limit = consult_limit(recorded, calendar) if recorded is not None else None
        if limit is not None:
            st.consult_until = limit
            st.consult_note = (M.CONSULT_LIMIT if open_pause is not None else M.CONSULT_ENDED).format(date=limit)
        st.deadline = compute(app, calendar, as_of=on)
        if open_pause is not None and open_pause.kind == open_pause.Kind.FEE and app.fee_notice_on:
            st.extra.append(fee_payment_deadline(app.fee_notice_on, calendar=calendar))
        if app.is_open:
            try:
                st.days_left = working_days_left(on, st.deadline.due, calendar=calendar,
                                                 pauses=pauses_of(app, on, calendar))
            except ClockError as exc:
                # The deadline is counted, but today lies in a year not entered yet (e.g. January before
                # the notice is typed in): the date stands; only "how many working days" cannot be said.
                if exc.code != "year_unknown" or on <= st.deadline.due:
                    raise
                st.late = True
    except ClockError as exc:
        st.error = exc.message
        if exc.code == "year_unknown" and st.deadline is None and app.is_open and not app.awaiting_correction:
            st.unknown_year = exc.fields.get("year")
            st.error = M.UNDETERMINED_WHY.format(year=st.unknown_year)
            if app.manual_due_on and not st.waiting:
                st.manual_due = app.manual_due_on
    if st.deadline is not None and app.manual_due_on:
        st.manual_superseded = True
    return st


def due_on_day(app: Application, calendar: WorkCalendar, on: dt.date) -> dt.date | None:
    """The deadline in force on ``on``: counted with open pauses running to that day, else the head's.

    Why: an extension, a fee notice and a reply are judged against the deadline as it stood on the day
    they happened (Art 33), not against today's. None when it cannot be said (waiting for a 补正, or a
    year not entered and no 人工核定 date).
    """
    try:
        deadline = compute(app, calendar, as_of=on)
    except ClockError as exc:
        return app.manual_due_on if exc.code == "year_unknown" else None
    return deadline.due if deadline else None
