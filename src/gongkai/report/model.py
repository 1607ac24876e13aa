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


class _BlankCell(Cell):
    """The one blank cell ``TableData.empty`` puts everywhere: building a ``Cell`` per position of
    every table of every report was a measurable part of parsing, and nearly every cell is filled
    anyway. Shared, so it refuses to change: a cell is replaced (``rows[r][c] = Cell(...)``), never
    changed in place. Equal to ``Cell()``; copied or pickled, it stays itself."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"the shared blank cell cannot change ({name}): replace it with a new Cell")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cell):
            return NotImplemented
        return other.value is None and other.raw is None and other.where is None and other.inferred is False

    __hash__ = None  # type: ignore[assignment]  # as Cell's

    def __repr__(self) -> str:
        return "Cell(value=None, raw=None, where=None, inferred=False)"

    def __reduce__(self) -> str:
        return "BLANK_CELL"  # pickled and copied as the one shared blank cell of this module


def _blank_cell() -> _BlankCell:
    blank = object.__new__(_BlankCell)
    for name, default in (("value", None), ("raw", None), ("where", None), ("inferred", False)):
        object.__setattr__(blank, name, default)
    return blank


BLANK_CELL = _blank_cell()
# Per schema table: (the table, its rows as {column key: the blank cell}). Schema tables are module
# constants; the table is kept to check that an id was not reused.
_EMPTY_ROWS: dict[int, tuple[schema.Table, list[tuple[str, dict[str, Cell]]]]] = {}


def _empty_rows(spec: schema.Table) -> list[tuple[str, dict[str, Cell]]]:
    found = _EMPTY_ROWS.get(id(spec))
    if found is None or found[0] is not spec:
        found = _EMPTY_ROWS[id(spec)] = (
            spec, [(row.key, dict.fromkeys([col.key for col in row.columns], BLANK_CELL)) for row in spec.rows]
        )
    return found[1]


@dataclass(slots=True)
class ExtraRow:
    """A local row some provinces add to section 二 (e.g. 其他主动公开文件)."""

    label: str
    values: list[Number | None]
    where: Location | None = None


@dataclass(slots=True)
class TableData:
    """The cells of one statutory table, keyed by row key then column key. A cell is replaced, never
    changed in place: blank cells are one shared object (``BLANK_CELL``)."""

    spec: schema.Table
    rows: dict[str, dict[str, Cell]]
    extra: list[ExtraRow] = field(default_factory=list)

    @classmethod
    def empty(cls, spec: schema.Table) -> TableData:
        """Every cell blank: the shared ``BLANK_CELL``, which is replaced as cells are filled."""
        return cls(spec, {key: row.copy() for key, row in _empty_rows(spec)})

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
    # Cells read by OCR, by path: the page or picture, the box in its pixels, the engine's confidence.
    ocr: dict[str, dict] | None = None

    def tables(self) -> list[TableData]:
        return [t for t in (self.proactive, self.applications, self.appeals) if t is not None]

    def cell_at(self, path: str) -> Cell | None:
        table, _, rest = path.partition(".")
        row, _, col = rest.rpartition(".")
        data = getattr(self, table, None)
        if data is None or row not in data.rows:
            return None
        return data.rows[row].get(col)
