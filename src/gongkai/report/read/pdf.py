"""PDF with a text layer → raw rows.

PDFium (pypdfium2, BSD/Apache) reads characters with their boxes and the ruling lines of each page
in C, an order of magnitude faster than a pure-Python PDF interpreter; pdfplumber's table geometry
(MIT) turns the ruling lines into cells. No AGPL dependency.

Ruled tables become structured rows: a merged cell's text sits at its first grid position and the
positions it covers are empty, the grid convention of every reader. Text outside tables becomes
lines. Items of a page are taken top to bottom, so a table continued on the next page simply goes
on row after row. Running headers and footers (margin lines repeated on several pages) and page
numbers are dropped: between two halves of a table a stray "- 2 -" would otherwise read as a row
of numbers. A PDF without any text (a scan) is a ``needs_ocr`` error, never a guess.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ReportError
from ..model import Location
from .grid import RawCell, RawDocument, RawRow
from .text import line_row

if TYPE_CHECKING:
    from ..source import Limits

_MARGIN = 0.07  # share of the page height treated as header/footer margin
_PAGE_MARK = re.compile(
    r"^[-—–]?\s*\d{1,3}\s*[-—–]?$|^第\s*\d{1,3}\s*页(\s*[/，,]?\s*共\s*\d{1,3}\s*页)?$|^\d{1,3}\s*/\s*\d{1,3}$"
)
_NUMBERISH = re.compile(r"^[-+\d.,]+$")
_THIN = 2.0  # a path thinner than this (points) is a ruling line
_SNAP = 3.0  # tolerance when joining ruling lines into a grid
_MAX_EDGES = 5000
_LINE_TOLERANCE = 2.5  # characters whose vertical centres differ less than this share a line


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def read_pdf(data: bytes, name: str, limits: Limits) -> RawDocument:
    import pypdfium2 as pdfium

    started = time.monotonic()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ReportError("encrypted", f"{name}: {exc}", name=name) from exc
        raise ReportError("corrupt", f"{name}: {exc}", name=name, reason="PDF 文件不完整或已损坏") from exc
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise ReportError(
                "too_many_pages", f"{name}: {count} pages > limit {limits.max_pages}",
                name=name, pages=count, limit=limits.max_pages,
            )
        doc = RawDocument("pdf")
        margins: list[tuple[int, str]] = []
        chars = tables = 0
        for number in range(1, count + 1):
            if time.monotonic() - started > limits.seconds:
                raise ReportError(
                    "timeout", f"{name}: over {limits.seconds}s at page {number}", name=name, seconds=limits.seconds
                )
            try:
                page = pdf[number - 1]
                page_chars, page_tables = _read_page(page, number, tables, doc, margins)
                page.close()
            except ReportError:
                raise
            except Exception as exc:
                raise ReportError(
                    "corrupt", f"{name}: page {number}: {type(exc).__name__}: {exc}",
                    name=name, reason=f"第{number}页无法解析",
                ) from exc
            chars += page_chars
            tables = page_tables
        if chars == 0:
            raise ReportError("needs_ocr", f"{name}: {count} pages, no text layer", name=name)
    finally:
        pdf.close()
    _drop_running_margins(doc, margins, count)
    return doc


def _read_page(page, number: int, tables_before: int, doc: RawDocument,
               margins: list[tuple[int, str]]) -> tuple[int, int]:
    _, height = page.get_size()
    chars = _chars(page, height)
    grids = _tables(page, height)
    items: list[tuple[float, int, RawRow, bool]] = []  # (top, order, row, in a margin)
    table_number = tables_before
    taken: set[int] = set()
    inside_box = _placer(chars) if grids else None
    for cells in grids:
        table_number += 1
        for r, row_cells in enumerate(cells, start=1):
            raw_cells = []
            for c, box in enumerate(row_cells, start=1):
                text = ""
                if box is not None:
                    inside = inside_box(box)
                    taken.update(inside)
                    text = _cell_text([chars[i] for i in inside], box)
                where = Location(page=number, table=table_number, row=r, col=c)
                raw_cells.append(RawCell(text, where, covered=box is None))
            if any(cell.text for cell in raw_cells):
                top = min(box[1] for box in row_cells if box is not None)
                where = Location(page=number, table=table_number, row=r)
                items.append((top, len(items), RawRow(raw_cells, where, structured=True), False))
    rest = [ch for i, ch in enumerate(chars) if i not in taken]
    for line_no, (top, bottom, text) in enumerate(_lines(rest), start=1):
        in_margin = top < height * _MARGIN or bottom > height * (1 - _MARGIN)
        items.append((top, len(items), line_row(text, Location(page=number, line=line_no)), in_margin))
    items.sort(key=lambda item: (item[0], item[1]))
    for _, _, row, in_margin in items:
        if in_margin:
            margins.append((len(doc.rows), row.text))
        doc.rows.append(row)
    return len(chars), table_number


def _chars(page, height: float) -> list[_Char]:
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    out = []
    try:
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
                continue
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            out.append(_Char(chr(code), left, right, height - top, height - bottom))
    finally:
        textpage.close()
    return out


def _tables(page, height: float) -> list[list[list[tuple[float, float, float, float] | None]]]:
    """Ruled tables as grids of cell boxes (x0, top, x1, bottom); None where a merged cell covers."""
    import pypdfium2.raw as pdfium_c
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        if y1 - y0 < _THIN and x1 - x0 >= _THIN:
            edges.append(_edge("h", x0, x1, (y0 + y1) / 2, (y0 + y1) / 2))
        elif x1 - x0 < _THIN and y1 - y0 >= _THIN:
            edges.append(_edge("v", (x0 + x1) / 2, (x0 + x1) / 2, y0, y1))
        elif x1 - x0 >= _THIN and y1 - y0 >= _THIN:
            edges += [_edge("h", x0, x1, y0, y0), _edge("h", x0, x1, y1, y1),
                      _edge("v", x0, x0, y0, y1), _edge("v", x1, x1, y0, y1)]
    if not edges:
        return []
    if len(edges) > _MAX_EDGES:
        # Grid finding is quadratic in the ruling lines; a statutory table has a few hundred.
        raise ValueError(f"{len(edges)} ruling lines on one page (limit {_MAX_EDGES})")
    edges = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    cells = intersections_to_cells(edges_to_intersections(edges, 1, 1))
    grids = []
    for table in cells_to_tables(cells):
        tops = sorted({round(c[1], 1) for c in table})
        lefts = sorted({round(c[0], 1) for c in table})
        grid: list[list[tuple[float, float, float, float] | None]] = [[None] * len(lefts) for _ in tops]
        for cell in table:
            grid[tops.index(round(cell[1], 1))][lefts.index(round(cell[0], 1))] = cell
        grids.append(grid)
    grids.sort(key=lambda g: min(c[1] for row in g for c in row if c is not None))
    return grids


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "object_type": "line"}


def _placer(chars: list[_Char]):
    """A function giving the indices of the characters whose centre lies in a cell box, in page order.

    Why: matching every character against every cell is quadratic (a statutory table has ~250 cells
    over ~2,000 characters); the characters sorted by vertical centre are cut to the box's rows by
    binary search, and only those are tested across (the same inclusive bounds as before)."""
    order = sorted(range(len(chars)), key=lambda i: chars[i].cy)
    centres = [chars[i].cy for i in order]
    xs = [ch.cx for ch in chars]

    def inside(box: tuple[float, float, float, float]) -> list[int]:
        x0, top, x1, bottom = box
        band = order[bisect_left(centres, top) : bisect_right(centres, bottom)]
        return sorted(i for i in band if x0 <= xs[i] <= x1)

    return inside


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters on one baseline band, left to right. Glyphs of different fonts (Latin digits in
    a CJK line) have different boxes, so lines are formed by vertical centres, not tops."""
    lines: list[list[_Char]] = []
    centre = 0.0
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines and abs(centre - ch.cy) < max(_LINE_TOLERANCE, 0.4 * (ch.bottom - ch.top)):
            lines[-1].append(ch)
        else:
            lines.append([ch])
            centre = ch.cy
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(line: list[_Char]) -> str:
    out = []
    for previous, ch in zip([None, *line[:-1]], line, strict=True):
        if previous is not None and ch.text != " " and previous.text != " ":
            gap = ch.x0 - previous.x1
            if gap > 0.5 * max(ch.bottom - ch.top, 1):
                out.append(" ")
        out.append(ch.text)
    return "".join(out).strip()


