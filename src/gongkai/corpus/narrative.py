"""Narrative text (sections 一, 五 and 六) made comparable, and its MinHash signature.

Why the cleaning: two honest reports share the statutory template's wording (its sub-headings, the
opening sentence, 本年度未收取信息处理费) and differ in their numbers and names even when one was
copied from the other. So the template's own sentences are dropped, digits become ``0``, the issuer's
name and its place prefix are removed, and what is left is compared as character 5-grams. A text
shorter than ``MIN_CHARS`` after cleaning is not compared at all: "无。" copied is not 雷同.

Signatures use datasketch's MinHash with fixed permutations (``SEED``), so a signature computed on
one worker, another machine or in a later run compares with every other.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 64
SEED = 1
SCHEME = "affine32"  # datasketch 2: 32-bit input hashes (CRC-32 of each 5-gram)
MIN_CHARS = 80
SECTIONS = (1, 5, 6)

# Sentences (or their openings) that the statutory template or the national notices make every
# agency write; a sentence starting with one of these is template wording, not the agency's own.
TEMPLATE_OPENINGS = (
    "本报告根据", "本报告是根据", "本年度报告根据", "根据《中华人民共和国政府信息公开条例》",
    "依据《中华人民共和国政府信息公开条例》", "按照《中华人民共和国政府信息公开条例》", "根据《条例》", "本报告由",
    "本年度报告由", "本报告中所列数据的统计期限", "本报告所列数据的统计期限", "本年度报告中使用数据统计期限",
    "本报告所列数据统计期限", "报告中所列数据的统计期限", "本报告电子版", "本年度报告的电子版", "本报告的电子版",
    "如对本报告有任何疑问", "如对本年度报告有疑问", "如对报告有疑问", "本年度未收取信息处理费",
    "本年度无收取信息处理费", "本年度没有收取信息处理费", "本机关本年度未收取", "无。", "无", "主动公开",
    "依申请公开", "政府信息管理", "政府信息公开平台建设", "平台建设", "监督保障", "总体情况",
    "存在的主要问题及改进情况", "其他需要报告的事项", "收取信息处理费情况",
)
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、．.]\s*")
_STRIP = re.compile(r"[\s\W_]+")
_DIGITS = re.compile(r"\d+")
_PLACE_PREFIX = re.compile(r"^.{2,}?(?:省|自治区|市|县|区|旗)")


def _nfkc(text: str) -> str:
    # Most report text is already in NFKC, and checking is far cheaper than normalising.
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _is_template(sentence: str) -> bool:
    body = _HEADING.sub("", sentence.strip())
    return not body or body.startswith(TEMPLATE_OPENINGS)


def names_of(issuer: str | None) -> tuple[str, ...]:
    """The issuer's name and its leading place (``某某县``), longest first: removed before comparing."""
    if not issuer:
        return ()
    out = {issuer}
    place = _PLACE_PREFIX.match(issuer)
    if place:
        out.add(place.group(0))
    return tuple(sorted(out, key=len, reverse=True))


def sentences(text: str) -> list[str]:
    """The agency's own sentences of a narrative, template sentences dropped, in order."""
    return [s.strip() for s in _SENTENCE.findall(text) if not _is_template(s)]


def clean(text: str, issuer: str | None = None) -> str:
    """The comparable form: own sentences only, names removed, digits as ``0``, no spaces or punctuation."""
    body = _nfkc("".join(sentences(text)))
    for name in names_of(issuer):
        body = body.replace(name, "")
    return _STRIP.sub("", _DIGITS.sub("0", body))


def shingles(cleaned: str) -> np.ndarray:
    """The distinct 32-bit hashes of the cleaned text's character 5-grams (CRC-32: stable everywhere)."""
    grams = {cleaned[i : i + SHINGLE] for i in range(len(cleaned) - SHINGLE + 1)}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


def _identity(value):
    return value


@lru_cache(maxsize=1)
def _permutations():
    # Drawn once per process: datasketch draws them again for every MinHash (most of its cost here).
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(cleaned: str) -> bytes | None:
    """MinHash hash values of the cleaned text (``NUM_PERM`` × uint32, as bytes), or None if too short."""
    if len(cleaned) < MIN_CHARS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(shingles(cleaned).tolist())  # datasketch iterates it: a list is quicker
    return minhash.hashvalues.astype(np.uint32).tobytes()


def minhash_of(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype=np.uint32).astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values, permutations=_permutations())


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two cleaned texts' 5-gram sets (used to confirm an LSH candidate)."""
    sa = {a[i : i + SHINGLE] for i in range(len(a) - SHINGLE + 1)}
    sb = {b[i : i + SHINGLE] for i in range(len(b) - SHINGLE + 1)}
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


Prepared = tuple[tuple[str, str], ...]  # a text's own sentences, each with its comparable form


def _fold(text: str) -> str:
    return _STRIP.sub("", _DIGITS.sub("0", _nfkc(text)))


def prepared(text: str) -> Prepared:
    """A text's own sentences, each with its comparable form (NFKC, digits as 0, no spaces or
    punctuation), computed once for all the pairs the text is in."""
    return tuple((s, _fold(s)) for s in sentences(text))


def shared_passages(a: str, b: str, issuers: Iterable[str | None] = (), minimum: int = 12) -> list[str]:
    """The sentences of ``a`` that ``b`` also has (compared in cleaned form), at least ``minimum`` chars long."""
    return shared_between(prepared(a), prepared(b), issuers, minimum)


def shared_between(a: Prepared, b: Prepared, issuers: Iterable[str | None] = (), minimum: int = 12) -> list[str]:
    """``shared_passages`` of two prepared texts, with the issuers' names removed."""
    names = tuple(filter(None, (_fold(n) for issuer in issuers for n in names_of(issuer))))

    def key(folded: str) -> str:
        for name in names:
            folded = folded.replace(name, "")
        return folded

    theirs = {key(folded) for _, folded in b}
    out, seen = [], set()
    for sentence, folded in a:
        k = key(folded)
        if len(k) >= minimum and k in theirs and k not in seen:
            seen.add(k)
            out.append(sentence)
    return out
