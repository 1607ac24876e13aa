"""The official layout of a report as a neutral document: headings, paragraphs and merged-cell grids.

Why one layout for four outputs: the statutory forms fix which cell spans which rows and columns,
and that must be identical in the Word file, the web page, the Markdown and the PDF. This module
derives the grids from ``schema`` once (labels, row order, groups) and every output walks them,
so a change of the form is one change here. A grid cell knows its span, whether it is a header,
which headers describe it (for the HTML ``headers`` attribute) and which statutory cell it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .. import schema
from ..controls import strip_controls
from ..messages import RENDER
from ..model import Number, Report, TableData


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    # "caption" (a 第二十条 row), "header" (column header), "stub" (row header), "note", "value".
    role: str = "value"
    # HTML scope of a header cell: col, colgroup, row or rowgroup.
    scope: str | None = None
    id: str | None = None
    headers: tuple[str, ...] = ()
    path: str | None = None  # the statutory cell a value shows, e.g. "applications.new.total"

    @property
    def is_header(self) -> bool:
        return self.role in ("caption", "header", "stub")


@dataclass(slots=True)
class Grid:
    key: str
    label: str
    width: int
    # Rows at the top that repeat when a table breaks across pages.
    header_rows: int
    widths: tuple[float, ...]
    cells: list[GridCell] = field(default_factory=list)
    height: int = 0

    def add(self, cell: GridCell) -> GridCell:
        self.cells.append(cell)
        self.height = max(self.height, cell.row + cell.rowspan)
        return cell

    def rows(self) -> list[list[GridCell]]:
        """The cells that start in each row, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.height)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out

    def matrix(self) -> list[list[GridCell | None]]:
        """Every grid position: the cell starting there, or None where a merged cell covers it."""
        out: list[list[GridCell | None]] = [[None] * self.width for _ in range(self.height)]
        for cell in self.cells:
            out[cell.row][cell.col] = cell
        return out


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1: the title; 2: a section heading


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    # "body" (narrative, justified with a first-line indent) or "signature" (right-aligned).
    role: str = "body"


Block = Heading | Paragraph | Grid


@dataclass(slots=True)
class Document:
    title: str
    blocks: list[Block]


def without_controls(doc: Document) -> Document:
    """A copy of ``doc`` whose every text has no control characters (see ``controls``).

    Why in the renderers and not only on input: a report snapshot or a contract JSON written before
    (or outside) the platform's input guard must still give a Word file and a PDF that open.
    """

    def grid(g: Grid) -> Grid:
        cells = [replace(c, text=strip_controls(c.text)) for c in g.cells]
        return Grid(g.key, strip_controls(g.label), g.width, g.header_rows, g.widths, cells, g.height)

    def block(b: Block) -> Block:
        return grid(b) if isinstance(b, Grid) else replace(b, text=strip_controls(b.text))

    return Document(strip_controls(doc.title), [block(b) for b in doc.blocks])


