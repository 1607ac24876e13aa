"""Report-level findings on cells read by OCR, added by the source after parsing (the parser
knows nothing of OCR).

- ``ocr_uncertain``: a statutory cell read with a confidence below ``ocr.UNCERTAIN``, naming the
  page, the cell, what was read and how sure the engine was.
- ``ocr_point_dropped``: a count (an integer column) read with a point inside ("15.6"): a speck of
  dust between two digits reads as a decimal point, and a count has none, so the digits are taken
  without it (156) and the clerk is told which reading was chosen and why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..messages import FINDINGS
from ..model import Cell, Finding, Location
from .ocr import UNCERTAIN

if TYPE_CHECKING:
    from ..model import Report
    from .ocr import OcrDocument


_POINTED = re.compile(r"^(\d+)\.(\d+)$")


def _ocr_cells(report: Report, doc: OcrDocument):
    for table in report.tables():
        for row in table.spec.rows:
            for col in row.columns:
                cell = table.cell(row.key, col.key)
                where = cell.where
                if where is None or where.table is None:
                    continue
                ocr = doc.cells.get(Location(page=where.page, table=where.table, row=where.row, col=where.col))
                if ocr is not None:
                    yield table, row, col, cell, ocr


def settle_points(report: Report, doc: OcrDocument) -> list[Finding]:
    """Counts read with a point inside, as the integer of their digits (a new ``Cell`` each)."""
    found = []
    for table, row, col, cell, ocr in _ocr_cells(report, doc):
        match = _POINTED.match(ocr.text.strip())
        if col.kind != "count" or match is None or cell.value is None or cell.value != float(ocr.text):
            continue
        value = int(match.group(1) + match.group(2))
        table.rows[row.key][col.key] = Cell(value, cell.raw, cell.where, inferred=True)
        message = FINDINGS["ocr_point_dropped"].format(
            row=row.label, column=col.label, where=cell.where.describe(), raw=ocr.text, value=value,
        )
        found.append(Finding("ocr_point_dropped", "warning", message, (table.path(row.key, col.key),), cell.where))
    return found


def uncertain_cells(report: Report, doc: OcrDocument) -> list[Finding]:
    found = []
    for table, row, col, cell, ocr in _ocr_cells(report, doc):
        if ocr.confidence >= UNCERTAIN:
            continue
        message = FINDINGS["ocr_uncertain"].format(
            row=row.label, column=col.label, where=cell.where.describe(), raw=ocr.text, confidence=ocr.confidence,
        )
        found.append(Finding("ocr_uncertain", "warning", message, (table.path(row.key, col.key),), cell.where))
    return found
