"""The working-day calendar of mainland China: national rest days, 调休 make-up days, local holidays.

The national data comes from the maintained PyPI package ``chinese-calendar``, which transcribes the
State Council's yearly holiday notice. The notice for a year appears only in the preceding autumn or
winter, so the package knows a closed range of years. A year's notice can also be entered by hand
(``schedule.YearSchedule``) and then overrides the package for that year. Asking about a year known to
neither raises ``ClockError("year_unknown")`` rather than falling back to "Monday to Friday", which
would be wrong by up to a week around every holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from types import MappingProxyType

from chinese_calendar import constants as _cc

from . import messages as M
from .errors import ClockError
from .schedule import YearSchedule, merge

# Kinds of day, in the order the reason is chosen.
WORKDAY = "workday"
WEEKEND = "weekend"
HOLIDAY = "holiday"
MAKEUP = "makeup"
LOCAL = "local_holiday"
PAUSE = "pause"


def _package_version() -> str:
    try:
        return metadata.version("chinese-calendar")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed under another name
        return "unknown"


CALENDAR_VERSION = _package_version()
# Years the national data covers. Taken from the holiday table itself (every year has at least 元旦),
# not from min..max, so that a gap in the data would also be refused.
KNOWN_YEARS: frozenset[int] = frozenset(d.year for d in _cc.holidays)


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day as the clock sees it: whether it counts, and why (for the explanation)."""

    date: dt.date
    kind: str  # WORKDAY, WEEKEND, HOLIDAY, MAKEUP, LOCAL
    reason: str | None  # Chinese, None for an ordinary Monday–Friday

    @property
    def working(self) -> bool:
        return self.kind in (WORKDAY, MAKEUP)


def _holiday_name(value: str) -> str:
    return M.HOLIDAY_NAMES.get(value, value)


def package_schedule(year: int) -> YearSchedule | None:
    """The package's data for ``year`` as a schedule (Chinese names), None for a year it does not know.

    Why: a person correcting a known year starts from what the calendar says today, and the audit of
    the correction needs the values it replaced.
    """
    if year not in KNOWN_YEARS:
        return None
    holidays = {d: _holiday_name(n) for d, n in _cc.holidays.items() if d.year == year}
    workdays = {d: _holiday_name(n) for d, n in _cc.workdays.items() if d.year == year}
    return YearSchedule(year, holidays, workdays, M.PACKAGE_NOTE.format(version=CALENDAR_VERSION))


class WorkCalendar:
    """National working days plus an agency's local rest days, and the years' schedules entered by hand.

    ``local_holidays`` maps extra rest dates to their names (or is a plain iterable of dates), e.g. the
    Corban and Ramadan festivals set by the Xinjiang regional government or the Tibetan New Year in
    Tibet. They are data, not code, because each region announces them yearly. A local rest date makes
    a working day (including a 调休 make-up day) a rest day; it never turns a rest day into a working day.

    ``schedules`` are ``YearSchedule`` objects (the State Council's notice, typed in because the package
    does not know the year yet, or corrects it): each replaces the package's data for its whole year.
    The years the calendar knows are the package's and the scheduled ones; any other year raises.
    A calendar never changes after it is made; ``with_schedules`` and ``with_local_holidays`` return a
    new one.
    """

    def __init__(self, local_holidays: Mapping[dt.date, str] | Iterable[dt.date] = (),
                 schedules: Iterable[YearSchedule] = ()) -> None:
        if isinstance(local_holidays, Mapping):
            self.local_holidays = {d: (name or M.LOCAL_DEFAULT_NAME) for d, name in local_holidays.items()}
        else:
            self.local_holidays = dict.fromkeys(local_holidays, M.LOCAL_DEFAULT_NAME)
        self.schedules: Mapping[int, YearSchedule] = MappingProxyType(merge(schedules))
        self.years: frozenset[int] = KNOWN_YEARS | frozenset(self.schedules)

    def with_schedules(self, schedules: Iterable[YearSchedule]) -> WorkCalendar:
        """A new calendar with these schedules added (a year already scheduled is replaced)."""
        return WorkCalendar(self.local_holidays, [*self.schedules.values(), *schedules])

    def with_local_holidays(self, local_holidays: Mapping[dt.date, str]) -> WorkCalendar:
        """A new calendar with these local rest days added, the schedules kept."""
        return WorkCalendar({**self.local_holidays, **local_holidays}, self.schedules.values())

    @staticmethod
    def known_years() -> tuple[int, int]:
        """The range of the package's data (the scheduled years are in ``years``)."""
        return min(KNOWN_YEARS), max(KNOWN_YEARS)

    def require_year(self, date: dt.date, context: str = "") -> None:
        if date.year not in self.years:
            low, high = self.known_years()
            detail = (
                f"chinese-calendar {CALENDAR_VERSION} has holiday data for {low}-{high} only; "
                f"{date.isoformat()} is in {date.year}"
            )
            if self.schedules:
                detail += f" and schedules were entered for {', '.join(map(str, sorted(self.schedules)))} only"
            if context:
                detail += f" ({context})"
            detail += ("; enter that year's schedule from the State Council notice (platform back office, "
                       "or gongkai deadline --calendar FILE), or upgrade chinese-calendar once it has the year")
            raise ClockError("year_unknown", detail, year=date.year)

    def schedule_note(self, year: int) -> str | None:
        """Where a scheduled year's data comes from ("" when not said); None for the package's years."""
        sched = self.schedules.get(year)
        return None if sched is None else sched.note

    def day(self, date: dt.date) -> Day:
        self.require_year(date)
        sched = self.schedules.get(date.year)
        if sched is not None:
            holidays, workdays = sched.holidays, sched.workdays
            holiday_name = workday_name = str
        else:
            holidays, workdays = _cc.holidays, _cc.workdays
            holiday_name = workday_name = _holiday_name
        if date in holidays:
            name = holiday_name(holidays[date])
            return Day(date, HOLIDAY, M.HOLIDAY.format(name=name) if name else M.HOLIDAY_PLAIN)
        if date.weekday() >= 5 and date not in workdays:
            return Day(date, WEEKEND, M.WEEKEND)
        if date in self.local_holidays:
            return Day(date, LOCAL, M.LOCAL.format(name=self.local_holidays[date]))
        if date in workdays:
            name = workday_name(workdays[date])
            return Day(date, MAKEUP, M.MAKEUP.format(name=name) if name else M.MAKEUP_PLAIN)
        return Day(date, WORKDAY, None)

    def is_working_day(self, date: dt.date) -> bool:
        return self.day(date).working


NATIONAL = WorkCalendar()
