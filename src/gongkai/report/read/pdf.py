"""PDF with a text layer → raw rows, through pdfplumber (MIT; no AGPL dependency).

Ruled tables become structured rows (pdfplumber leaves the positions a merged cell covers empty,
which is the grid convention of every reader); text outside tables becomes lines. Items of a page
are taken top to bottom, so a table continued on the next page simply goes on row after row.
Running headers and page numbers in the margins are dropped: between two halves of a table a
stray "- 2 -" would otherwise read as a row of numbers. A PDF without any text (a scan) is a
``needs_ocr`` error, never a guess.
"""

from __future__ import annotations

import io
import logging
import re
import time
from typing import TYPE_CHECKING

from ..errors import ReportError
from ..model import Location
from .grid import RawCell, RawDocument, RawRow
from .text import line_row

if TYPE_CHECKING:
    from ..source import Limits

log = logging.getLogger(__name__)

_MARGIN = 0.07  # share of the page height treated as header/footer margin
_PAGE_MARK = re.compile(r"^[-—–\s第页共/\d]*$|^[-—–]?\s*\d+\s*[-—–]?$")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(data: bytes, name: str, limits: Limits) -> RawDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    started = time.monotonic()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many error kinds in PdfminerException
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReportError("encrypted", f"{name}: {type(cause).__name__}", name=name) from exc
        reason = "PDF 结构损坏" if isinstance(cause, PDFSyntaxError) else "PDF 文件不完整或已损坏"
        raise ReportError("corrupt", f"{name}: {type(cause).__name__}: {cause}", name=name, reason=reason) from exc
    with pdf:
        if len(pages) > limits.max_pages:
            raise ReportError(
                "too_many_pages", f"{name}: {len(pages)} pages > limit {limits.max_pages}",
                name=name, pages=len(pages), limit=limits.max_pages,
            )
        doc = RawDocument("pdf")
        chars = 0
        tables = 0
        margins: list[tuple[int, str]] = []  # (index in doc.rows, text) of lines in a page margin
        for number, page in enumerate(pages, start=1):
            if time.monotonic() - started > limits.seconds:
                raise ReportError(
                    "timeout", f"{name}: over {limits.seconds}s at page {number}", name=name, seconds=limits.seconds
                )
            try:
                chars += len(page.chars)
                tables = _read_page(page, number, tables, doc, margins)
            except ReportError:
                raise
            except Exception as exc:
                raise ReportError(
                    "corrupt", f"{name}: page {number}: {type(exc).__name__}: {exc}",
                    name=name, reason=f"第{number}页无法解析",
                ) from exc
            page.flush_cache()
        if chars == 0:
            raise ReportError("needs_ocr", f"{name}: {len(pages)} pages, no text layer", name=name)
    _drop_running_margins(doc, margins, len(pages))
    return doc


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


def _read_page(page, number: int, tables_before: int, doc: RawDocument, margins: list[tuple[int, str]]) -> int:
    found = page.find_tables(_TABLE_SETTINGS)
    items: list[tuple[float, int, RawRow, bool]] = []  # (top, order, row, in a margin)
    table_number = tables_before
    for table in found:
        table_number += 1
        for r, (row, texts) in enumerate(zip(table.rows, table.extract(), strict=False), start=1):
            cells = [
                RawCell(_cell_text(text, page, box), Location(page=number, table=table_number, row=r, col=c))
                for c, (text, box) in enumerate(zip(texts, row.cells, strict=False), start=1)
            ]
            if any(cell.text for cell in cells):
                where = Location(page=number, table=table_number, row=r)
                items.append((row.bbox[1], len(items), RawRow(cells, where, structured=True), False))
    boxes = [t.bbox for t in found]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    top_margin = page.height * _MARGIN
    bottom_margin = page.height * (1 - _MARGIN)
    for line_no, line in enumerate(outside.extract_text_lines(layout=False, strip=True), start=1):
        text = line["text"].strip()
        if not text:
            continue
        in_margin = line["top"] < top_margin or line["bottom"] > bottom_margin
        items.append((line["top"], len(items), line_row(text, Location(page=number, line=line_no)), in_margin))
    items.sort(key=lambda item: (item[0], item[1]))
    for _, _, row, in_margin in items:
        if in_margin:
            margins.append((len(doc.rows), row.text))
        doc.rows.append(row)
    return table_number


def _cell_text(text: str | None, page, box) -> str:
    """A label wrapped inside its cell is one label. Lines of digits are one number wrapped by a
    narrow column when the first line fills the cell's width, else numbers stacked in one cell
    (kept apart, for the alignment step to split or report)."""
    if not text:
        return ""
    lines = [part.strip() for part in text.split("\n") if part.strip()]
    if len(lines) > 1 and all(_NUMBERISH.match(line) for line in lines) and box is not None:
        return "".join(lines) if _fills_width(page, box) else " ".join(lines)
    return "".join(lines)


_NUMBERISH = re.compile(r"^[-+\d.,]+$")


def _fills_width(page, box) -> bool:
    x0, _, x1, _ = box
    chars = [c for c in page.chars if _inside(c, box)]
    if not chars:
        return False
    first_top = min(c["top"] for c in chars)
    first = [c for c in chars if abs(c["top"] - first_top) < 1]
    width = max(c["x1"] - c["x0"] for c in chars)
    padding = max(0.0, min(c["x0"] for c in chars) - x0)
    # Wrapped when one more character would not have fitted on the first line (inside the padding
    # the cell keeps on its left, assumed on its right too).
    return max(c["x1"] for c in first) + width > x1 - padding


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom
