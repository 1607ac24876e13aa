"""Plain text and Markdown → raw rows.

Published reports reach us as text in many table layouts, often mixed in one file:
- tab-separated rows ("规章\t0\t0\t0"), blank cells kept as empty fields;
- one cell per line, each line led by a single tab, rows separated by an empty line (what
  Word-to-text converters print);
- pipe tables, whole rows on a line or broken over lines ("0 |" per line, lone "|" lines);
- one cell per line with empty lines between, where a longer run of empty lines stands for blank
  cells: each row keeps the count of empty lines before it (``gap``) for the table step to weigh;
- whole reports flattened onto one line, split here at section headings and sentence ends.
Everything else is running text: one row per line, with trailing whitespace-separated numbers
split off as cells so that "行政许可 0" still reads as a label and a value.
"""

from __future__ import annotations

import os
import re

from ..model import Location, location
from .grid import RawCell, RawDocument, RawRow

# Never matches across a line break, so it can run over the whole text before it is split.
_ARTIFACT = re.compile(r"\[bookmark:[^\]\n]*\]|\*\*|__")
_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")  # its first alternative
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# The first characters a line matching _MD_HEADING can have: "#" and what "\s" matches.
_HEADING_LEAD = frozenset(
    "#\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_VALUE_TOKEN = r"(?:[-+−－]?[0-9０-９][0-9０-９,.．]*\s*(?:万元|元|件|个|条|项|次)?|无|—|－)"
_VALUE_SPLIT = re.compile(_VALUE_TOKEN)
# The same tokens without backtracking: a run of digits could otherwise be split among tokens in
# exponentially many ways before a trailing non-number ("0 999…999息" took minutes). Each token
# reads greedily, which decides the same strings: a split inside a digit run, or spaces given to
# the next token, never makes a match that reading on does not.
_VALUE_TOKEN_ATOMIC = r"(?:[-+−－]?+[0-9０-９][0-9０-９,.．]*+\s*+(?:万元|元|件|个|条|项|次)?+|无|—|－)"
_TRAILING_NUMBERS = re.compile(rf"^(.*?[^\s0-9０-９])\s+((?:{_VALUE_TOKEN_ATOMIC}\s*+)++)$")
# The last characters a value token can end with: a stripped line ending otherwise (as running
# text does, with "。") cannot match _TRAILING_NUMBERS, and the regex need not walk it.
_TOKEN_END = frozenset("0123456789０１２３４５６７８９,.．万元件个条项次无—－")


def read_text(text: str, kind: str = "text") -> RawDocument:
    doc = RawDocument(kind)
    text = _without_artifacts(text)
    carriage = "\r" in text
    if carriage:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    _LINE_LOOP(doc.rows, lines, _line_locations(len(lines)), carriage)
    return doc


def _read_lines(rows: list[RawRow], lines: list[str], places, carriage: bool) -> None:
    """Append the rows of ``lines`` to ``rows``: the reference of the compiled loop (``_text.c``),
    which does the same and is used when built (``_LINE_LOOP``)."""
    block: list[RawCell] = []
    block_start = 0
    block_gap = 0
    gap = 0  # empty lines since the last row
    for number, line in enumerate(lines, start=1):
        if carriage and line.endswith("\r"):
            line = line.rstrip("\r")
        tabs = line.count("\t") if "\t" in line else 0
        # A block cell: one tab, led by nothing but spaces (most lines of Word-to-text output).
        if tabs == 1 and (line[0] == "\t" or line.lstrip(" ")[0] == "\t"):
            if not block:
                block_start, block_gap, gap = number, gap, 0
            block.append(RawCell(line.strip(), places[number]))
            continue
        if not line or line.isspace():
            if block:
                rows.append(RawRow(block, places[block_start], True, False, block_gap))
                block = []
            gap += 1
            continue
        if block:
            if not tabs and not _MD_HEADING.match(line):
                # A cell's text wrapped onto a line of its own inside a one-cell-per-line row.
                last = block[-1]
                block[-1] = RawCell(last.text + line.strip(), last.where)
                continue
            rows.append(RawRow(block, places[block_start], True, False, block_gap))
            block = []
        where = places[number]
        if len(line) > _FLAT_LINE and _FLAT_TABLE.search(line):
            for row in _flat_rows(line, where):
                row.gap, gap = gap, 0
                rows.append(row)
            continue
        if tabs and "|" not in line:
            # A tab-separated row ("规章\t0\t0\t0"), the commonest table line: what ``line_row``
            # makes of it (each field a cell placed at its column of the line), without its tests.
            parts = line.split("\t")
            row = RawRow(list(map(RawCell, map(str.strip, parts), _line_places(number, len(parts)))), where, True)
        else:
            row = line_row(line, where)
        row.gap, gap = gap, 0
        rows.append(row)
    if block:
        rows.append(RawRow(block, places[block_start], True, False, block_gap))


def _without_artifacts(text: str) -> str:
    """``_ARTIFACT.sub("", text)``. When only one of its three alternatives occurs in the text, the
    others cannot match anywhere, and that one alone is removed the same way (leftmost first, without
    overlaps), faster than the three-way regex tried at every position."""
    bookmark, bold, underline = "[bookmark:" in text, "**" in text, "__" in text
    if bookmark + bold + underline > 1:
        return _ARTIFACT.sub("", text)
    if bookmark:
        return _BOOKMARK.sub("", text)
    if bold:
        return text.replace("**", "")
    if underline:
        return text.replace("__", "")
    return text


# A line this long holding a table is a report flattened onto one line (a CMS stripped its markup);
# a long line without a table's words is a paragraph, and stays one.
_FLAT_LINE = 300
_FLAT_TABLE = re.compile(r"第二十|信息[内內]容|新收|申[请請]人")  # simplified or traditional
_FLAT_BREAK = re.compile(
    r"(?<=[。；;])|(?=[一二三四五六][、.](?:总体|工作总体|主动公开|收到和处理|政府信息公开行政复议|存在|其他需要))"
    r"|(?=第二十条第)|(?=[一二三四][、.](?:本年新收|本年度新收|上年结转|本年度办理结果|结转下))"
)
# Inside a flattened table, numbers run straight into the labels around them ("规章555规范性文件").
# A number followed by "." or "、" and a character is an item number ("4.保护第三方"), not a value.
_FLAT_NUMBER = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?(?![0-9.．、])")


def _unflatten(line: str) -> list[str]:
    return [piece for piece in _FLAT_BREAK.split(line) if piece.strip()]


def _flat_rows(line: str, where: Location) -> list[RawRow]:
    """The rows of a report flattened onto one line."""
    return [flat_row(piece, where) for piece in _unflatten(line)]


def flat_row(piece: str, where: Location) -> RawRow:
    """A piece of a flattened line: running text stays one cell; a table piece ("…规章555…") is
    cut into label and number cells, each digit run one cell for the table step to split."""
    stripped = piece.strip()
    if stripped.endswith(("。", "；", ";")) or not _FLAT_NUMBER.search(stripped):
        return line_row(stripped, where)
    cells: list[RawCell] = []
    at = 0
    for m in _FLAT_NUMBER.finditer(stripped):
        before = stripped[at : m.start()].strip()
        if before:
            cells.append(RawCell(before, where))
        cells.append(RawCell(m.group(), where, run=True))
        at = m.end()
    rest = stripped[at:].strip()
    if rest:
        cells.append(RawCell(rest, where))
    if not any(c.run for c in cells) or len(cells) < 2:
        return line_row(stripped, where)
    return RawRow(cells, where)


def line_row(line: str, where: Location, heading: bool = False) -> RawRow:
    """One line of text as a row; also used by the DOCX and PDF readers for their paragraphs."""
    stripped = line.strip()
    if "|" in stripped:
        if _PIPE_SEPARATOR.match(stripped):
            return RawRow([], where, structured=True)
        return _pipe_row(stripped, where)
    if "\t" in line.strip(" ") or (line.startswith("\t") and line.count("\t") > 1):
        return RawRow(_cells(line.split("\t"), where), where, structured=True)
    if line[:1] in _HEADING_LEAD and _MD_HEADING.match(line):
        heading = True
        stripped = _MD_HEADING.sub("", line).strip().strip("#").strip()
    m = _TRAILING_NUMBERS.match(stripped) if stripped and stripped[-1] in _TOKEN_END else None
    if m and len(m.group(1).strip()) <= 40:
        parts = [m.group(1).strip(), *(t.strip() for t in _VALUE_SPLIT.findall(m.group(2)))]
        return RawRow([RawCell(p, where) for p in parts], where, False, heading)
    return RawRow([RawCell(stripped, where)], where, False, heading)


def _pipe_row(stripped: str, where: Location) -> RawRow:
    """A line of a pipe table. Text before the first and after the last pipe is a cell when it is not
    blank ("规章 | 0 | 0 |", "0 |"); between two pipes an empty cell is a blank cell. A line of pipes
    alone ("|", "||||") holds no text cell: what its pipes mean (blank cells, a row's end, a merged
    header) is for the table step to decide from the rows around it."""
    parts = stripped.split("|")
    if not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return RawRow(
        _cells(parts, where), where, structured=True,
        pipe_open=stripped.startswith("|"), pipe_close=stripped.endswith("|"),
    )


def _cells(parts: list[str], where: Location) -> list[RawCell]:
    """The cells of a tab- or pipe-separated line, each placed at its column of the line (and of its
    page, when a PDF line is split)."""
    line, page, table, row = where.line, where.page, where.table, where.row
    if page is None and table is None and row is None and line is not None:
        return list(map(RawCell, map(str.strip, parts), _line_places(line, len(parts))))
    return [RawCell(p.strip(), location(line, page, table, row, i)) for i, p in enumerate(parts, start=1)]


# ``location(n)`` at index n for line numbers up to the longest text read so far (index 0 unused):
# one tuple index per line instead of a call of the cached ``location``. Kept for texts of up to
# _LINES_MAX lines; a longer one gets each line's location when its line is read, as before.
_LINES: tuple[Location, ...] = ()
_LINES_MAX = 65536


class _OnDemand:
    """``location(n)`` for ``[n]``: for a text of more lines than _LINES_MAX. Why not a tuple of its
    own: a hostile file of millions of short lines would pay for every location before its first
    line is read, and run out of its time budget there instead of out of memory as it reads."""

    __slots__ = ()

    def __getitem__(self, number: int) -> Location:
        return location(number)


_ON_DEMAND = _OnDemand()


def _line_locations(count: int) -> tuple[Location, ...] | _OnDemand:
    """``location(n)`` at index n for every n up to ``count``."""
    global _LINES
    if len(_LINES) > count:
        return _LINES
    if count >= _LINES_MAX:
        return _ON_DEMAND
    _LINES = tuple(map(location, range(max(count + 1, min(2 * len(_LINES), _LINES_MAX)))))
    return _LINES


# Line number → the ``location`` of each column of a text line, made once for all reports: a
# 5-argument ``location`` call per cell was most of the cost of a tab-separated line.
_PLACES: dict[int, tuple[Location, ...]] = {}
_PLACES_MAX = 65536
_PLACES_WIDTH = 16


def _line_places(line: int, n: int) -> tuple[Location, ...]:
    places = _PLACES.get(line)
    if places is None or len(places) < n:
        if len(_PLACES) >= _PLACES_MAX:
            _PLACES.clear()
        places = _PLACES[line] = tuple(location(line, None, None, None, i) for i in range(1, max(n, _PLACES_WIDTH) + 1))
    return places


def _compiled_loop():
    """``_text.read_lines`` configured with this module's parts, or None when it was not built (an
    install without a C compiler: the Python loop then reads the same rows, slower)."""
    try:
        from . import _text
    except ImportError:
        return None
    _text.configure(RawCell, RawRow, line_row, _flat_rows, _MD_HEADING.match, _FLAT_TABLE.search, _line_places,
                    _FLAT_LINE)
    return _text.read_lines


# GONGKAI_PURE_PYTHON=1 keeps the Python loop (to compare the two, or to debug).
COMPILED = None if os.environ.get("GONGKAI_PURE_PYTHON") == "1" else _compiled_loop()
_LINE_LOOP = COMPILED or _read_lines
