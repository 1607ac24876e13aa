"""Writing a value into a statutory cell: the one place that converts units and marks inference.

Why one place: the alignment, the repairs and the flat table all fill cells, and each conversion
(元 → 万元, "无" → 0) must leave the same finding whichever of them reads the cell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

from .. import messages, schema
from ..model import Cell, Finding, TableData
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
    source = value.cell
    raw = source.text if source is not None else None
    where = source.where if source is not None else None
    stored = raw if raw else None
    # A new cell replaces the table's (shared, blank) one: cells are never changed in place.
    cells = result.data.rows[spec_row.key]
    if number is not None:
        cells[column.key] = Cell(number, stored, where, inferred)
    elif reading.kind == "number":
        if column.kind == "amount" and reading.unit == "元" and "万元" in column.label:
            cell = cells[column.key] = Cell(_yuan_to_wan(reading.values[0]), stored, where, True)
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
        else:
            cells[column.key] = Cell(reading.values[0], stored, where, inferred)
    elif reading.kind == "none_word":
        cells[column.key] = Cell(0, stored, where, True)
        result.findings.append(
            Finding(
                "inferred_cell",
                "info",
                messages.FINDINGS["inferred_none_word"].format(row=spec_row.label, column=column.label, raw=raw),
                (result.data.path(spec_row.key, column.key),),
                where,
            )
        )
    else:
        cells[column.key] = Cell(None, stored, where, inferred)


def set_numbers(
    result: TableResult, spec_row: schema.Row, columns: list[schema.Column], tokens: list[Token], inferred: bool
) -> None:
    """``set_cell`` for each column and its number token, in order: the common case of a row read
    whole, without a call per cell where nothing is converted."""
    cells = result.data.rows[spec_row.key]
    found = _PLAIN_KEYS.get(id(columns))  # _plain_keys, without a call per row where it is known
    keys = found[1] if found is not None and found[0] is columns else _plain_keys(columns)
    if keys is None:  # an amount column: 元 may become 万元 (set_cell)
        for column, token in zip(columns, tokens, strict=True):
            set_cell(result, spec_row, column, token, inferred)
        return
    if _FILL is not None and type(tokens) is list:
        _FILL(cells, keys, columns, tokens, inferred, result, spec_row)
        return
    _set_numbers(cells, keys, columns, tokens, inferred, result, spec_row)


def _set_numbers(cells: dict[str, Cell], keys: tuple[str, ...], columns: list[schema.Column], tokens: list[Token],
                 inferred: bool, result: TableResult, spec_row: schema.Row) -> None:
    """``set_numbers``'s loop over a row without amount columns: the reference of the compiled one
    (``_cells.c``), used where it is not built."""
    new = _new_cell
    for key, column, token in zip(keys, columns, tokens, strict=True):
        reading = token.reading
        source = token.cell
        if reading.kind == "number" and source is not None:
            # Cell(value, raw, where, inferred), without the generated __init__ (a third of a
            # cell's cost, and most cells of a report are made here): its four fields set in turn.
            cells[key] = cell = new(Cell)
            cell.value = reading.values[0]
            cell.raw = source.text or None
            cell.where = source.where
            cell.inferred = inferred
        else:
            set_cell(result, spec_row, column, token, inferred)


def _plain_keys(columns: list[schema.Column]) -> tuple[str, ...] | None:
    """The keys of a schema row's columns, None when one holds an amount (whose unit may need
    converting): asked per row filled, the same few column lists every time."""
    keys = None if any(c.kind == "amount" for c in columns) else tuple(c.key for c in columns)
    if len(_PLAIN_KEYS) >= 4096:
        _PLAIN_KEYS.clear()
    _PLAIN_KEYS[id(columns)] = (columns, keys)
    return keys


_new_cell = object.__new__
# set_numbers sets these fields of a new Cell itself: a field added to Cell must be set there too,
# and a __post_init__ would never run for those cells. Raised, not asserted: ``python -O`` drops asserts.
if [f.name for f in fields(Cell)] != ["value", "raw", "where", "inferred"] or hasattr(Cell, "__post_init__"):
    raise ImportError("set_numbers builds Cell without __init__: update it for Cell's new fields or __post_init__")

# By id of a schema row's column list (kept to check the id was not reused): ``_plain_keys``.
_PLAIN_KEYS: dict[int, tuple[list[schema.Column], tuple[str, ...] | None]] = {}


def _yuan_to_wan(value: int | float) -> int | float:
    wan = round(value / 10000, 6)
    return int(wan) if float(wan).is_integer() else wan




def _compiled_fill():
    """``_cells.fill`` configured with this module's parts, or None when it was not built."""
    try:
        from . import _cells
    except ImportError:
        return None
    from ..read.grid import RawCell
    from .values import Reading

    _cells.configure(Cell, Token, RawCell, Reading, set_cell, "number")
    return _cells.fill


# GONGKAI_PURE_PYTHON=1 keeps the Python loop (to compare the two, or to debug).
COMPILED = None if os.environ.get("GONGKAI_PURE_PYTHON") == "1" else _compiled_fill()
_FILL = COMPILED
