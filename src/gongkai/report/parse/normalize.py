"""Text normalisation shared by every matching step.

Labels are compared after NFKC (full-width forms, compatibility characters) with whitespace and
punctuation removed, so "结 果 维 持", "（三）1.属于国家秘密" and "(三) 1. 属于国家秘密" all compare
by their characters alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .fold import fold

_NOT_WORD = re.compile(r"[\W_]+")
# The characters that make Chinese text not NFKC-normal are nearly always a handful of full-width
# punctuation marks and odd spaces. NFKC maps each of them to one ASCII character, so replacing them
# first gives the same result; CPython's NFKC over a page of CJK text is slow (~0.1 µs a character)
# while its quick check of an already-normal string is not.
_COMMON = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {
    "\u3000": " ", "\xa0": " ", **{chr(c): " " for c in range(0x2002, 0x200B)}
}
_COMMON_FOUND = re.compile("[" + "".join(_COMMON) + "]")
_LEADING_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)(?=[、.．])|^[(（][一二三四五六七八九十\d]+[)）]")

_SUBNUMBER = re.compile(r"^[(（][一二三四五六七八九十\d]+[)）]|^\d+[、.．]")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """Characters of ``text`` that carry meaning: no spaces, no punctuation, half-width, simplified."""
    return _NOT_WORD.sub("", nfkc(fold(text)))


@lru_cache(maxsize=16384)
def heading_key(text: str) -> str:
    """A heading line without its leading numbering (一、 / （一） / 1.)."""
    stripped = nfkc(text).strip().lstrip("#").strip()
    return label_key(_LEADING_NUMBERING.sub("", stripped))


def has_leading_subnumber(text: str) -> bool:
    """True for '（一）…' and '1.…' lines: sub-headings, never section headings."""
    t = nfkc(text).strip()
    return bool(_SUBNUMBER.match(t))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast for typical Chinese text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = replace_common(text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def replace_common(text: str) -> str:
    """``text`` with the common non-NFKC characters (``_COMMON``) replaced by their NFKC forms."""
    # Each common character is replaced everywhere once it is first seen; the replacements are one
    # ASCII character each, so the text before it stays free of them and the search goes on from there.
    search = _COMMON_FOUND.search
    m = search(text)
    while m is not None:
        at = m.start()
        text = text.replace(m.group(), _COMMON[m.group()])
        m = search(text, at + 1)
    return text


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "O": 0, "Ｏ": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_int(text: str) -> int | None:
    """An integer written in Arabic or Chinese numerals ("12", "十二", "一百零五"), else None."""
    if text.isdigit():
        return int(text)
    total = current = 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current if text else None


def cn_digits(text: str) -> int | None:
    """A number written digit by digit ("二〇二二"), as years are."""
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text) and text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return None
