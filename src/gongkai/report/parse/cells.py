"""Writing a value into a statutory cell: the one place that converts units and marks inference.

Why one place: the alignment, the repairs and the flat table all fill cells, and each conversion
(元 → 万元, "无" → 0) must leave the same finding whichever of them reads the cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import messages, schema
from ..model import Finding, TableData
from .segment import Token


@dataclass(slots=True)
class TableResult:
    data: TableData
    findings: list[Finding] = field(default_factory=list)
    found: bool = False  # some row of the table was recognised in the region
    # Where the text ends inside the table: the schema row it ends in (or before), and how many of
    # that row's cells are visible.
    cut: tuple[schema.Row, int] | None = None


def set_cell(
    result: TableResult, spec_row: schema.Row, column: schema.Column, value: Token, inferred: bool,
    number: int | float | None = None,
) -> None:
    reading = value.reading
    raw = value.cell.text if value.cell is not None else None
    where = value.cell.where if value.cell is not None else None
    # The table's own (empty) cell is filled rather than replaced: nothing else holds it yet.
    cell = result.data.rows[spec_row.key][column.key]
    cell.value, cell.raw, cell.where, cell.inferred = None, raw if raw else None, where, inferred
    if number is not None:
        cell.value = number
    elif reading.kind == "number":
        cell.value = reading.values[0]
        if column.kind == "amount" and reading.unit == "元" and "万元" in column.label:
            cell.value = _yuan_to_wan(reading.values[0])
            cell.inferred = True
            result.findings.append(
                Finding(
                    "inferred_cell",
                    "info",
                    messages.FINDINGS["inferred_unit"].format(
                        row=spec_row.label, column=column.label, raw=raw, value=cell.value
                    ),
                    (result.data.path(spec_row.key, column.key),),
                    where,
                )
            )
    elif reading.kind == "none_word":
        cell.value = 0
        cell.inferred = True
        result.findings.append(
            Finding(
                "inferred_cell",
                "info",
                messages.FINDINGS["inferred_none_word"].format(row=spec_row.label, column=column.label, raw=raw),
                (result.data.path(spec_row.key, column.key),),
                where,
            )
        )


def _yuan_to_wan(value: int | float) -> int | float:
    wan = round(value / 10000, 6)
    return int(wan) if float(wan).is_integer() else wan


