"""One agency over the years: its tables side by side, what changed, and what its narrative kept.

For the office, a report is read against the one before it: a figure that moved, this year's 上年结转
that is not last year's 结转下年度, a 总体情况 that is last year's with the numbers changed. So every
cell is shown for every year with a mark where it differs from the year before (and a stronger one
where the carry-over does not match), the narrative sections 一, 五, 六 are compared sentence by
sentence (difflib), and each pair of consecutive years gets the corpus engine's similarity score.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

from gongkai.report import schema
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import ReportVersion

from . import copying
from .findings import cell_label
from .models import ExternalReport, Filing
from .sources import SourcedReport, report_of

NARRATIVE = (1, 5, 6)
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
CARRIED_IN, CARRIED_OUT = "applications.carried_in.", "applications.carried_out."


def years_of(agency: Agency) -> list[int]:
    """The years for which the agency has a published version, a filing or an uploaded report."""
    found = set(ReportVersion.objects.filter(report__agency=agency).values_list("report__year", flat=True))
    found |= set(Filing.objects.filter(agency=agency).values_list("year", flat=True))
    found |= set(ExternalReport.objects.filter(agency=agency, year__isnull=False, document__isnull=False)
                 .values_list("year", flat=True))
    return sorted(found)


@dataclass(frozen=True)
class Value:
    text: str
    changed: bool = False  # differs from the year before (both present)
    mismatch: bool = False  # 上年结转 ≠ last year's 结转下年度


@dataclass(frozen=True)
class Line:
    path: str
    label: str
    values: tuple[Value, ...]

    @property
    def any_change(self) -> bool:
        return any(v.changed or v.mismatch for v in self.values)


@dataclass(frozen=True)
class TableView:
    key: str
    label: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Segment:
    op: str  # "equal" | "delete" | "insert"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    number: int
    heading: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class YearPair:
    before: int
    after: int
    score: float | None
    sections: tuple[SectionDiff, ...]


@dataclass(frozen=True)
class History:
    agency: Agency
    years: list[int]
    reports: dict[int, SourcedReport]
    tables: list[TableView]
    pairs: list[YearPair]


def _number(report, path: str):
    cell = report.cell_at(path) if report is not None else None
    return None if cell is None else cell.value


def _text(value) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def tables(reports: dict[int, SourcedReport], years: list[int]) -> list[TableView]:
    """Each statutory table of the newest report's format, one line per cell, one value per year."""
    if not years:
        return []
    newest = reports[years[-1]].report
    spec = schema.FORMATS.get(newest.format) or schema.FORMATS["2021"]
    out = []
    for table in spec.tables:
        lines = []
        for path in table.cell_paths():
            values, previous = [], None
            for n, year in enumerate(years):
                value = _number(reports[year].report, path)
                changed = n > 0 and years[n - 1] == year - 1 and value != previous
                mismatch = False
                if path.startswith(CARRIED_IN) and (year - 1) in reports:
                    last = _number(reports[year - 1].report, CARRIED_OUT + path[len(CARRIED_IN):])
                    mismatch = value is not None and last is not None and value != last
                values.append(Value(_text(value), changed, mismatch))
                previous = value
            lines.append(Line(path, cell_label(newest, path), tuple(values)))
        out.append(TableView(table.key, table.label, tuple(lines)))
    return out


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def diff(before: str, after: str) -> tuple[Segment, ...]:
    """The sentences of ``after`` against ``before``: kept, removed, added (a replaced sentence is
    shown removed then added)."""
    a, b = sentences(before), sentences(after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(out)


def _section(sourced: SourcedReport, number: int) -> str:
    section = sourced.report.sections.get(number)
    return section.text if section is not None else ""


def pair(before: SourcedReport, after: SourcedReport) -> YearPair:
    sections = tuple(SectionDiff(n, schema.SECTIONS[n - 1].label, diff(_section(before, n), _section(after, n)))
                     for n in NARRATIVE)
    return YearPair(before.year, after.year, copying.score(copying.cleaned(before), copying.cleaned(after)), sections)


def history(agency: Agency) -> History:
    reports = {}
    for year in years_of(agency):
        found = report_of(agency, year)
        if found is not None:
            reports[year] = found
    years = sorted(reports)
    pairs = [pair(reports[a], reports[b]) for a, b in itertools.pairwise(years)]
    return History(agency, years, reports, tables(reports, years), pairs)