def _lines(chars: list[_Char]) -> list[tuple[float, float, str]]:
    out = []
    for line in _group_lines(chars):
        text = _line_text(line)
        if text:
            out.append((min(c.top for c in line), max(c.bottom for c in line), text))
    return out


def _cell_text(chars: list[_Char], box: tuple[float, float, float, float]) -> str:
    """A label wrapped inside its cell is one label. Lines of digits are one number wrapped by a
    narrow column when the first line fills the cell's width, else numbers stacked in one cell
    (kept apart, for the alignment step to split or report)."""
    lines = _group_lines(chars)
    texts = [_line_text(line) for line in lines]
    texts = [t for t in texts if t]
    if len(texts) > 1 and all(_NUMBERISH.match(t) for t in texts):
        x0, _, x1, _ = box
        first = lines[0]
        width = max(c.x1 - c.x0 for c in chars)
        padding = max(0.0, min(c.x0 for c in chars) - x0)
        wrapped = max(c.x1 for c in first) + width > x1 - padding
        return "".join(texts) if wrapped else " ".join(texts)
    return "".join(texts)


def _drop_running_margins(doc: RawDocument, margins: list[tuple[int, str]], pages: int) -> None:
    """Remove running headers and footers: margin lines repeated on several pages, and page numbers."""
    if not margins:
        return
    counts: dict[str, int] = {}
    for _, text in margins:
        counts[text] = counts.get(text, 0) + 1
    drop = {
        index for index, text in margins
        if (pages > 1 and counts[text] >= 2) or (len(text) <= 20 and _PAGE_MARK.match(text))
    }
    doc.rows = [row for i, row in enumerate(doc.rows) if i not in drop]
