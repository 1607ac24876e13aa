"""A year's official holiday schedule, entered by people because no package knows it yet.

The State Council's notice on the next year's holidays (国务院办公厅关于××年部分节假日安排的通知)
comes out in the autumn or winter, and the ``chinese-calendar`` package learns it only in a later
release. Between the notice and the upgrade, and for a deployment that cannot upgrade at once, the
schedule is typed in: by the ``--calendar FILE`` of ``gongkai deadline`` (CONTRACT.md) or in the
platform's back office. A schedule replaces the package's data for its year, so it may also correct a
year the package got wrong.

A schedule lists what the notice lists: every rest day of the holiday spans (weekdays, and the
weekend days inside a span), and the weekend days that become working days (调休). Any other
Monday–Friday works and any other Saturday/Sunday rests. Everything is checked when the schedule is
made, because a wrong date here silently moves every deadline that crosses it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import messages as M
from .errors import ClockError

# Years a schedule may be entered for: the 条例 of 2008 onward, with room for decades to come. A key
# outside this range is a typo (e.g. "20277"), not a year anyone will enter a notice for.
FIRST_YEAR, LAST_YEAR = 2000, 2199
LIST_KEYS = ("holidays", "workdays")
OTHER_KEYS = ("note",)


def _refuse(detail: str, template: str, **fields: object) -> ClockError:
    return ClockError("bad_schedule", detail, problem=template.format(**fields))


def _weekday(date: dt.date) -> str:
    return M.WEEKDAYS[date.weekday()]


@dataclass(frozen=True)
class YearSchedule:
    """The rest days (with their holiday's name) and 调休 working days of one year, as the notice says.

    Immutable (read-only mappings), so a calendar built from it can be shared between requests and
    threads; ``replace`` and the loaders return new objects. ``note`` says where the data comes from
    (the notice's 文号 and date) and is repeated in every deadline's explanation that uses it.
    """

    year: int
    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    note: str = ""

    def __post_init__(self) -> None:
        holidays, workdays = dict(self.holidays), dict(self.workdays)
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise _refuse(f"year {self.year} is outside {FIRST_YEAR}-{LAST_YEAR}", M.SCHEDULE_NOT_A_YEAR,
                          key=self.year)
        if not holidays:
            raise _refuse(f"{self.year}: no rest days listed (every year has at least New Year's Day)",
                          M.SCHEDULE_NO_HOLIDAYS, year=self.year)
        for what, days in (("holidays", holidays), ("workdays", workdays)):
            for date in days:
                if date.year != self.year:
                    raise _refuse(f"{date.isoformat()} is listed under {what} of {self.year}",
                                  M.SCHEDULE_WRONG_YEAR, date=date.isoformat(), year=self.year)
        for date in sorted(holidays.keys() & workdays.keys()):
            raise _refuse(f"{date.isoformat()} is listed both as a holiday and as a workday of {self.year}",
                          M.SCHEDULE_BOTH, date=date.isoformat())
        for date in sorted(workdays):
            if date.weekday() < 5:
                # The notice only ever lists Saturdays and Sundays as 上班: a weekday under "workdays" is a
                # typo (probably a rest day put in the wrong list) and would be a no-op or worse.
                raise _refuse(f"{date.isoformat()} is a {date.strftime('%A')}; make-up workdays are always a "
                              "Saturday or Sunday", M.SCHEDULE_WORKDAY_NOT_WEEKEND,
                              date=date.isoformat(), weekday=_weekday(date))
        object.__setattr__(self, "holidays", MappingProxyType(dict(sorted(holidays.items()))))
        object.__setattr__(self, "workdays", MappingProxyType(dict(sorted(workdays.items()))))

    def __hash__(self) -> int:
        return hash((self.year, tuple(self.holidays.items()), tuple(self.workdays.items()), self.note))

    def to_json(self) -> dict[str, Any]:
        """The per-year object of CONTRACT.md (dates with their names, which the loader also reads)."""
        out: dict[str, Any] = {
            "holidays": [_item(d, n) for d, n in self.holidays.items()],
            "workdays": [_item(d, n) for d, n in self.workdays.items()],
        }
        if self.note:
            out["note"] = self.note
        return out

    def summary(self) -> str:
        """One Chinese line per list, for the audit trail (old and new values) and the back office."""
        return M.SCHEDULE_SUMMARY.format(
            year=self.year, holidays=_spans_text(self.holidays), workdays=_spans_text(self.workdays) or M.NONE,
            note=self.note or M.NONE)


def _item(date: dt.date, name: str) -> str | dict[str, str]:
    return {"date": date.isoformat(), "name": name} if name else date.isoformat()


def _groups(days: Mapping[dt.date, str]) -> list[tuple[dt.date, dt.date, str]]:
    """Consecutive days with one name as one ``(first, last, name)`` span."""
    groups: list[list] = []
    for date, name in days.items():
        if groups and groups[-1][2] == name and groups[-1][1] + dt.timedelta(days=1) == date:
            groups[-1][1] = date
        else:
            groups.append([date, date, name])
    return [(first, last, name) for first, last, name in groups]


def _when(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


def _spans_text(days: Mapping[dt.date, str]) -> str:
    """``2027-02-06 至 2027-02-12（春节）、…``, for the audit trail."""
    return "、".join(f"{_when(a, b)}（{n}）" if n else _when(a, b) for a, b, n in _groups(days))


# --- the JSON of CONTRACT.md -------------------------------------------------------------------------


def _date_item(item: object, year: int, what: str, index: int) -> tuple[dt.date, str]:
    """A list item: ``"2027-01-01"`` (the contract's form) or ``{"date": "2027-01-01", "name": "元旦"}``."""
    name = ""
    if isinstance(item, dict):
        extra = set(item) - {"date", "name"}
        if "date" not in item or extra or not isinstance(item.get("name", ""), str):
            raise _refuse(f"{year}.{what}[{index}]: an object item needs 'date' and an optional string 'name', "
                          f"got keys {sorted(item)}", M.SCHEDULE_BAD_ITEM, year=year, what=M.LISTS[what],
                          index=index + 1)
        name = item.get("name", "").strip()
        item = item["date"]
    if not isinstance(item, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item):
        raise _refuse(f"{year}.{what}[{index}]: {item!r} is not an ISO date (YYYY-MM-DD)", M.SCHEDULE_BAD_DATE,
                      value=item, year=year, what=M.LISTS[what])
    try:
        date = dt.date.fromisoformat(item)
    except ValueError:
        raise _refuse(f"{year}.{what}[{index}]: {item!r} is not a date of the calendar", M.SCHEDULE_BAD_DATE,
                      value=item, year=year, what=M.LISTS[what]) from None
    return date, name


def schedule_from_json(year: int, doc: object) -> YearSchedule:
    """One year's object, ``{"holidays": [...], "workdays": [...]}``, checked and turned into a schedule.

    Both lists are required (an empty ``workdays`` says "no 调休" on purpose), and unknown keys are
    refused: a misspelt "workday" would otherwise drop every make-up day without a word.
    """
    if not isinstance(doc, dict):
        raise _refuse(f"{year}: expected an object with 'holidays' and 'workdays', got {type(doc).__name__}",
                      M.SCHEDULE_NOT_AN_OBJECT, year=year)
    unknown = sorted(set(doc) - set(LIST_KEYS) - set(OTHER_KEYS))
    missing = [k for k in LIST_KEYS if k not in doc]
    if unknown or missing:
        raise _refuse(f"{year}: keys must be {list(LIST_KEYS)} (and optional 'note'); unknown {unknown}, "
                      f"missing {missing}", M.SCHEDULE_KEYS, year=year, keys="、".join(unknown + missing))
    lists: dict[str, dict[dt.date, str]] = {}
    for what in LIST_KEYS:
        items = doc[what]
        if not isinstance(items, list):
            raise _refuse(f"{year}.{what} must be a list, got {type(items).__name__}", M.SCHEDULE_NOT_A_LIST,
                          year=year, what=M.LISTS[what])
        days: dict[dt.date, str] = {}
        for i, item in enumerate(items):
            date, name = _date_item(item, year, what, i)
            if date in days:
                raise _refuse(f"{year}.{what}: {date.isoformat()} is listed twice", M.SCHEDULE_TWICE,
                              date=date.isoformat(), what=M.LISTS[what])
            days[date] = name
        lists[what] = days
    note = doc.get("note", "")
    if not isinstance(note, str):
        raise _refuse(f"{year}.note must be a string", M.SCHEDULE_KEYS, year=year, keys="note")
    return YearSchedule(year, lists["holidays"], lists["workdays"], note.strip())


def _year_key(key: str) -> int:
    if not re.fullmatch(r"\d{4}", key) or not FIRST_YEAR <= int(key) <= LAST_YEAR:
        raise _refuse(f"top-level key {key!r} is not a year ({FIRST_YEAR}-{LAST_YEAR})", M.SCHEDULE_NOT_A_YEAR,
                      key=key)
    return int(key)


def load_schedules(text: str | bytes) -> tuple[YearSchedule, ...]:
    """The whole ``--calendar`` document, ``{"2027": {...}, "2028": {...}}``, one schedule per year."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _refuse(f"not UTF-8 (byte {exc.start})", M.SCHEDULE_NOT_UTF8) from None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise _refuse(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", M.SCHEDULE_BAD_JSON,
                      line=exc.lineno, column=exc.colno) from None
    if not isinstance(doc, dict) or not doc:
        raise _refuse("the top level must be a non-empty object keyed by year", M.SCHEDULE_TOP_LEVEL)
    return tuple(schedule_from_json(_year_key(key), value) for key, value in doc.items())


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; two "2027" objects in one file is a mistake to show.
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _refuse(f"key {key!r} appears twice in one object", M.SCHEDULE_DUPLICATE_KEY, key=key)
        seen[key] = value
    return seen


def load_schedule_file(path: str | Path) -> tuple[YearSchedule, ...]:
    """``load_schedules`` of a file; a file that cannot be read is refused the same way."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _refuse(f"cannot read {path}: {exc.strerror or exc}", M.SCHEDULE_UNREADABLE, path=path) from None
    return load_schedules(data)


# --- lines typed in the back office ------------------------------------------------------------------

_LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|～|–|—|\.\.)\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?"
    r"(?:[\s,，:：]+(?P<name>.*))?$")


def parse_day_lines(text: str, year: int, what: str) -> dict[dt.date, str]:
    """Days typed one per line, ``2027-01-01 元旦`` or a span ``2027-02-06 至 2027-02-12 春节``.

    Why a span is allowed: the notice itself says "2月6日至12日放假调休，共7天", and typing seven lines
    by hand is where a day gets lost. Blank lines are ignored; every other line must parse, and the
    error names the line, because the clerk fixes the form, not a JSON file.
    """
    days: dict[dt.date, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        m = _LINE.match(line)
        first = last = None
        if m:
            try:
                first = dt.date.fromisoformat(_pad(m["first"]))
                last = dt.date.fromisoformat(_pad(m["last"])) if m["last"] else first
            except ValueError:
                first = None
        if first is None or last is None or last < first or (last - first).days > 31:
            raise _refuse(f"{what} line {number}: {line!r} is not 'YYYY-MM-DD [name]' or "
                          "'YYYY-MM-DD 至 YYYY-MM-DD [name]' (a span of at most a month)", M.SCHEDULE_BAD_LINE,
                          what=M.LISTS[what], line=number, text=line)
        name = (m["name"] or "").strip()
        date = first
        while date <= last:
            if date.year != year:
                raise _refuse(f"{what} line {number}: {date.isoformat()} is not in {year}", M.SCHEDULE_WRONG_YEAR,
                              date=date.isoformat(), year=year)
            if date in days:
                raise _refuse(f"{what} line {number}: {date.isoformat()} is listed twice", M.SCHEDULE_TWICE,
                              date=date.isoformat(), what=M.LISTS[what])
            days[date] = name
            date += dt.timedelta(days=1)
    return days


def _pad(text: str) -> str:
    y, m, d = text.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


def day_lines(days: Mapping[dt.date, str]) -> str:
    """The inverse of ``parse_day_lines`` (spans joined again), to fill the form with what is stored."""
    return "\n".join(f"{_when(a, b)} {n}".rstrip() for a, b, n in _groups(days))


def merge(schedules: Iterable[YearSchedule]) -> dict[int, YearSchedule]:
    """Schedules by year; a later one for the same year replaces an earlier one (a correction)."""
    return {s.year: s for s in schedules}
