"""The two repairs of a labelled table, each leaving a finding.

- Rows of numbers whose label was lost are placed by position into the gap between the labelled
  rows around them (``inferred_cell``), only when their count fits the gap exactly; otherwise they are
  reported (``unplaced_values``) and left out, never placed by guess.
- A cell holding several rows' numbers ("0 0", a converter merged rows) is split over the blank
  neighbouring rows when only one split is possible, and reported as ``ambiguous_cell`` otherwise.
"""

from __future__ import annotations

from .. import messages, schema
from ..model import Finding
from .cells import TableResult, set_cell
from .segment import RowRead


def place_orphans(
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


def resolve_stacked(spec: schema.Table, matched: dict[str, RowRead], result: TableResult) -> None:
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
                set_cell(result, row_spec, column, value, True, number)
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


