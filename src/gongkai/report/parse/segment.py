"""A table region as a stream of tokens, cut into the table's rows.

Why tokens rather than the reader's rows: a reader's row is a line or a grid row, and real reports
put one table row on one line, on seven lines, on one line with the next row, or on one line with
the whole report. What is certain is the order: a row label, then that row's cells. So every cell of
the region becomes a token (a label, a number, a blank mark of some certainty, see ``fit``) and a
row is a label followed by the value tokens up to the next label, closed early only when it holds
as many cells as the schema row has columns (so that a row of numbers whose label was lost stays a
row of its own, for the position repair in ``tables``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .. import schema
from ..read.grid import RawCell, RawRow
from . import fit
from .labels import match_label
from .normalize import label_key
from .values import Reading, read_cell

_BLANK_READING = Reading("blank")


@dataclass(slots=True)
class Token:
    kind: str  # fit.NUMBER, fit.CELL, fit.GAP, fit.BREAK or fit.COVERED
    reading: Reading
    cell: RawCell | None
    # From a line of pipes alone ("||||"): blank cells whose count is known but not their place, as
    # when a converter prints a row's filled cells first and its empty ones after them.
    loose: bool = False


@dataclass(slots=True)
class RowRead:
    """One table row as read: its label cells, the schema row they name, its value tokens."""

    index: int  # the reader's row where it starts
    raw: RawRow
    labels: list[RawCell] = field(default_factory=list)
    spec: schema.Row | None = None
    values: list[Token] = field(default_factory=list)
    grid: bool = False  # its tokens are one grid row of a reader: positions count
    cut: bool = False  # the text ends inside this row
    stacked: int = 1  # > 1 when every value cell holds that many rows' numbers
    placed: bool = False  # True when the row was given its place by position, its label lost

    @property
    def label(self) -> str:
        return "".join(c.text for c in self.labels)

    numbers: int = 0  # its number tokens, counted as they come
    special: bool = False  # some token holds several rows' numbers or a run of flattened digits
    firm: int = 0  # its number and empty-cell tokens

    @property
    def has_number(self) -> bool:
        return self.numbers > 0


def read_rows(spec: schema.Table, rows: list[RawRow], start: int, end: int) -> list[RowRead]:
    """The table rows of ``rows[start:end]``, in document order (orphans included, label-less)."""
    return _ROW_LOOP(spec, rows, start, end, _usual_gap(rows, start, end), _classes(spec))


def _read_rows(spec: schema.Table, rows: list[RawRow], start: int, end: int, usual_gap: int,
               classes: dict[str, tuple[str, Reading, bool]]) -> list[RowRead]:
    """``read_rows`` given the region's usual gap and the table's cell classes: the reference of the
    compiled loop (``_segment.c``), which does the same and is used when built (``_ROW_LOOP``)."""
    out: list[RowRead] = []
    current: RowRead | None = None  # the row that value tokens go to, while it is open
    previous: RawRow | None = None
    closed: RowRead | None = None  # the row the previous line closed
    number, covered_kind = fit.NUMBER, fit.COVERED
    for index in range(start, end):
        raw = rows[index]
        cells = raw.cells
        loose = raw.pipe_open and raw.pipe_close and raw.structured and not any(c.text.strip() for c in cells)
        if current is not None:
            if raw.gap > usual_gap:
                current.values.extend(Token(fit.GAP, _BLANK_READING, None) for _ in range(raw.gap - usual_gap))
            if raw.pipe_open and previous is not None and previous.pipe_close:
                current.values.append(Token(fit.BREAK, _BLANK_READING, None, loose))
        if closed is not None and closed.spec is None and _rest_of_label(closed, raw):
            # The label of a grid row wrapped onto the next line or page, its numbers already read.
            _join_labels(spec, closed, raw)
            previous = raw
            continue
        closed = None
        previous = raw
        contributed = 0
        if current is not None and cells and current.values:
            current.grid = False  # its cells come from more than one line
        for cell in cells:
            if cell.covered:
                if current is not None:
                    current.values.append(Token(covered_kind, _BLANK_READING, cell))
                continue
            if cell.run:
                kind, reading, special = _RUN
            else:
                try:
                    kind, reading, special = classes[cell.text]
                except KeyError:  # a cell text not seen before (most repeat: labels, small numbers)
                    kind, reading, special = _classify(spec, cell.text)
                if kind is number and current is not None:
                    # A value cell of an open row, the commonest token: what the end of this loop
                    # does for it, without the tests that only labels and header cells need.
                    current.values.append(Token(kind, reading, cell, loose))
                    current.firm += 1
                    current.numbers += 1
                    if special:
                        current.special = True
                    contributed += 1
                    continue
            if kind is _HEADER:
                current = None  # a header row: no row goes on across it
                continue
            if kind is _LABEL:
                if current is not None and not current.numbers and current.labels and _continues(spec, current, cell):
                    _add_label(spec, current, cell)
                else:
                    current = RowRead(index, raw, grid=raw.structured)
                    _add_label(spec, current, cell)
                    out.append(current)
                continue
            if current is None:
                if kind != number:
                    continue
                current = RowRead(index, raw, grid=raw.structured)
                out.append(current)
            current.values.append(Token(kind, reading, cell, loose))
            current.firm += 1
            if kind == number:
                current.numbers += 1
                if special:
                    current.special = True
            contributed += 1
        if current is not None and (
            (current.spec is not None and current.firm >= len(current.spec.columns))
            or (current.spec is None and contributed > 1)
        ):
            # Full (as many numbers and empty cells as columns; extra empty lines and line breaks
            # between pipes do not count, the fit decides what they are), or a line of numbers under no
            # row the schema knows: what follows is another row, label or not.
            closed, current = current, None
    if end == len(rows) and out:
        out[-1].cut = True
    return out


# Readings that need more than the fit: several rows' numbers in one cell, digits run together.
_SPECIAL = frozenset({"numbers", "run"})
_HEADER = "header"
_LABEL = "label"
_RUN = (fit.NUMBER, Reading("run"), True)
# Per schema table (by id), cell text → (token kind, reading, whether the reading is _SPECIAL). Cells
# repeat across reports: the same labels, header words and small numbers.
_CLASSES: dict[int, dict[str, tuple[str, Reading, bool]]] = {}


def _classes(spec: schema.Table) -> dict[str, tuple[str, Reading, bool]]:
    classes = _CLASSES.get(id(spec))
    if classes is None or len(classes) >= 65536:
        classes = _CLASSES[id(spec)] = {}
    return classes


def _classify(spec: schema.Table, text: str) -> tuple[str, Reading, bool]:
    reading = read_cell(text)
    if reading.kind == "text":
        kind = _HEADER if _is_header(spec, text) else _LABEL
    else:
        kind = fit.NUMBER if reading.is_value else fit.CELL
    found = _classes(spec)[text] = (kind, reading, reading.kind in _SPECIAL)
    return found


def _rest_of_label(row: RowRead, raw: RawRow) -> bool:
    """Whether ``raw`` holds only the rest of the label of ``row``, a grid row whose label names no
    row yet and whose numbers came on the line before."""
    if row.spec is not None or not row.labels or not row.has_number or not raw.structured or not row.raw.structured:
        return False
    texts = [c.text for c in raw.cells if c.text.strip()]
    return bool(texts) and all(read_cell(t).is_label for t in texts)


def _join_labels(spec: schema.Table, row: RowRead, raw: RawRow) -> None:
    """Append the label pieces of ``raw`` to the label cells of ``row``, right-aligned: the last
    piece completes the innermost label. Pages may cut a table into different column counts, so
    positions are not compared."""
    pieces = [c.text for c in raw.cells if c.text.strip()]
    labels = list(row.labels)
    for i, piece in zip(reversed(range(len(labels))), reversed(pieces), strict=False):
        labels[i] = RawCell(labels[i].text + piece, labels[i].where)
    row.labels = labels
    row.spec = match_row(spec, [c.text for c in labels])


def _is_header(spec: schema.Table, text: str) -> bool:
    """A column header cell ("自然人", "总计", "本年制发件数", "信息内容"), never a row label."""
    cache_key = (id(spec), text)
    found = _HEADER_CELLS.get(cache_key)
    if found is None:
        if len(_HEADER_CELLS) >= 65536:
            _HEADER_CELLS.clear()
        found = _HEADER_CELLS[cache_key] = _header(spec, text)
    return found


def _header(spec: schema.Table, text: str) -> bool:
    key = label_key(text)
    if len(key) > _HEADER_WORD and match_label(spec, text) is not None:
        return False  # header words fused with a row label in flattened text
    patterns = _HEADERS.get(id(spec))
    if patterns is None:
        words = [p for row in spec.rows for c in row.columns for p in c.header] + list(schema.APPLICANT_HEADER)
        words += [r"^其他$", r"^信息内容$", r"^第二十条第", r"本列数据", r"^申请人情况$", r"^结果维持$"]
        patterns = _HEADERS[id(spec)] = re.compile("|".join(f"(?:{w})" for w in words))
    return bool(patterns.search(key))


_HEADERS: dict[int, re.Pattern[str]] = {}
# (id of the schema table, cell text) → whether it is a header cell; header words repeat in every report.
_HEADER_CELLS: dict[tuple[int, str], bool] = {}
_HEADER_WORD = 10


def _continues(spec: schema.Table, current: RowRead, cell: RawCell) -> bool:
    """Whether a label cell continues the labels of ``current`` rather than starting a row."""
    if current.has_number or not current.labels:
        return False
    if current.spec is None:
        return True  # header words, a group label, or a label wrapped over cells
    if _unclosed(current.label):
        return True
    if any(t.kind != fit.COVERED for t in current.values):
        return False  # its (blank) cells came already: this is the next row
    # Otherwise the label goes on, unless it starts a local sub-row under a group label
    # ("其他对外管理服务事项" / "行政检查").
    return not (spec.key == "proactive" and match_label(spec, cell.text) is None and len(cell.text.strip()) >= 2)


def _add_label(spec: schema.Table, row: RowRead, cell: RawCell) -> None:
    if not row.numbers:
        row.values = []  # blank marks before the row's last label belong to the header it ends
        row.firm = 0
    labels = row.labels
    labels.append(cell)
    # One label cell (the usual row) is its own match; several are matched as match_row says.
    row.spec = match_label(spec, cell.text) if len(labels) == 1 else match_row(spec, [c.text for c in labels])


def match_row(spec: schema.Table, labels: list[str]) -> schema.Row | None:
    """The schema row named by a row's label cells: the last cell that names one wins, then the
    cells read together (a label wrapped over cells)."""
    for text in reversed(labels):
        row = match_label(spec, text)
        if row is not None:
            return row
    if len(labels) > 1:
        return match_label(spec, "".join(labels))
    return None


def _unclosed(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _usual_gap(rows: list[RawRow], start: int, end: int) -> int:
    """The number of empty lines that usually separates two lines of this region: only runs longer
    than that may stand for blank cells."""
    gaps: dict[int, int] = {}
    for row in rows[start + 1 : end]:
        if row.cells:
            gaps[row.gap] = gaps.get(row.gap, 0) + 1
    # The most frequent count, the first seen among equals (as Counter.most_common would).
    return max(gaps, key=gaps.__getitem__) if gaps else 0


def _compiled_loop():
    """``_segment.read_rows`` configured with this module's parts, or None when it was not built (an
    install without a C compiler: the Python loop then reads the same rows, slower)."""
    try:
        from . import _segment
    except ImportError:
        return None
    _segment.configure(RawCell, RawRow, Token, RowRead, _classify, _rest_of_label, _join_labels, _continues,
                       _add_label, fit.NUMBER, fit.GAP, fit.BREAK, fit.COVERED, _HEADER, _LABEL, _BLANK_READING, _RUN)
    return _segment.read_rows


# GONGKAI_PURE_PYTHON=1 keeps the Python loop (to compare the two, or to debug).
COMPILED = None if os.environ.get("GONGKAI_PURE_PYTHON") == "1" else _compiled_loop()
_ROW_LOOP = COMPILED or _read_rows
