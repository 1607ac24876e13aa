"""Typed report objects: what a parsed (or assembled) annual report holds.

The model is independent of where the report came from; ``Location`` keeps the provenance of
each cell so that findings can point a clerk at the exact place in the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import schema


@dataclass(frozen=True, slots=True)
class Location:
    """Where a piece of text was found. Text readers fill ``line``; table readers fill the rest."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行")
            if self.col is not None:
                parts.append(f"第{self.col}列")
        return "".join(parts)

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("line", "page", "table", "row", "col") if getattr(self, k) is not None}


@lru_cache(maxsize=65536)
@lru_cache(maxsize=131072)
def location(
    line: int | None = None, page: int | None = None, table: int | None = None, row: int | None = None,
    col: int | None = None,
) -> Location:
    """A shared ``Location``: readers make one per line and per cell, and equal ones are
    interchangeable (frozen), so each distinct place is built once. Pass arguments by position in
    hot loops."""
    return Location(line, page, table, row, col)


Number = int | float


@dataclass(slots=True)
class Cell:
    """One statutory cell: its value, the raw text it was read from and where."""

    value: Number | None = None
    raw: str | None = None
    where: Location | None = None
    # True when the value was not read directly (placed by position, unit converted, "无" → 0).
    inferred: bool = False


@dataclass(slots=True)
class ExtraRow:
    """A local row some provinces add to section 二 (e.g. 其他主动公开文件)."""

    label: str
    values: list[Number | None]
    where: Location | None = None


@dataclass(slots=True)
class TableData:
    """The cells of one statutory table, keyed by row key then column key."""

    spec: schema.Table
    rows: dict[str, dict[str, Cell]]
    extra: list[ExtraRow] = field(default_factory=list)

    @classmethod
    def empty(cls, spec: schema.Table) -> TableData:
        return cls(spec, {row.key: {col.key: Cell() for col in row.columns} for row in spec.rows})

    def cell(self, row: str, col: str) -> Cell:
        return self.rows[row][col]

    def value(self, row: str, col: str) -> Number | None:
        return self.rows[row][col].value

    def path(self, row: str, col: str) -> str:
        return f"{self.spec.key}.{row}.{col}"

    def is_blank(self) -> bool:
        return all(c.value is None for r in self.rows.values() for c in r.values())


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    cells: tuple[str, ...] = ()
    where: Location | None = None


@dataclass(slots=True)
class SectionText:
    number: int
    heading: str
    text: str
    where: Location | None = None


@dataclass(slots=True)
class Source:
    path: str
    sha256: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class Report:
    source: Source
    issuer: str | None = None
    year: int | None = None
    format: str = "unknown"
    published_on: date | None = None
    title: str | None = None
    proactive: TableData | None = None
    applications: TableData | None = None
    appeals: TableData | None = None
    sections: dict[int, SectionText] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Evidence for the format of the tables as laid out, independent of the year.
    layout_format: str | None = None
    # Headline figures of a pre2019 report (no national table), read from its text.
    headlines: dict[str, int | None] | None = None
    # Where the text ends inside a table ("applications.partial"), and the cells after that point,
    # which the text does not show: not visible, not missing.
    truncated: str | None = None
    invisible: frozenset[str] = frozenset()

    def tables(self) -> list[TableData]:
        return [t for t in (self.proactive, self.applications, self.appeals) if t is not None]

    def cell_at(self, path: str) -> Cell | None:
        table, _, rest = path.partition(".")
        row, _, col = rest.rpartition(".")
        data = getattr(self, table, None)
        if data is None or row not in data.rows:
            return None
        return data.rows[row].get(col)
