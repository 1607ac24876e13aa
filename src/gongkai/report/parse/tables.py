"""Aligning raw rows to the statutory tables: the one step every reader feeds.

A table region (found by its section heading, or by an anchor row when the heading is missing)
is read row by row. A row's label is matched to a schema row by meaning; the cells after the
label are its values. Two repairs then run over the whole table, each leaving a finding:
- rows of numbers whose label was lost are placed by position into the gap between the labelled
  rows around them (``inferred_cell``), when the count fits exactly;
- a cell holding several rows' numbers ("0 0") is split over the blank neighbouring rows when only
  one split is possible, and reported as ``ambiguous_cell`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import messages, schema
from ..model import ExtraRow, Finding, Location, TableData
from ..read.grid import RawCell, RawRow
from .normalize import label_key
from .values import Reading, read_cell

_APPLICATION_HEADER = re.compile("|".join(schema.APPLICANT_HEADER))
_PROACTIVE_HEADER = re.compile(r"信息内容|第二十条|件数|数量|金额|增减")


@dataclass(slots=True)
class _Value:
    reading: Reading
    cell: RawCell | None


@dataclass(slots=True)
class _RowRead:
    """One source row as read: its label, the row it matched and its value cells."""

    index: int
    label: str
    raw: RawRow
    spec: schema.Row | None
    values: list[_Value]
    stacked: int = 1  # > 1 when every value cell holds that many rows' numbers
    placed: bool = False  # True when the row was given its place by position, its label lost


@dataclass(slots=True)
class TableResult:
    data: TableData
    findings: list[Finding] = field(default_factory=list)
    header_cells: list[str] = field(default_factory=list)
    found: bool = False  # some row of the table was recognised in the region


def align_table(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    if spec.layout == "flat":
        return _align_flat(spec, rows, start, end)
    return _align_labelled(spec, rows, start, end)


# --- labelled tables (sections 二 and 三) ------------------------------------------------------

def _align_labelled(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> TableResult:
    result = TableResult(TableData.empty(spec))
    header = _APPLICATION_HEADER if spec.key == "applications" else _PROACTIVE_HEADER
    matched: dict[str, _RowRead] = {}
    order: list[_RowRead] = []  # matched and orphan rows in document order
    for index in range(start, end):
        raw = rows[index]
        if not raw.cells:
            continue
        readings, label_at, has_values = _read_cells(raw)
        if not has_values and order and order[-1].spec is None and _continues(order[-1].raw, raw):
            # The rest of a row broken across a page (or a line): join it to its first part.
            raw = _join(order.pop().raw, raw)
            readings, label_at, _ = _read_cells(raw)
            has_values = True
        if not has_values and any(header.search(label_key(raw.cells[i].text)) for i in label_at):
            result.header_cells.extend(raw.cells[i].text for i in label_at)
            continue
        spec_row = _match_row(spec, [raw.cells[i].text for i in label_at])
        if not has_values and (spec_row is None or spec_row.key in matched):
            continue
        first_value = (label_at[-1] + 1) if label_at else 0
        values = [_Value(readings[i], raw.cells[i]) for i in range(first_value, len(raw.cells))]
        label = "".join(raw.cells[i].text for i in label_at)
        read = _RowRead(index, label, raw, spec_row, values)
        if spec_row is None:
            if spec.key == "proactive" and label and has_values:
                result.data.extra.append(
                    ExtraRow(label, [v.reading.values[0] for v in values if v.reading.is_value], raw.where)
                )
            elif any(v.reading.is_value for v in values):
                order.append(read)
            continue
        previous = matched.get(spec_row.key)
        if previous is not None and (previous.values and any(v.reading.is_value for v in previous.values)):
            continue  # a repeated label (e.g. a wrapped header); the first row with values stands
        matched[spec_row.key] = read
        if previous is not None:
            order.remove(previous)
        order.append(read)

    result.found = bool(matched or order)
    _place_orphans(spec, order, matched, result)
    for read in matched.values():
        _fill_row(result, read)
    _resolve_stacked(spec, matched, result)
    return result


def _read_cells(raw: RawRow) -> tuple[list[Reading], list[int], bool]:
    """Each cell's reading, the positions of the label cells, and whether any cell holds a value
    (anything neither blank nor a label)."""
    readings = [read_cell(c.text) for c in raw.cells]
    label_at: list[int] = []
    has_values = False
    for i, reading in enumerate(readings):
        kind = reading.kind
        if kind == "text":
            label_at.append(i)
        elif kind != "blank":
            has_values = True
    return readings, label_at, has_values


def _continues(first: RawRow, rest: RawRow) -> bool:
    """Whether ``rest`` holds only the label text of a row whose numbers came in ``first``."""
    if not (first.structured and rest.structured):
        return False
    if any(c.text.strip() and not read_cell(c.text).is_label for c in rest.cells):
        return False
    if len(first.cells) == len(rest.cells) and any(
        b.text.strip() and read_cell(a.text).is_value for a, b in zip(first.cells, rest.cells, strict=True)
    ):
        return False
    return any(c.text.strip() for c in rest.cells)


def _join(first: RawRow, rest: RawRow) -> RawRow:
    """Append the label pieces of ``rest`` to the label cells of ``first``, right-aligned: the last
    piece completes the innermost label. Pages may cut a table into different column counts, so
    positions are not compared."""
    cells = list(first.cells)
    targets = [i for i, c in enumerate(cells) if read_cell(c.text).is_label]
    pieces = [c.text for c in rest.cells if c.text.strip()]
    for i, piece in zip(reversed(targets), reversed(pieces), strict=False):
        cells[i] = RawCell(cells[i].text + piece, cells[i].where)
    return RawRow(cells, first.where, structured=True, heading=first.heading)


def _match_row(spec: schema.Table, labels: list[str]) -> schema.Row | None:
    """The schema row named by a row's label cells: the last cell that names one wins."""
    for text in reversed(labels):
        row = _match_label(spec, label_key(text))
        if row is not None:
            return row
    if len(labels) > 1:
        return _match_label(spec, label_key("".join(labels)))
    return None


