"""Aligning a table region to the statutory table: the one step every reader feeds.

The region (found by its section heading, or by an anchor row when the heading is missing) becomes
rows of tokens (``segment``); each row's label names a schema row (``labels``) and its value tokens
are fitted to that row's columns (``fit``). Two repairs then run over the whole table, each leaving
a finding:
- rows of numbers whose label was lost are placed by position into the gap between the labelled
  rows around them (``inferred_cell``), when the count fits exactly;
- a cell holding several rows' numbers ("0 0") is split over the blank neighbouring rows when only
  one split is possible, and reported as ``ambiguous_cell`` otherwise.
Where the text ends inside the table, the row it ends in is named once (``TableResult.cut``), and
the cells after it are not visible rather than missing.
"""

from __future__ import annotations

from .. import messages, schema
from ..model import ExtraRow, Finding, TableData
from ..read.grid import RawRow
from . import fit
from .cells import TableResult, set_cell, set_numbers
from .flat import align_flat
from .repairs import place_orphans, resolve_stacked
from .segment import RowRead, Token, read_rows
from .values import read_cell

__all__ = ["TableResult", "align_table"]


def align_table(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    if spec.layout == "flat":
        return align_flat(spec, rows, start, end)
    return _align_labelled(spec, rows, start, end)


# --- labelled tables (sections 二 and 三) ------------------------------------------------------

def _align_labelled(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    result = TableResult(TableData.empty(spec))
    matched: dict[str, RowRead] = {}
    order: list[RowRead] = []  # matched and orphan rows in document order
    orphans = False  # some row of numbers in ``order`` lacks a label
    reads = read_rows(spec, rows, start, end)
    for read in reads:
        if read.spec is None:
            if spec.key == "proactive" and read.labels and read.has_number:
                values = [t.reading.values[0] for t in read.values if t.kind == fit.NUMBER and t.reading.values]
                result.data.extra.append(ExtraRow(read.label, values, read.raw.where))
            elif read.has_number:
                order.append(read)
                orphans = True
            continue
        previous = matched.get(read.spec.key)
        if previous is not None and (previous.has_number or not read.has_number):
            continue  # a repeated label (e.g. a wrapped header); the first row with numbers stands
        matched[read.spec.key] = read
        if previous is not None:
            order.remove(previous)
        order.append(read)

    result.found = bool(matched or order)
    if orphans:  # else there is nothing to place
        place_orphans(spec, order, matched, result)
    result.cut = _cut(spec, reads, matched)
    for read in matched.values():
        _fill_row(result, read)
    resolve_stacked(spec, matched, result)
    return result


def _cut(spec: schema.Table, reads: list[RowRead], matched: dict[str, RowRead]) -> tuple[schema.Row, int] | None:
    """Where the text ends inside this table: the last row read, when it is short, else the first
    row after it; None when the table is read to its last row or the text goes on after it."""
    if not reads or not reads[-1].cut or not matched:
        return None
    last = max(matched.values(), key=lambda r: r.index)
    assert last.spec is not None
    if last is not reads[-1]:
        # The text ends in what follows the last row read: a label cut short ("行政强", "2").
        here = spec.row_index[last.spec.key]
        return (spec.rows[here + 1], 0) if here + 1 < len(spec.rows) else None
    visible = len(last.values)
    if visible < len(last.spec.columns):
        return last.spec, visible
    here = spec.row_index[last.spec.key]
    return (spec.rows[here + 1], 0) if here + 1 < len(spec.rows) else None


# Readings that need more than the fit: several rows' numbers in one cell, digits run together.
_SPECIAL = frozenset({"numbers", "run"})


def _fill_row(result: TableResult, read: RowRead) -> None:
    spec_row = read.spec
    assert spec_row is not None
    columns = spec_row.columns
    n = len(columns)
    inferred = read.placed
    if not read.special and read.numbers == n and not inferred:
        # As many numbers as columns and nothing to split: the fit has no choice (fit._direct).
        values = read.values
        if len(values) == n:
            set_numbers(result, spec_row, columns, values, False)  # every token a number
        else:
            set_numbers(result, spec_row, columns, [v for v in values if v.kind == fit.NUMBER], False)
        return
    values = list(read.values)
    table = result.data
    cut = result.cut is not None and result.cut[0] is spec_row

    def raw_text() -> str:
        return " ".join(v.cell.text for v in values if v.cell is not None and v.cell.text.strip())

    def paths(indexes=None) -> tuple[str, ...]:
        cols = columns if indexes is None else [columns[i] for i in indexes]
        return tuple(table.path(spec_row.key, c.key) for c in cols)

    special = {v.reading.kind for v in values} & _SPECIAL if read.special else set()
    stacked = [v for v in values if v.reading.kind == "numbers"] if "numbers" in special else None
    if stacked:
        widths = {len(v.reading.values) for v in stacked}
        numbers = [v for v in values if v.kind == fit.NUMBER]
        if len(widths) == 1 and len(stacked) == len(numbers) and len(numbers) <= n:
            read.stacked = widths.pop()
            read.values = numbers
            return  # resolved with its neighbours in _resolve_stacked
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_merged"].format(row=spec_row.label, raw=raw_text(), candidates="相邻行"),
                paths(),
                read.raw.where,
            )
        )
        return

    if "run" in special:
        values = _split_runs(result, spec_row, values, n)
        if values is None:
            return

    numbers = [v for v in values if v.kind == fit.NUMBER]
    if len(numbers) > n:
        result.findings.append(
            Finding(
                "inferred_cell",
                "info",
                messages.FINDINGS["inferred_extra_values"].format(
                    row=spec_row.label, found=len(numbers), expected=n, raw=raw_text()
                ),
                paths(),
                read.raw.where,
            )
        )
        for column, value in zip(columns, numbers[-n:], strict=True):
            set_cell(result, spec_row, column, value, True)
        return

    while values and values[-1].loose:
        values.pop()  # blank cells of unknown place after the last value tell nothing about positions
    kinds = [v.kind for v in values]
    if len(numbers) == n:
        # As many numbers as columns: the fit has no choice (fit._direct), nothing to report.
        for column, value in zip(columns, numbers, strict=True):
            set_cell(result, spec_row, column, value, inferred)
        return
    numbers_of = [v.reading.values[0] if v.kind == fit.NUMBER and v.reading.values else None for v in values]
    has_total = columns[-1].key == "total" and n > 2
    fitted = fit.fit_row(kinds, numbers_of, n, cut=cut, grid=read.grid, total_column=has_total)
    if fitted.ambiguous and any(numbers_of[i] is not None for i in range(len(values))):
        found = sum(1 for k in kinds if k == fit.NUMBER)
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_short_row"].format(row=spec_row.label, found=found, expected=n),
                paths(fitted.ambiguous),
                read.raw.where,
            )
        )
    if fitted.by_total:
        result.findings.append(
            Finding(
                "inferred_cell",
                "info",
                messages.FINDINGS["inferred_by_total"].format(row=spec_row.label, raw=raw_text()),
                paths(fitted.by_total),
                read.raw.where,
            )
        )
    for c, (column, token) in enumerate(zip(columns, fitted.tokens, strict=True)):
        if token is None:
            continue
        set_cell(result, spec_row, column, values[token], inferred or c in fitted.by_total)


def _split_runs(result: TableResult, spec_row: schema.Row, values: list[Token], n: int) -> list[Token] | None:
    """A row whose digits ran together in flattened text: one run for the whole row is split when
    only one split is plausible (``fit.split_run``); otherwise its cells are ambiguous."""
    numbers = [v for v in values if v.kind == fit.NUMBER]
    if len(numbers) == 1 and numbers[0].cell is not None:
        run = numbers[0]
        parts = fit.split_run(run.cell.text, n)
        if parts is not None:
            return [Token(fit.NUMBER, read_cell(p), run.cell) for p in parts]
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_run"].format(row=spec_row.label, raw=run.cell.text, expected=n),
                tuple(result.data.path(spec_row.key, c.key) for c in spec_row.columns),
                run.cell.where,
            )
        )
        return None
    # Several runs: each is one cell (digits separated by labels or spaces elsewhere).
    return [Token(v.kind, read_cell(v.cell.text), v.cell) if v.reading.kind == "run" and v.cell else v for v in values]


