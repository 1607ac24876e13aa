"""Statutory deadlines of the 政府信息公开条例 counted in working days, each with how it was counted.

Every rule here follows FORMATS.md ("Deadlines that a validator or case system needs"): a period of N
working days is counted from the day *after* its start date (receipt of the application, of the
supplemented application, of the fee notice, of the consultation letter), skipping rest days, local
rest days and paused days (Art 33: time spent consulting third parties or other agencies is not
counted). The result keeps every day it skipped and why, because a clerk who must defend a deadline
before a reconsideration body needs the reasoning, not just the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import messages as M
from .errors import ClockError
from .workdays import CALENDAR_VERSION, MAKEUP, NATIONAL, PAUSE, WorkCalendar

ANSWER_DAYS = 20  # Art 33(1)
MAX_EXTENSION = 20  # Art 33(2)
CORRECTION_REQUEST_DAYS = 7  # Art 30
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号
THIRD_PARTY_DAYS = 15  # Art 32

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Pause:
    """An inclusive range of dates the clock stands still, e.g. a third-party consultation."""

    start: dt.date
    end: dt.date
    label: str = ""

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ClockError(
                "bad_pause", f"pause start {self.start.isoformat()} is after its end {self.end.isoformat()}",
                start=self.start.isoformat(), end=self.end.isoformat(),
            )

    def covers(self, date: dt.date) -> bool:
        return self.start <= date <= self.end

    def to_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "label": self.label}


@dataclass(frozen=True, slots=True)
class DayNote:
    """A day the count skipped, or a weekend it counted (调休), with the reason in Chinese."""

    date: dt.date
    kind: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "reason": self.reason, "kind": self.kind}


@dataclass(frozen=True)
class Deadline:
    """A computed deadline and the full account of how it was reached."""

    kind: str  # a key of messages.KINDS
    received: dt.date  # receipt of the application (or notice, or letter)
    start: dt.date  # counting begins the day after this (differs from received after a 补正)
    due: dt.date
    days: int
    extension: int = 0
    counted: tuple[dt.date, ...] = ()
    skipped: tuple[DayNote, ...] = ()
    makeup: tuple[DayNote, ...] = ()
    pauses: tuple[Pause, ...] = field(default=())
    # Years of the count taken from an entered schedule rather than the package, with its note (文号).
    schedules: tuple[tuple[int, str], ...] = ()

    @property
    def working_days(self) -> int:
        return self.days + self.extension

    @property
    def restarted(self) -> bool:
        return self.start != self.received

    def explanation(self) -> list[str]:
        """The count in Chinese sentences, one per line, as the clerk and the applicant should see it."""
        if self.kind == "answer":
            start_what = M.START_RESTART if self.restarted else M.START_RECEIVED
        elif self.kind in ("fee_payment", "third_party"):
            start_what = M.START_NOTICE
        elif self.kind == "correction_request":
            start_what = M.START_RECEIVED
        else:
            start_what = M.START_GENERIC
        lines = [
            M.DUE.format(what=M.KINDS[self.kind], due=self.due.isoformat(), weekday=M.WEEKDAYS[self.due.weekday()]),
            M.START.format(start=self.start.isoformat(), start_what=start_what, days=self.working_days),
        ]
        if self.extension:
            lines.append(M.EXTENSION.format(days=self.extension))
        if self.skipped:
            lines.append(M.SKIPPED_HEADER)
            lines.extend(f"  {span}" for span in _spans(self.skipped))
        else:
            lines.append(M.NONE_SKIPPED)
        if self.makeup:
            lines.append(M.MAKEUP_HEADER)
            lines.extend(
                f"  {n.date.isoformat()}（{M.WEEKDAYS[n.date.weekday()]}）：{n.reason}" for n in self.makeup
            )
        for year, note in self.schedules:
            lines.append(M.SCHEDULE_USED.format(year=year, note=note) if note else
                         M.SCHEDULE_USED_PLAIN.format(year=year))
        return lines

    def explain(self) -> str:
        return "\n".join(self.explanation())

    def to_json(self) -> dict[str, Any]:
        """CONTRACT.md's ``{"received", "due", "working_days", "skipped"}`` plus compatible extra keys."""
        return {
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "skipped": [n.to_json() for n in self.skipped],
            "kind": self.kind,
            "start": self.start.isoformat(),
            "days": self.days,
            "extension": self.extension,
            "pauses": [p.to_json() for p in self.pauses],
            "makeup_workdays": [n.to_json() for n in self.makeup],
            "counted": [d.isoformat() for d in self.counted],
            "explanation": self.explanation(),
            "calendar": {"source": "chinese-calendar", "version": CALENDAR_VERSION,
                         "schedules": [{"year": y, "note": n} for y, n in self.schedules]},
        }


def _spans(notes: Iterable[DayNote]) -> list[str]:
    """Consecutive days with the same reason shown as one range, so a week of 春节 is one line."""
    groups: list[list[DayNote]] = []
    for note in notes:
        if groups and groups[-1][-1].reason == note.reason and groups[-1][-1].date + ONE_DAY == note.date:
            groups[-1].append(note)
        else:
            groups.append([note])
    out = []
    for g in groups:
        first, last = g[0].date, g[-1].date
        when = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
        out.append(f"{when}：{g[0].reason}")
    return out


def _check_days(days: int, minimum: int = 0) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or days < minimum:
        raise ClockError("bad_days", f"working days must be an int >= {minimum}, got {days!r}",
                         days=days, minimum=minimum)


