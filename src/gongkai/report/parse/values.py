"""Reading the text of one table cell as a number.

Real cells hold "0", "１２", "1,234", "38.29", "251000元", "0 0" (two rows' numbers merged by a
converter), "无", "—" or nothing. Each reading says what it saw so that the alignment step can
decide what is certain and what is inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import nfkc

_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|萬元|元|件|个|個|条|條|项|項|次|人)?$")
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "/", "／", "\\", "×", "x", "X", "*", "…", "..."})
_NONE_WORDS = frozenset({"无", "没有", "零"})
_UNITS = {"萬元": "万元", "個": "个", "條": "条", "項": "项"}  # traditional forms
_CHANGE_WORDS = {"减": "-", "減": "-", "增": "+"}


@dataclass(frozen=True, slots=True)
class Reading:
    # "blank" | "number" | "numbers" (several in one cell) | "placeholder" | "none_word" | "text"
    kind: str
    values: tuple[int | float, ...] = ()
    unit: str | None = None

    @property
    def is_value(self) -> bool:
        return self.kind in ("number", "numbers", "none_word")

    @property
    def is_label(self) -> bool:
        return self.kind == "text"


_BLANK = Reading("blank")


@lru_cache(maxsize=8192)
def read_cell(text: str) -> Reading:
    t = nfkc(text).strip().replace("−", "-").replace("－", "-")
    if not t:
        return _BLANK
    if t[0] in _CHANGE_WORDS and len(t) > 1:
        t = _CHANGE_WORDS[t[0]] + t[1:].lstrip()  # 本年增/减 written out: "减3", "減3", "增2"
    if t in _PLACEHOLDERS or set(t) <= {"-", "—", "–"}:
        return Reading("placeholder")
    if t in _NONE_WORDS:
        return Reading("none_word", (0,))
    single = _number(t.replace(" ", "") if "," in t else t)
    if single is not None:
        return single
    parts = t.split()
    if len(parts) > 1:
        readings = [_number(p) for p in parts]
        if all(r is not None and r.kind == "number" for r in readings):
            return Reading("numbers", tuple(r.values[0] for r in readings))
    return Reading("text")


def _number(t: str) -> Reading | None:
    m = _NUMBER.match(t)
    if not m:
        return None
    sign, whole, frac, unit = m.groups()
    digits = whole.replace(",", "")
    value: int | float = float(f"{digits}.{frac}") if frac else int(digits)
    if sign == "-":
        value = -value
    return Reading("number", (value,), _UNITS.get(unit, unit))