def format_value(value: Number | None) -> str:
    """A cell's number as printed: plain digits, never an exponent, a float keeping its point.

    Why: the printed text is what the parser (and a clerk) reads back; "1e+16" or "38" for 38.0
    would not read back as the same number of the same kind.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    return str(value)


def title_of(report: Report) -> str:
    year = RENDER["year"].format(year=report.year) if report.year is not None else ""
    return RENDER["title"].format(issuer=report.issuer or "", year=year)


def date_of(report: Report) -> str | None:
    d = report.published_on
    return RENDER["date"].format(year=d.year, month=d.month, day=d.day) if d else None


def build(report: Report) -> Document:
    """The whole report in the official order: title, six sections, issuer and date."""
    fmt = schema.FORMATS[report.format]
    title = title_of(report)
    blocks: list[Block] = [Heading(title, 1)]
    tables = {2: _proactive(report, fmt), 3: _applications(report, fmt), 4: _appeals(report, fmt)}
    for section in schema.SECTIONS:
        blocks.append(Heading(section.label, 2))
        if section.number in tables:
            blocks.append(tables[section.number])
            continue
        text = report.sections.get(section.number)
        if text is not None:
            blocks.extend(Paragraph(line.strip()) for line in text.text.split("\n") if line.strip())
    if report.issuer:
        blocks.append(Paragraph(report.issuer, "signature"))
    date = date_of(report)
    if date:
        blocks.append(Paragraph(date, "signature"))
    return Document(title, blocks)


def _data(report: Report, spec: schema.Table) -> TableData:
    table = getattr(report, spec.key)
    return table if table is not None else TableData.empty(spec)


def _id(grid: Grid, name: str) -> str:
    return f"{grid.key}-{name}".replace(".", "-").replace("_", "-")


# --- section 二 ---------------------------------------------------------------------------------

def _proactive(report: Report, fmt: schema.Format) -> Grid:
    spec = fmt.proactive
    data = _data(report, spec)
    width = max([4, *(1 + len(e.values) for e in data.extra)])
    grid = Grid(spec.key, spec.label, width, 0, (2.2,) + (1.6,) * (width - 1))
    r = 0
    for g, (caption, keys) in enumerate(schema.PROACTIVE_GROUPS[fmt.key]):
        cap = grid.add(GridCell(caption, r, 0, colspan=width, role="caption", scope="colgroup",
                                id=_id(grid, f"g{g}")))
        r += 1
        columns = spec.row(keys[0]).columns
        stub = grid.add(GridCell(schema.PROACTIVE_ROW_HEADER, r, 0, role="header", scope="col",
                                 id=_id(grid, f"g{g}-stub"), headers=(cap.id,)))
        col_ids = []
        for i, column in enumerate(columns):
            span = width - len(columns) if i == len(columns) - 1 else 1
            cell = grid.add(GridCell(column.label, r, 1 + i, colspan=span, role="header", scope="col",
                                     id=_id(grid, f"g{g}-{column.key}"), headers=(cap.id,)))
            col_ids.append(cell.id)
        r += 1
        for key in keys:
            row_head = grid.add(GridCell(spec.row(key).label, r, 0, role="stub", scope="row",
                                         id=_id(grid, key), headers=(cap.id, stub.id)))
            for i, column in enumerate(columns):
                span = width - len(columns) if i == len(columns) - 1 else 1
                grid.add(GridCell(format_value(data.value(key, column.key)), r, 1 + i, colspan=span,
                                  headers=(cap.id, col_ids[i], row_head.id), path=data.path(key, column.key)))
            r += 1
    for e, extra in enumerate(data.extra):
        head = grid.add(GridCell(extra.label, r, 0, role="stub", scope="row", id=_id(grid, f"extra{e}")))
        for i in range(width - 1):
            value = extra.values[i] if i < len(extra.values) else None
            grid.add(GridCell(format_value(value), r, 1 + i, headers=(head.id,)))
        r += 1
    return grid


# --- section 三 ---------------------------------------------------------------------------------

def _applications(report: Report, fmt: schema.Format) -> Grid:
    spec = fmt.applications
    data = _data(report, spec)
    columns = schema.APPLICANT_COLUMNS
    grid = Grid(spec.key, spec.label, 3 + len(columns), 3, (1.1, 1.5, 3.4) + (1.0,) * len(columns))
    grid.add(GridCell(schema.APPLICATION_BALANCE_NOTE, 0, 0, rowspan=3, colspan=3, role="note"))
    top = grid.add(GridCell(schema.APPLICANT_GROUP, 0, 3, colspan=len(columns), role="header", scope="colgroup",
                            id=_id(grid, "applicants")))
    legal = _id(grid, "legal-persons")
    col_ids: dict[str, tuple[str, ...]] = {}
    for i, column in enumerate(columns):
        cid = _id(grid, column.key)
        if i == 0 or column.key == "total":
            grid.add(GridCell(column.label, 1, 3 + i, rowspan=2, role="header", scope="col", id=cid,
                              headers=(top.id,)))
            col_ids[column.key] = (top.id, cid)
        else:
            if i == 1:
                grid.add(GridCell(schema.LEGAL_PERSON_GROUP, 1, 4, colspan=len(columns) - 2, role="header",
                                  scope="colgroup", id=legal, headers=(top.id,)))
            grid.add(GridCell(column.label, 2, 3 + i, role="header", scope="col", id=cid, headers=(top.id, legal)))
            col_ids[column.key] = (top.id, legal, cid)

    outcome_rows = [row for row in spec.rows if row.outcome or row.key == "total"]
    r = 3
    outcome_id = _id(grid, "outcomes")
    for row in spec.rows:
        row_headers: tuple[str, ...] = ()
        if row in outcome_rows:
            if row is outcome_rows[0]:
                grid.add(GridCell(schema.OUTCOME_GROUP, r, 0, rowspan=len(outcome_rows), role="stub",
                                  scope="rowgroup", id=outcome_id))
            group, dot, _ = row.key.partition(".")
            if dot:
                members = [x for x in outcome_rows if x.key.startswith(group + ".")]
                group_id = _id(grid, f"group-{group}")
                if row is members[0]:
                    grid.add(GridCell(schema.OUTCOME_SUBGROUPS[group], r, 1, rowspan=len(members), role="stub",
                                      scope="rowgroup", id=group_id, headers=(outcome_id,)))
                label = row.label.split("）", 1)[1]
                head = grid.add(GridCell(label, r, 2, role="stub", scope="row", id=_id(grid, row.key),
                                         headers=(outcome_id, group_id)))
                row_headers = (outcome_id, group_id, head.id)
            else:
                head = grid.add(GridCell(row.label, r, 1, colspan=2, role="stub", scope="row",
                                         id=_id(grid, row.key), headers=(outcome_id,)))
                row_headers = (outcome_id, head.id)
        else:
            head = grid.add(GridCell(row.label, r, 0, colspan=3, role="stub", scope="row", id=_id(grid, row.key)))
            row_headers = (head.id,)
        for i, column in enumerate(columns):
            grid.add(GridCell(format_value(data.value(row.key, column.key)), r, 3 + i,
                              headers=col_ids[column.key] + row_headers, path=data.path(row.key, column.key)))
        r += 1
    return grid


# --- section 四 ---------------------------------------------------------------------------------

def _appeals(report: Report, fmt: schema.Format) -> Grid:
    spec = fmt.appeals
    data = _data(report, spec)
    n = len(schema.APPEAL_COLUMNS)
    grid = Grid(spec.key, spec.label, n * len(spec.rows), 3, (1.0,) * (n * len(spec.rows)))
    col = 0
    for t, (label, keys) in enumerate(schema.APPEAL_TOP_GROUPS):
        top = grid.add(GridCell(label, 0, col, colspan=n * len(keys), role="header", scope="colgroup",
                                id=_id(grid, f"top{t}")))
        for key in keys:
            row = spec.row(key)
            group_headers: tuple[str, ...] = (top.id,)
            if len(keys) > 1:
                group = grid.add(GridCell(row.label, 1, col, colspan=n, role="header", scope="colgroup",
                                          id=_id(grid, key), headers=(top.id,)))
                group_headers = (top.id, group.id)
            for column in row.columns:
                cid = _id(grid, f"{key}-{column.key}")
                if len(keys) > 1:
                    grid.add(GridCell(column.label, 2, col, role="header", scope="col", id=cid,
                                      headers=group_headers))
                else:
                    grid.add(GridCell(column.label, 1, col, rowspan=2, role="header", scope="col", id=cid,
                                      headers=group_headers))
                grid.add(GridCell(format_value(data.value(key, column.key)), 3, col,
                                  headers=(*group_headers, cid), path=data.path(key, column.key)))
                col += 1
    return grid
