"""Finding the six sections of a report by the meaning of their headings, in order.

Headings vary ("工作总体开展情况", "存在的问题及改进措施", a missing number, Markdown '#'), so a
line is a heading when it is short, is not a sub-item ("（一）…", "1.…") and its text matches one
section's patterns. Sections must appear in order: a later match of an earlier section is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import schema
from ..read.grid import RawCell, RawRow
from .normalize import has_leading_subnumber, heading_key

_MAX_HEADING_CHARS = 40
# A heading is a phrase: a line holding a full stop or a comma, or ending mid-list ("…情况、"),
# is running text (or a line of a wrapped paragraph).
_SENTENCE = re.compile(r"[。；;！？，,]|[、：:]\s*$")
# Unnumbered headings ("收到和处理政府信息公开申请的情况") end like a heading.
_HEADING_END = re.compile(r"(情况|事项|措施|概述|问题|总体)$")
_NUMBERED = re.compile(r"^\s*#*\s*[一二三四五六][、.．]")


@dataclass(frozen=True, slots=True)
class Heading:
    number: int
    index: int  # index of the heading row in the document
    text: str


def _compiled() -> list[tuple[schema.Section, re.Pattern[str]]]:
    return [(s, re.compile("|".join(s.patterns))) for s in schema.SECTIONS]


_SECTION_PATTERNS = _compiled()


def find_headings(rows: list[RawRow]) -> list[Heading]:
    found: list[Heading] = []
    last = 0
    for index, row in enumerate(rows):
        cells = row.cells
        if len(cells) == 1:
            text = cells[0].text
        else:
            text = _only_text(cells)
            if text is None:
                continue
        if len(text) > _MAX_HEADING_CHARS:
            continue
        candidate = _candidate(text)
        if candidate is None:
            continue
        number, plain = candidate
        if number <= last or (not plain and not row.heading):
            continue
        found.append(Heading(number, index, text.strip().lstrip("#").strip()))
        last = number
    return found


def _only_text(cells: list[RawCell]) -> str | None:
    """The text of the one non-blank cell of a row, None when it has none or several (a table row)."""
    found = None
    for cell in cells:
        if cell.text.strip():
            if found is not None:
                return None
            found = cell.text
    return found


@lru_cache(maxsize=16384)
def _candidate(text: str) -> tuple[int, bool] | None:
    """The section a line's text may head, and whether it reads as a heading on its own (numbered,
    or ending like one); None when it cannot be a heading. The same table labels and headings recur
    in every report, so this is asked once per text."""
    if not text or text.isspace() or has_leading_subnumber(text) or _SENTENCE.search(text):
        return None
    number = _section_number(text)
    if number is None:
        return None
    numbered = _NUMBERED.match(text)
    if numbered and text.strip().lstrip("#").strip()[0] != "一二三四五六"[number - 1]:
        # "四、结转下年度继续办理" is a table row, not section 四; a number that contradicts the
        # meaning means this is not a heading.
        return None
    return number, bool(numbered) or bool(_HEADING_END.search(heading_key(text)))


def _section_number(text: str) -> int | None:
    key = heading_key(text)
    if not key or key.endswith(("数量", "办理")):
        return None
    for section, pattern in _SECTION_PATTERNS:
        if pattern.search(key):
            return section.number
    return None
