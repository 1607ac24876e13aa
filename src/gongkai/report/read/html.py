"""HTML (a report saved as a web page, or a government portal's report page) → raw rows.

Data tables become structured rows with ``rowspan``/``colspan`` expanded onto a grid: a merged
cell's text sits at its first position and the positions it covers are blank, as in the official
form. A table that holds other tables or headings is page layout, not data: its content is read as
running text. Navigation, headers, footers, scripts and forms around the report are skipped.

Pictures (``<img>``) are noted where they sit; when no data table of the page is a statutory one,
its tables are taken to be pictures and are read by OCR (``ocr_pictures``): ``data:`` URIs, and a saved page's
own files in its folder when ``folder`` is given. A picture behind a URL is never fetched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from ..errors import ReportError
from ..model import Location
from .grid import RawCell, RawDocument, RawRow

if TYPE_CHECKING:
    from ..source import Limits

_SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select",
                   "button", "iframe", "svg", "template", "head"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                    "pre", "center", "h1", "h2", "h3", "h4", "h5", "h6", "body", "br", "hr", "tr", "caption"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE = re.compile(r"[ \t\r\n\u00a0\u3000]+")
_MAX_SPAN = 100
_MAX_WIDTH = 256  # grid columns of one table; the official tables have at most 16
_MAX_GRID = 200_000  # grid positions of one table: a guard against rowspan/colspan bombs


def read_html(text: str, name: str = "HTML", folder: str | None = None, limits: Limits | None = None) -> RawDocument:
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReportError("corrupt", f"{name}: HTML parse failed: {exc}", name=name, reason="网页结构无法解析") from exc
    doc = RawDocument("html")
    walker = _Walker(doc, name)
    walker.walk(root)
    walker.flush()
    if not walker.pictures:
        return doc
    from .ocr_pictures import MAX_PICTURES, TOO_MANY, Slot, classify, has_tables, read_pictures

    if has_tables(doc):
        return doc
    bounds = limits or _default_limits()
    slots, held = [], 0
    for number, (index, src) in enumerate(walker.pictures, start=1):
        label = f"网页内嵌图片{number}" if src.strip().lower().startswith("data:") else src.strip()[:200]
        # A page naming one large file a thousand times is not read a thousand times: the bytes
        # held for pictures stay under the file limit, and icons count towards the number too.
        if held > bounds.max_bytes or len(slots) >= 4 * MAX_PICTURES:
            slots.append(Slot(index, label, None, TOO_MANY))
            continue
        data, reason = classify(src, folder, bounds)
        held += len(data or b"")
        slots.append(Slot(index, label, data, reason))
    return read_pictures(doc, slots, name, limits, walker.tables)


def _default_limits() -> Limits:
    from ..source import DEFAULT_LIMITS

    return DEFAULT_LIMITS


class _Walker:
    def __init__(self, doc: RawDocument, name: str) -> None:
        self.doc = doc
        self.name = name
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.heading = False
        self.tables = 0
        # (index of the row the picture comes before, its src), in page order.
        self.pictures: list[tuple[int, str]] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.buffer)).strip()
        if text:
            where = Location(line=self.buffer_line)
            self.doc.rows.append(RawRow([RawCell(text, where)], where, heading=self.heading))
        self.buffer = []
        self.buffer_line = None
        self.heading = False

    def add_text(self, text: str | None, line: int | None) -> None:
        if text:
            if self.buffer_line is None and text.strip():
                self.buffer_line = line
            self.buffer.append(text)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or _hidden(element):
            return
        if tag == "img":
            src = element.get("src") or element.get("data-src") or ""
            if src.strip():
                self.flush()
                self.pictures.append((len(self.doc.rows), src))
            return
        if tag == "table" and not _is_layout_table(element):
            self.flush()
            self.table(element)
            return
        block = tag in _BLOCK or tag in ("td", "th", "table")
        if block:
            self.flush()
        if tag in _HEADINGS:
            self.heading = True
        self.add_text(element.text, element.sourceline)
        for child in element:
            self.walk(child)
            self.add_text(child.tail, child.sourceline)
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        grid: dict[tuple[int, int], tuple[str | None, int | None]] = {}  # None: covered by a merge
        rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
        for r, tr in enumerate(rows):
            c = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                colspan = min(_span(cell.get("colspan")), _MAX_WIDTH - c)
                rowspan = _span(cell.get("rowspan"))
                if colspan <= 0:
                    break
                text = _cell_text(cell)
                for dr in range(min(rowspan, len(rows) - r)):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = (text if dr == 0 and dc == 0 else None, cell.sourceline)
                if len(grid) > _MAX_GRID:
                    raise ReportError(
                        "corrupt", f"{self.name}: table {number}: over {_MAX_GRID} grid positions at row {r + 1}",
                        name=self.name, reason="网页中的表格合并单元格异常，规模过大",
                    )
                c += colspan
        width = max((c for _, c in grid), default=-1) + 1
        for r in range(len(rows)):
            cells = []
            for c in range(width):
                text, line = grid.get((r, c), ("", None))
                where = Location(line=line, table=number, row=r + 1, col=c + 1)
                cells.append(RawCell(text or "", where, covered=text is None))
            if any(cell.text for cell in cells):
                self.doc.rows.append(
                    RawRow(cells, Location(line=rows[r].sourceline, table=number, row=r + 1), structured=True)
                )


def _span(value: str | None) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def _cell_text(cell: etree._Element) -> str:
    # Paragraphs and <br> inside one cell are one label wrapped by the layout: join without space.
    parts = [t for t in cell.itertext() if t]
    return _SPACE.sub(" ", "".join(p.strip() if "\n" in p else p for p in parts)).strip()


def _owner_table(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _is_layout_table(table: etree._Element) -> bool:
    for element in table.iterdescendants():
        if isinstance(element.tag, str) and (element.tag == "table" or element.tag in _HEADINGS):
            return True
    return False


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None
