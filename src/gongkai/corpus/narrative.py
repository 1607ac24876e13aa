"""Narrative text (sections 一, 五 and 六) made comparable, and its MinHash signature.

Why the cleaning: two honest reports share the statutory template's wording (its sub-headings, the
opening sentence, 本年度未收取信息处理费) and differ in their numbers and names even when one was
copied from the other. So the template's own sentences are dropped, digits become ``0``, the issuer's
name and its place prefix are removed, and what is left is compared as character 5-grams. A text
shorter than ``MIN_CHARS`` after cleaning is not compared at all: "无。" copied is not 雷同.

Signatures are datasketch's MinHash (scheme affine32) with fixed permutations (``SEED``), so a
signature computed on one worker, another machine or in a later run compares with every other. Its
two ingredients are re-derived here (the MurmurHash3 finalizer and the seeded draw of the affine
permutations) instead of imported: importing datasketch loads scipy for its LSH (~70 MB in the
importing process and in every worker). tests/test_corpus_checks.py checks both against datasketch.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from ..report.parse.normalize import replace_common

SHINGLE = 5
NUM_PERM = 64
SEED = 1
SCHEME = "affine32"  # datasketch 2: 32-bit input hashes (a polynomial hash of each 5-gram's code points)
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
# ``sentences`` in one pass: a sentence (``_SENTENCE``) that ``_is_template`` holds is matched by the
# first branch, whose look-ahead reads its opening (blanks, a heading, then a template opening, or
# nothing up to the line's end); any other by the second, which captures it. The look-ahead stays
# inside the sentence (no terminator or newline in a heading or an opening but 无。's own end), and
# both branches match the same extent, so the sentences are those of ``_SENTENCE``.
_BLANKS = r"[^\S\n]*"  # what ``str.strip`` removes, within one sentence (which holds no newline)
_OWN_SENTENCE = re.compile(
    rf"(?={_BLANKS}(?:[（(]?[一二三四五六七八九十\d]+[)）、．.]{_BLANKS})?"
    rf"(?:{'|'.join(map(re.escape, TEMPLATE_OPENINGS))}|\n|\Z))"
    r"[^。！？；\n]+[。！？；]?"
    r"|([^。！？；\n]+[。！？；]?)"
)
# Spaces, punctuation and "_": every space is a non-word character (\s is within \W for every code
# point), so the class is \W and "_" alone: a test fewer per character of the text.
_STRIP = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_PLACE_PREFIX = re.compile(r"^.{2,}?(?:省|自治区|市|县|区|旗)")


class _PerCharacter(dict):
    """Code point → its NFKC form (or itself), filled as characters are met (for ``str.translate``)."""

    LIMIT = 20_000  # distinct characters kept; a text of stranger ones only costs a refill

    def __missing__(self, code: int):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        value = code if folded == char else folded
        if len(self) < self.LIMIT:
            self[code] = value
        return value


_PER_CHARACTER = _PerCharacter()


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, three times quicker on report text.

    Report text is rarely in NFKC (full-width punctuation), and CPython normalises CJK text slowly.
    Each character is mapped to its own NFKC form first (a table filled as characters are met); the
    result is the same as normalising the whole text whenever it is then in NFKC (normalisation is
    stable under concatenation up to reordering and composition across characters), and when it is
    not (combining marks, jamo), it is normalised as a whole, which gives the same as normalising
    the original text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    # Most often only full-width punctuation and odd spaces are not NFKC: the parser's ``nfkc``
    # replaces each of them in one pass of ``str.replace``, where ``translate`` looks every character
    # up (a new int object per CJK character). Its replacements are what the table below maps them to,
    # so the result is the same; only what it leaves unnormalised goes through the table.
    text = replace_common(text)
    if unicodedata.is_normalized("NFKC", text):
        return text
    mapped = text.translate(_PER_CHARACTER)
    return mapped if unicodedata.is_normalized("NFKC", mapped) else unicodedata.normalize("NFKC", mapped)


def _is_template(sentence: str) -> bool:
    """Whether a sentence is template wording (the rule ``_OWN_SENTENCE`` applies in one pass)."""
    body = sentence.strip()
    heading = _HEADING.match(body)  # what ``_HEADING.sub("", body)`` removes (the pattern is anchored)
    if heading is not None:
        body = body[heading.end():]
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
    # A template sentence is matched without a group (""): one regex pass, no call per sentence.
    return [s.strip() for s in _OWN_SENTENCE.findall(text) if s]


def clean(text: str, issuer: str | None = None) -> str:
    """The comparable form: own sentences only, names removed, digits as ``0``, no spaces or punctuation."""
    body = _nfkc("".join(sentences(text)))
    for name in names_of(issuer):
        body = body.replace(name, "")
    return _STRIP.sub("", _DIGITS.sub("0", body))


# The 5-gram hash: the code points of a 5-gram weighted by these odd constants, summed modulo 2³²
# (numpy's uint32 arithmetic wraps). datasketch's affine32 scheme applies the MurmurHash3 finalizer
# to every input hash before its permutations, so a linear hash of the code points is enough for
# MinHash; it is computed for all the grams of a text at once and is the same on every machine.
_WEIGHTS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1], dtype=np.uint32)
# What the stored signatures were computed with: a store whose signatures were made otherwise gets
# them recomputed from its narratives (``store.SIGNATURE_SCHEME`` in ``meta``).
HASH_SCHEME = "affine32/poly5-u32"


def shingles(cleaned: str) -> np.ndarray:
    """The 32-bit hashes of the cleaned text's character 5-grams, one per position (uint32; a gram
    that recurs gives the same hash again, which a MinHash takes once)."""
    points = np.frombuffer(cleaned.encode("utf-32-le"), dtype=np.uint32)
    count = len(points) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    out = points[:count] * _WEIGHTS[0]
    for k in range(1, SHINGLE):
        out += points[k : k + count] * _WEIGHTS[k]
    return out


def _identity(value):
    return value


# datasketch's _FMIX_CONSTANTS[32]: MurmurHash3's 32-bit finalizer (shifts and multipliers).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def fmix32(hv: np.ndarray) -> np.ndarray:
    """datasketch's ``_fmix(hv, 32)`` on a uint32 array (multiplication wraps modulo 2³²)."""
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """datasketch's affine32 permutations for ``SEED``: (2, NUM_PERM) uint32, odd ``a`` then ``b``, drawn
    as its ``MinHash._init_permutations`` draws them. Once per process (datasketch draws them again for
    every MinHash, most of its cost here)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


@lru_cache(maxsize=1)
def _affine():
    """The permutations as (NUM_PERM, 1) columns, for a (NUM_PERM, grams) product."""
    a, b = _permutations()
    return a.astype(np.uint32).reshape(-1, 1), b.astype(np.uint32).reshape(-1, 1)


def signature(cleaned: str) -> bytes | None:
    """MinHash hash values of the cleaned text (``NUM_PERM`` × uint32, little-endian bytes), or None if
    too short: ``_minhash.signature`` when built, else the numpy reference (the same values)."""
    if len(cleaned) < MIN_CHARS:
        return None
    return _SIGNATURE(cleaned)


def _signature_numpy(cleaned: str) -> bytes:
    """The reference of ``_minhash.signature``: the values of datasketch's ``MinHash.update_batch``
    over ``shingles`` (affine32: its ``_fmix`` of each input hash, then its permutations ``a·h + b``
    modulo 2³², the minimum per permutation), computed as one (NUM_PERM × grams) array in the order
    that reduces along memory: three times quicker than ``update_batch``, which builds a list of the
    inputs and reduces across rows. tests/test_corpus_checks.py checks it against datasketch."""
    hashes = fmix32(shingles(cleaned))
    a, b = _affine()
    values = a * hashes[np.newaxis, :]
    values += b  # in place: one (NUM_PERM × grams) array made, not two
    values = values.min(axis=1)
    return values.astype("<u4").tobytes()


def _compiled_signature():
    """``_minhash.signature`` configured with this module's weights and permutations, or None when
    it was not built."""
    try:
        from . import _minhash
    except ImportError:
        return None
    a, b = _permutations()
    # In the machine's own byte order, as the C reads them into its uint32 arrays.
    _minhash.configure(*(x.astype(np.uint32).tobytes() for x in (_WEIGHTS, a, b)))
    return _minhash.signature


# GONGKAI_PURE_PYTHON=1 keeps the numpy reference (to compare the two, or to debug).
COMPILED = None if os.environ.get("GONGKAI_PURE_PYTHON") == "1" else _compiled_signature()
_SIGNATURE = COMPILED or _signature_numpy


def signature_by_datasketch(cleaned: str) -> bytes | None:
    """``signature`` computed by datasketch's own ``update_batch`` (the reference ``signature`` equals)."""
    from datasketch import MinHash

    if len(cleaned) < MIN_CHARS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, scheme=SCHEME)
    minhash.update_batch(shingles(cleaned).tolist())
    return minhash.hashvalues.astype(np.uint32).tobytes()


def minhash_of(blob: bytes):
    """A stored signature as datasketch's MinHash (for comparing with its LSH in the tests)."""
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=np.uint32).astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)


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
