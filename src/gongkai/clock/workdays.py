"""The working-day calendar of mainland China: national rest days, 调休 make-up days, local holidays.

The national data comes from the maintained PyPI package ``chinese-calendar``, which transcribes the
State Council's yearly holiday notice. The notice for a year appears only in the preceding autumn or
winter, so the package knows a closed range of years; asking about any other year raises
``ClockError("year_unknown")`` rather than falling back to "Monday to Friday", which would be wrong
by up to a week around every holiday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata

from chinese_calendar import constants as _cc

from . import messages as M
from .errors import ClockError

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


class WorkCalendar:
    """National working days plus an agency's local rest days.

    ``local_holidays`` maps extra rest dates to their names (or is a plain iterable of dates), e.g. the
    Corban and Ramadan festivals set by the Xinjiang regional government or the Tibetan New Year in
    Tibet. They are data, not code, because each region announces them yearly. A local rest date makes
    a working day (including a 调休 make-up day) a rest day; it never turns a rest day into a working day.
    """

    def __init__(self, local_holidays: Mapping[dt.date, str] | Iterable[dt.date] = ()) -> None:
        if isinstance(local_holidays, Mapping):
            self.local_holidays = {d: (name or M.LOCAL_DEFAULT_NAME) for d, name in local_holidays.items()}
        else:
            self.local_holidays = dict.fromkeys(local_holidays, M.LOCAL_DEFAULT_NAME)

    @staticmethod
    def known_years() -> tuple[int, int]:
        return min(KNOWN_YEARS), max(KNOWN_YEARS)

    def require_year(self, date: dt.date, context: str = "") -> None:
        if date.year not in KNOWN_YEARS:
            low, high = self.known_years()
            detail = (
                f"chinese-calendar {CALENDAR_VERSION} has holiday data for {low}-{high} only; "
                f"{date.isoformat()} is in {date.year}"
            )
            if context:
                detail += f" ({context})"
            detail += "; upgrade chinese-calendar once the State Council notice for that year is out"
            raise ClockError("year_unknown", detail, year=date.year)

    def day(self, date: dt.date) -> Day:
        self.require_year(date)
        if date in _cc.holidays:
            return Day(date, HOLIDAY, M.HOLIDAY.format(name=_holiday_name(_cc.holidays[date])))
        if date.weekday() >= 5 and date not in _cc.workdays:
            return Day(date, WEEKEND, M.WEEKEND)
        if date in self.local_holidays:
            return Day(date, LOCAL, M.LOCAL.format(name=self.local_holidays[date]))
        if date in _cc.workdays:
            return Day(date, MAKEUP, M.MAKEUP.format(name=_holiday_name(_cc.workdays[date])))
        return Day(date, WORKDAY, None)

    def is_working_day(self, date: dt.date) -> bool:
        return self.day(date).working


NATIONAL = WorkCalendar()
