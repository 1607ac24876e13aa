"""Plain text and Markdown → raw rows.

Published reports reach us as text in three table layouts, often mixed in one file:
- tab-separated rows ("规章\t0\t0\t0"), blank cells kept as empty fields;
- one cell per line, each line led by a single tab, rows separated by an empty line (what
  Word-to-text converters print);
- Markdown pipe tables.
Everything else is running text: one row per line, with trailing whitespace-separated numbers
split off as cells so that "行政许可 0" still reads as a label and a value.
"""

from __future__ import annotations

import re

from ..model import Location, location
from .grid import RawCell, RawDocument, RawRow

# Never matches across a line break, so it can run over the whole text before it is split.
_ARTIFACT = re.compile(r"\[bookmark:[^\]\n]*\]|\*\*|__")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
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
    block: list[RawCell] = []
    block_start = 0

    def flush_block() -> None:
        if block:
            doc.rows.append(RawRow(list(block), location(block_start), structured=True))
            block.clear()

    if "[bookmark:" in text or "**" in text or "__" in text:
        text = _ARTIFACT.sub("", text)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            line = line.rstrip("\r")
        where = location(number)
        # A block cell: one tab, led by nothing but spaces.
        if line.count("\t") == 1 and line.lstrip(" ").startswith("\t"):
            if not block:
                block_start = number
            block.append(RawCell(line.strip(), where))
            continue
        if not line.strip():
            flush_block()
            continue
        if block and "\t" not in line and not _MD_HEADING.match(line):
            # A cell's text wrapped onto a line of its own inside a one-cell-per-line row.
            last = block[-1]
            block[-1] = RawCell(last.text + line.strip(), last.where)
            continue
        flush_block()
        doc.rows.append(line_row(line, where))
    flush_block()
    return doc


def line_row(line: str, where: Location, heading: bool = False) -> RawRow:
    """One line of text as a row; also used by the DOCX and PDF readers for their paragraphs."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_SEPARATOR.match(stripped):
            return RawRow([], where, structured=True)
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return RawRow(_cells(inner.split("|"), where), where, structured=True)
    if "\t" in line.strip(" ") or (line.startswith("\t") and line.count("\t") > 1):
        return RawRow(_cells(line.split("\t"), where), where, structured=True)
    heading = heading or bool(_MD_HEADING.match(line))
    if _MD_HEADING.match(line):
        stripped = _MD_HEADING.sub("", line).strip().strip("#").strip()
    m = _TRAILING_NUMBERS.match(stripped) if stripped and stripped[-1] in _TOKEN_END else None
    if m and len(m.group(1).strip()) <= 40:
        parts = [m.group(1).strip(), *(t.strip() for t in _VALUE_SPLIT.findall(m.group(2)))]
        return RawRow([RawCell(p, where) for p in parts], where, heading=heading)
    return RawRow([RawCell(stripped, where)], where, heading=heading)


def _cells(parts: list[str], where: Location) -> list[RawCell]:
    """The cells of a tab- or pipe-separated line, each placed at its column of the line (and of its
    page, when a PDF line is split)."""
    line, page, table, row = where.line, where.page, where.table, where.row
    return [RawCell(p.strip(), location(line, page, table, row, i)) for i, p in enumerate(parts, start=1)]