# (id of the schema table, label key) → matched row. Labels repeat across reports (every report
# prints the same few dozen), and trying each row's patterns in turn is the costly part. The
# schema tables are module constants, so their ids are stable; the cache is emptied when full.
_LABEL_MATCHES: dict[tuple[int, str], schema.Row | None] = {}
_LABEL_MATCHES_MAX = 65536


def _match_label(spec: schema.Table, key: str) -> schema.Row | None:
    if not key:
        return None
    cache_key = (id(spec), key)
    try:
        return _LABEL_MATCHES[cache_key]
    except KeyError:
        pass
    found = next((row for row in spec.match_order if row.regex.search(key)), None)
    if len(_LABEL_MATCHES) >= _LABEL_MATCHES_MAX:
        _LABEL_MATCHES.clear()
    _LABEL_MATCHES[cache_key] = found
    return found


def _place_orphans(
    spec: schema.Table, order: list[_RowRead], matched: dict[str, _RowRead], result: TableResult
) -> None:
    """Give unlabelled rows of numbers the rows whose labels are missing, when the count fits."""
    runs: list[tuple[int, list[_RowRead], int]] = []  # (previous spec index, orphans, next spec index)
    previous = -1
    pending: list[_RowRead] = []
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


def _trim(values: list[_Value], n: int, structured: bool) -> list[_Value]:
    """The value cells of a row, cut to ``n`` where converters left extra blank cells."""
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


def _fill_row(result: TableResult, read: _RowRead) -> None:
    spec_row = read.spec
    assert spec_row is not None
    columns = spec_row.columns
    n = len(columns)
    values = _trim(read.values, n, read.raw.structured)
    inferred = read.placed
    table = result.data

    def raw_text() -> str:
        return " ".join(v.cell.text for v in values if v.cell is not None and v.cell.text.strip())

    def paths() -> tuple[str, ...]:
        return tuple(table.path(spec_row.key, c.key) for c in columns)

    stacked = [v for v in values if v.reading.kind == "numbers"]
    if stacked:
        widths = {len(v.reading.values) for v in stacked}
        nonblank = [v for v in values if v.reading.kind != "blank"]
        if len(widths) == 1 and len(stacked) == len(nonblank) and len(values) <= n:
            read.stacked = widths.pop()
            read.values = values
            return  # resolved with its neighbours in _resolve_stacked
        for value in values:
            if value.reading.kind == "numbers":
                value.reading = Reading("text")
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_merged"].format(row=spec_row.label, raw=raw_text(), candidates="相邻行"),
                paths(),
                read.raw.where,
            )
        )

    if len(values) > n:
        result.findings.append(
            Finding(
                "inferred_cell",
                "info",
                messages.FINDINGS["inferred_extra_values"].format(
                    row=spec_row.label, found=len(values), expected=n, raw=raw_text()
                ),
                paths(),
                read.raw.where,
            )
        )
        values = values[-n:]
        inferred = True
    elif len(values) < n and not read.raw.structured and values:
        result.findings.append(
            Finding(
                "ambiguous_cell",
                "warning",
                messages.FINDINGS["ambiguous_short_row"].format(row=spec_row.label, found=len(values), expected=n),
                paths(),
                read.raw.where,
            )
        )
    for column, value in zip(columns, values, strict=False):
        _set_cell(result, spec_row, column, value, inferred)


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


def _resolve_stacked(spec: schema.Table, matched: dict[str, _RowRead], result: TableResult) -> None:
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
        values = [_Value(readings[i], raw.cells[i]) for i in range(first_value, len(raw.cells))]
        group = _match_row(spec, [raw.cells[i].text for i in label_at]) if label_at else None
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
