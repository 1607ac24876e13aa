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

from dataclasses import dataclass, field

from .. import messages, schema
from ..model import ExtraRow, Finding, Location, TableData
from ..read.grid import RawRow
from . import fit
from .segment import RowRead, Token, match_row, read_rows
from .values import Reading, read_cell

_Value = Token


def _token(reading: Reading, cell) -> Token:
    return Token(fit.NUMBER if reading.is_value else fit.CELL, reading, cell)


@dataclass(slots=True)
class TableResult:
    data: TableData
    findings: list[Finding] = field(default_factory=list)
    found: bool = False  # some row of the table was recognised in the region
    # Where the text ends inside the table: the schema row it ends in (or before), and how many of
    # that row's cells are visible.
    cut: tuple[schema.Row, int] | None = None


def align_table(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    if spec.layout == "flat":
        return _align_flat(spec, rows, start, end)
    return _align_labelled(spec, rows, start, end)


# --- labelled tables (sections 二 and 三) ------------------------------------------------------

def _align_labelled(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    result = TableResult(TableData.empty(spec))
    matched: dict[str, RowRead] = {}
    order: list[RowRead] = []  # matched and orphan rows in document order
    reads = read_rows(spec, rows, start, end)
    for read in reads:
        if read.spec is None:
            if spec.key == "proactive" and read.labels and read.has_number:
                values = [t.reading.values[0] for t in read.values if t.kind == fit.NUMBER and t.reading.values]
                result.data.extra.append(ExtraRow(read.label, values, read.raw.where))
            elif read.has_number:
                order.append(read)
            continue
        previous = matched.get(read.spec.key)
        if previous is not None and (previous.has_number or not read.has_number):
            continue  # a repeated label (e.g. a wrapped header); the first row with numbers stands
        matched[read.spec.key] = read
        if previous is not None:
            order.remove(previous)
        order.append(read)

    result.found = bool(matched or order)
    _place_orphans(spec, order, matched, result)
    result.cut = _cut(spec, reads, matched)
    for read in matched.values():
        _fill_row(result, read)
    _resolve_stacked(spec, matched, result)
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


def _place_orphans(
    spec: schema.Table, order: list[RowRead], matched: dict[str, RowRead], result: TableResult
) -> None:
    """Give unlabelled rows of numbers the rows whose labels are missing, when the count fits."""
    runs: list[tuple[int, list[RowRead], int]] = []  # (previous spec index, orphans, next spec index)
    previous = -1
    pending: list[RowRead] = []
    for read in order:
        if read.spec is None:
            pending.append(read)
            continue
        here = spec.row_index[read.spec.key]
        if pending:
            runs.append((previous, pending, here))
            pending = []
        previous = here
    if pending:
        runs.append((previous, pending, len(spec.rows)))
    for before, orphans, after in runs:
        gap = [row for row in spec.rows[before + 1 : after] if row.key not in matched]
        if len(gap) == len(orphans):
            for row, read in zip(gap, orphans, strict=True):
                read.spec = row
                matched[row.key] = read
                raw = " ".join(c.text for c in read.raw.cells if c.text.strip())
                result.findings.append(
                    Finding(
                        "inferred_cell",
                        "info",
                        messages.FINDINGS["inferred_position"].format(row=row.label, raw=raw),
                        tuple(f"{spec.key}.{row.key}.{c.key}" for c in row.columns),
                        read.raw.where,
                    )
                )
                read.placed = True
        else:
            for read in orphans:
                raw = " ".join(c.text for c in read.raw.cells if c.text.strip())
                result.findings.append(
                    Finding(
                        "unplaced_values",
                        "warning",
                        messages.FINDINGS["unplaced_values"].format(where=read.raw.where.describe() or "?", raw=raw),
                        (),
                        read.raw.where,
                    )
                )


# Readings that need more than the fit: several rows' numbers in one cell, digits run together.
_SPECIAL = frozenset({"numbers", "run"})


def _fill_row(result: TableResult, read: RowRead) -> None:
    spec_row = read.spec
    assert spec_row is not None
    columns = spec_row.columns
    n = len(columns)
    values = list(read.values)
    inferred = read.placed
    table = result.data
    cut = result.cut is not None and result.cut[0] is spec_row

    def raw_text() -> str:
        return " ".join(v.cell.text for v in values if v.cell is not None and v.cell.text.strip())

    def paths(indexes=None) -> tuple[str, ...]:
        cols = columns if indexes is None else [columns[i] for i in indexes]
        return tuple(table.path(spec_row.key, c.key) for c in cols)

    special = {v.reading.kind for v in values} & _SPECIAL
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
            _set_cell(result, spec_row, column, value, True)
        return

    while values and values[-1].loose:
        values.pop()  # blank cells of unknown place after the last value tell nothing about positions
    kinds = [v.kind for v in values]
    if len(numbers) == n:
        # As many numbers as columns: the fit has no choice (fit._direct), nothing to report.
        for column, value in zip(columns, numbers, strict=True):
            _set_cell(result, spec_row, column, value, inferred)
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
        _set_cell(result, spec_row, column, values[token], inferred or c in fitted.by_total)


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


def _set_cell(
    result: TableResult, spec_row: schema.Row, column: schema.Column, value: _Value, inferred: bool,
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


def _resolve_stacked(spec: schema.Table, matched: dict[str, RowRead], result: TableResult) -> None:
    """Split cells holding k rows' numbers ("0 0") over k−1 blank neighbouring rows."""

    def is_free(index: int) -> bool:
        if not 0 <= index < len(spec.rows):
            return False
        read = matched.get(spec.rows[index].key)
        if read is None:
            return True
        return read.stacked == 1 and all(
            c.value is None for c in result.data.rows[spec.rows[index].key].values()
        ) and not any(v.reading.is_value for v in read.values)

    for read in [r for r in matched.values() if r.stacked > 1]:
        assert read.spec is not None
        here = spec.row_index[read.spec.key]
        need = read.stacked - 1
        above = 0
        while above < need and is_free(here - above - 1):
            above += 1
        below = 0
        while below < need and is_free(here + below + 1):
            below += 1
        options = [a for a in range(need + 1) if a <= above and need - a <= below]
        raw_text = " ".join(v.cell.text for v in read.values if v.cell is not None and v.cell.text.strip())
        # Which rows get the i-th number of each stacked cell under each option.
        placements = {a: list(range(here - a, here - a + read.stacked)) for a in options}
        certain: dict[int, int] = {}  # spec row index -> position of its number within the cell
        if len(options) == 1:
            certain = {row: i for i, row in enumerate(placements[options[0]])}
        elif options:
            for row in {r for rows in placements.values() for r in rows}:
                positions = {rows.index(row) if row in rows else None for rows in placements.values()}
                if None in positions:
                    continue
                # Same position in every option, or equal numbers wherever it could come from.
                if len(positions) == 1 or all(
                    len({v.reading.values[p] for p in positions}) == 1
                    for v in read.values
                    if v.reading.kind == "numbers"
                ):
                    certain[row] = min(positions)
        for row_index, position in certain.items():
            row_spec = spec.rows[row_index]
            for column, value in zip(row_spec.columns, read.values, strict=False):
                number = value.reading.values[position] if value.reading.kind == "numbers" else None
                if number is None:
                    continue
                _set_cell(result, row_spec, column, value, True, number)
        uncertain = sorted(
            {r for rows in placements.values() for r in rows} - set(certain)
        ) if options else [here]
        involved = [spec.rows[i] for i in sorted(set(certain) | set(uncertain))]
        if uncertain:
            candidates = "、".join(f"“{spec.rows[i].label}”" for i in uncertain)
            result.findings.append(
                Finding(
                    "ambiguous_cell",
                    "warning",
                    messages.FINDINGS["ambiguous_merged"].format(
                        row=read.spec.label, raw=raw_text, candidates=candidates
                    ),
                    tuple(f"{spec.key}.{r.key}.{c.key}" for r in involved for c in r.columns),
                    read.raw.where,
                )
            )
        else:
            result.findings.append(
                Finding(
                    "inferred_cell",
                    "info",
                    messages.FINDINGS["inferred_split"].format(row=read.spec.label, raw=raw_text),
                    tuple(f"{spec.key}.{r.key}.{c.key}" for r in involved for c in r.columns),
                    read.raw.where,
                )
            )


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



# --- the flat table (section 四) ---------------------------------------------------------------

def _align_flat(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    result = TableResult(TableData.empty(spec))
    width = spec.width
    collected: list[_Value] = []
    labelled: dict[str, list[_Value]] = {}
    first_where: Location | None = None
    for index in range(start, end):
        raw = rows[index]
        readings = [read_cell(c.text) for c in raw.cells]
        if not any(r.kind != "blank" and not r.is_label for r in readings):
            continue
        label_at = [i for i, r in enumerate(readings) if r.is_label]
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
            _set_cell(result, row, column, value, False)
    return result
