"""Report-level findings on cells read by OCR, added by the source after parsing (the parser
knows nothing of OCR).

- ``ocr_uncertain``: a statutory cell read with a confidence below ``ocr.UNCERTAIN``, naming the
  page, the cell, what was read and how sure the engine was.
- ``ocr_corrected``: a count read with low confidence whose value the sum rules decide among the
  engine's readings of its digits (6 or 8): the value they require, and which rule decided.
- ``picture_not_read``: pictures of an HTML page or a DOCX without table text that were not read
  (behind a URL, broken, too large, crooked), so that missing tables have a reason.
- ``ocr_point_dropped``: a count (an integer column) read with a point inside ("15.6"): a speck of
  dust between two digits reads as a decimal point, and a count has none, so the digits are taken
  without it (156) and the clerk is told which reading was chosen and why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import schema
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


def ocr_provenance(report: Report, doc: OcrDocument) -> dict[str, dict]:
    """Where each statutory cell read by OCR came from: the page (or the picture), its box in pixels of
    the straightened page or picture, the engine's text and confidence (the ``--provenance`` JSON)."""
    return {table.path(row.key, col.key): {"page": ocr.page, "picture": ocr.picture, "box": list(ocr.box),
                                          "text": ocr.text, "confidence": round(ocr.confidence, 3)}
            for table, row, col, _cell, ocr in _ocr_cells(report, doc)}


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
            row=row.label, column=col.label, where=_where(cell, ocr), raw=ocr.text, value=value,
        )
        found.append(Finding("ocr_point_dropped", "warning", message, (table.path(row.key, col.key),), cell.where))
    return found


def _where(cell: Cell, ocr) -> str:
    where = cell.where.describe()
    return f"图片“{ocr.picture[:80]}”中{where}" if ocr.picture else where


def uncertain_cells(report: Report, doc: OcrDocument, decided: set[str] = frozenset()) -> list[Finding]:
    """Cells read below ``UNCERTAIN``, except those the sum rules decided (``settle_by_rules``)."""
    found = []
    for table, row, col, cell, ocr in _ocr_cells(report, doc):
        if ocr.confidence >= UNCERTAIN or table.path(row.key, col.key) in decided:
            continue
        message = FINDINGS["ocr_uncertain"].format(
            row=row.label, column=col.label, where=_where(cell, ocr), raw=ocr.text, confidence=ocr.confidence,
        )
        found.append(Finding("ocr_uncertain", "warning", message, (table.path(row.key, col.key),), cell.where))
    return found


# --- the arithmetic rules choosing between readings of a digit --------------------------------------

# The sums of the statutory tables, as the validator checks them (validate/rules.py): each an
# equation sum(plus) == sum(minus) over cell paths (row key, column key) of one table, with the
# Chinese name of the rule for the finding.
def _equations(report: Report):
    table = report.applications
    if table is not None:
        for row in table.spec.rows:
            yield table, [(row.key, c) for c in schema.APPLICANT_PARTS], [(row.key, "total")], \
                f"“{row.label}”一行总计等于六类申请人之和"
        outcomes = [row.key for row in table.spec.rows if row.outcome]
        for column in schema.APPLICANT_COLUMNS:
            yield table, [(r, column.key) for r in outcomes], [("total", column.key)], \
                f"“{column.label}”列（七）总计等于（一）至（六）各项办理结果之和"
            yield table, [("new", column.key), ("carried_in", column.key)], \
                [("total", column.key), ("carried_out", column.key)], \
                f"“{column.label}”列本年新收加上年结转等于办理结果总计加结转下年度继续办理"
    table = report.appeals
    if table is not None:
        for row in table.spec.rows:
            yield table, [(row.key, c) for c in schema.APPEAL_PARTS], [(row.key, "total")], \
                f"“{row.label}”的总计等于结果维持、结果纠正、其他结果、尚未审结之和"


def settle_by_rules(report: Report, doc: OcrDocument) -> tuple[list[Finding], set[str]]:
    """Low-confidence counts the sum rules decide among the engine's readings.

    A cell read below ``UNCERTAIN`` with other readings (``OcrCell.candidates``) is decided by
    every sum it is part of whose other cells all hold a value and are not themselves in doubt:
    each such sum requires one value of it. When they all require the same value and that value
    is the reading or one of its candidates, it is taken (``ocr_corrected`` when it differs from
    the reading, naming the rule; no ``ocr_uncertain`` when it confirms it). Otherwise nothing
    changes and the cell stays ``ocr_uncertain``. Returns the findings and the paths decided."""
    doubtful: dict[tuple[int, str, str], tuple] = {}
    for table, row, col, cell, ocr in _ocr_cells(report, doc):
        if ocr.confidence < UNCERTAIN and col.kind == "count":
            doubtful[(id(table), row.key, col.key)] = (table, row, col, cell, ocr)
    if not doubtful:
        return [], set()
    required: dict[tuple[int, str, str], list[tuple[int | float, str]]] = {}
    for table, plus, minus, rule in _equations(report):
        terms = [(p, 1) for p in plus] + [(m, -1) for m in minus]
        unknown = [(key, sign) for key, sign in terms if (id(table), *key) in doubtful]
        if len(unknown) != 1:
            continue  # none in doubt, or two unknowns: this sum decides nothing
        (key, sign), = unknown
        others = [(table.value(*k), s) for k, s in terms if k != key]
        if any(value is None for value, _ in others):
            continue
        rest = sum(value * s for value, s in others)
        required.setdefault((id(table), *key), []).append((-rest * sign, rule))
    found, decided = [], set()
    for ident, needs in required.items():
        table, row, col, cell, ocr = doubtful[ident]
        values = {value for value, _ in needs}
        if len(values) != 1:
            continue
        value = values.pop()
        readings = {int(r) for r in (ocr.text, *ocr.candidates) if r.isdigit()}
        if value != int(value) or int(value) not in readings:
            continue
        value = int(value)
        path = table.path(row.key, col.key)
        decided.add(path)
        if cell.value == value:
            continue
        table.rows[row.key][col.key] = Cell(value, cell.raw, cell.where, inferred=True)
        message = FINDINGS["ocr_corrected"].format(
            row=row.label, column=col.label, where=_where(cell, ocr), raw=ocr.text, confidence=ocr.confidence,
            readings="、".join(f"“{r}”" for r in ocr.candidates), rule="；".join(sorted({r for _, r in needs})),
            value=value,
        )
        found.append(Finding("ocr_corrected", "warning", message, (path,), cell.where))
    return found, decided


def not_read(doc: OcrDocument) -> list[Finding]:
    """The pictures of an HTML page or a DOCX that were not read (remote, broken, too large...)."""
    skipped = getattr(doc, "skipped", None)
    if not skipped:
        return []
    shown = "；".join(f"“{name[:80]}”（{reason}）" for name, reason in skipped[:5])
    if len(skipped) > 5:
        shown += " 等"
    message = FINDINGS["picture_not_read"].format(count=len(skipped), pictures=shown)
    return [Finding("picture_not_read", "warning", message)]
