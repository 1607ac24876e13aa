"""Section 四: fifteen numbers in one row under a two-level header, read in row order.

Why a table of its own: its rows have no labels of their own in most reports (the three groups are
header cells), so its numbers are collected in order and dealt out to the groups' columns, unless a
row does name its group.
"""

from __future__ import annotations

from .. import messages, schema
from ..model import Finding, Location, TableData
from ..read.grid import RawRow
from . import fit
from .cells import TableResult, set_cell
from .segment import Token, match_row
from .values import Reading, read_cell

_Value = Token


def _token(reading: Reading, cell) -> Token:
    return Token(fit.NUMBER if reading.is_value else fit.CELL, reading, cell)


def _trim(values: list[_Value], n: int, structured: bool) -> list[_Value]:
    """The value cells of a section 四 row, cut to ``n`` where converters left extra blank cells."""
    if not structured:
        return [v for v in values if v.reading.kind != "blank"]
    values = list(values)
    # Positions covered by a label merged across columns come first; then blank cells a
    # converter left at either end.
    while len(values) > n and values[0].cell is not None and values[0].cell.covered:
        values.pop(0)
    while len(values) > n and values[-1].reading.kind == "blank":
        values.pop()
    while len(values) > n and values[0].reading.kind == "blank":
        values.pop(0)
    return values



def align_flat(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    result = TableResult(TableData.empty(spec))
    width = spec.width
    collected: list[_Value] = []
    labelled: dict[str, list[_Value]] = {}
    first_where: Location | None = None
    for index in range(start, end):
        raw = rows[index]
        readings = [read_cell(c.text) for c in raw.cells]
        kinds = [r.kind for r in readings]
        if kinds.count("blank") + kinds.count("text") == len(kinds):
            continue  # nothing but blanks and labels
        label_at = [i for i, k in enumerate(kinds) if k == "text"]  # Reading.is_label
        first_value = (label_at[-1] + 1) if label_at else 0
        # A covered position belongs to a merged cell that starts elsewhere: it holds no number of its
        # own (a converter may split one grid column in two, as LibreOffice does with some .doc files).
        values = [
            _token(readings[i], raw.cells[i]) for i in range(first_value, len(raw.cells)) if not raw.cells[i].covered
        ]
        group = match_row(spec, [raw.cells[i].text for i in label_at]) if label_at else None
        if group is not None and group.key not in labelled:
            labelled[group.key] = _trim(values, len(group.columns), raw.structured)
            continue
        if len(collected) >= width:
            break
        first_where = first_where or raw.where
        collected.extend(_trim(values, width - len(collected), raw.structured))
    result.found = bool(collected or labelled)
    if 0 < len(collected) < width and not labelled:
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_short_row"].format(row=spec.label, found=len(collected), expected=width),
                tuple(spec.cell_paths()),
                first_where,
            )
        )
    position = 0
    for row in spec.rows:
        values = labelled.get(row.key)
        if values is None:
            values = collected[position : position + len(row.columns)]
            position += len(row.columns)
        for column, value in zip(row.columns, values, strict=False):
            if value.reading.kind == "numbers":
                result.findings.append(
                    Finding(
                        "ambiguous_cell",
                        "warning",
                        messages.FINDINGS["ambiguous_merged"].format(
                            row=row.label, raw=value.cell.text if value.cell else "", candidates="相邻列"
                        ),
                        (result.data.path(row.key, column.key),),
                        value.cell.where if value.cell else None,
                    )
                )
                continue
            set_cell(result, row, column, value, False)
    return result