def count_working_days(
    start: dt.date,
    days: int,
    *,
    calendar: WorkCalendar = NATIONAL,
    pauses: Iterable[Pause] = (),
    kind: str = "working_days",
    received: dt.date | None = None,
    extension: int = 0,
) -> Deadline:
    """The ``days``-th working day after ``start`` (``start`` itself never counts), skipping paused days.

    This is the one loop every deadline goes through, so they all skip the same days for the same
    reasons. It walks day by day: periods are at most a few dozen working days, and walking is what
    makes the explanation exact. An unknown year anywhere on the way raises, never guesses.
    """
    _check_days(days)
    _check_days(extension)
    pauses = tuple(sorted(pauses, key=lambda p: (p.start, p.end)))
    total = days + extension
    calendar.require_year(start, "start date")
    counted: list[dt.date] = []
    skipped: list[DayNote] = []
    makeup: list[DayNote] = []
    date = start
    while len(counted) < total:
        date += ONE_DAY
        try:
            info = calendar.day(date)
        except ClockError as exc:
            raise ClockError(exc.code, f"{exc.detail}; reached while counting {total} working days after "
                             f"{start.isoformat()}", **exc.fields) from None
        if not info.working:
            skipped.append(DayNote(date, info.kind, info.reason or ""))
            continue
        pause = next((p for p in pauses if p.covers(date)), None)
        if pause is not None:
            reason = M.PAUSE.format(label=pause.label) if pause.label else M.PAUSE_PLAIN
            skipped.append(DayNote(date, PAUSE, reason))
            continue
        counted.append(date)
        if info.kind == MAKEUP:
            makeup.append(DayNote(date, MAKEUP, info.reason or ""))
    # The years the counted days lie in (start itself is never counted).
    notes = ((year, calendar.schedule_note(year)) for year in range((start + ONE_DAY).year, date.year + 1))
    return Deadline(
        kind=kind, received=received or start, start=start, due=date, days=days, extension=extension,
        counted=tuple(counted), skipped=tuple(skipped), makeup=tuple(makeup), pauses=pauses,
        schedules=tuple((year, note) for year, note in notes if note is not None),
    )


def answer_deadline(
    received: dt.date,
    *,
    days: int = ANSWER_DAYS,
    extension: int = 0,
    pauses: Iterable[Pause] = (),
    supplemented: dt.date | None = None,
    calendar: WorkCalendar = NATIONAL,
) -> Deadline:
    """The answer deadline of Art 33, after any extension, consultation pauses and 补正 restart.

    ``supplemented`` is the day the supplemented application arrived after a 补正 request (Art 30): the
    clock then restarts from that day, and whatever ran before it no longer matters. ``extension`` is
    the single extension of at most 20 working days; it is counted on from the original deadline,
    which is the same as counting ``days + extension`` at once. ``days`` other than 20 serves an Art 35
    delayed deadline or a local rule.
    """
    _check_days(days, 1)
    _check_days(extension)
    if extension > MAX_EXTENSION:
        raise ClockError("extension_too_long", f"extension of {extension} working days exceeds {MAX_EXTENSION}",
                         days=extension, limit=MAX_EXTENSION)
    start = received
    if supplemented is not None:
        if supplemented < received:
            raise ClockError("bad_restart", f"supplement received {supplemented.isoformat()} before the "
                             f"application {received.isoformat()}",
                             restart=supplemented.isoformat(), received=received.isoformat())
        start = supplemented
    return count_working_days(start, days, calendar=calendar, pauses=pauses, kind="answer",
                              received=received, extension=extension)


def correction_request_deadline(received: dt.date, *, calendar: WorkCalendar = NATIONAL) -> Deadline:
    """Last day to ask for a 补正 (Art 30: within 7 working days of receipt); later asks do not restart."""
    return count_working_days(received, CORRECTION_REQUEST_DAYS, calendar=calendar, kind="correction_request")


def fee_payment_deadline(
    notice_received: dt.date, *, calendar: WorkCalendar = NATIONAL, pauses: Iterable[Pause] = ()
) -> Deadline:
    """Last day to pay the 信息处理费; an unpaid fee after it means the application is abandoned."""
    return count_working_days(notice_received, FEE_PAYMENT_DAYS, calendar=calendar, pauses=pauses,
                              kind="fee_payment")


def third_party_deadline(letter_received: dt.date, *, calendar: WorkCalendar = NATIONAL) -> Deadline:
    """Last day for a consulted third party to answer (Art 32: 15 working days from receiving the letter)."""
    return count_working_days(letter_received, THIRD_PARTY_DAYS, calendar=calendar, kind="third_party")


def working_days_left(
    today: dt.date, due: dt.date, *, calendar: WorkCalendar = NATIONAL, pauses: Iterable[Pause] = ()
) -> int:
    """Working days from ``today`` (exclusive) to ``due`` (inclusive); negative when overdue.

    Staff lists sort and colour open applications by this number, so it uses the same calendar and
    pauses as the deadline itself. 0 means the deadline is today.
    """
    pauses = tuple(pauses)
    sign, low, high = (1, today, due) if today <= due else (-1, due, today)
    calendar.require_year(low)
    calendar.require_year(high)
    n = 0
    date = low
    while date < high:
        date += ONE_DAY
        if calendar.is_working_day(date) and not any(p.covers(date) for p in pauses):
            n += 1
    return sign * n
