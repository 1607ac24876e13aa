"""The compiled MinHash (corpus/_minhash.c) gives exactly the values of the numpy reference
(``narrative._signature_numpy``, itself checked against datasketch in tests/test_corpus_checks.py):
on the narratives of every real report of the test data, on generated texts of any characters
(astral ones included: the 5-gram hash is over code points) and at the lengths where the loops
turn. Required here, as the parser's compiled loops are."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.corpus import narrative
from gongkai.report import parse_file

DATA = Path(__file__).resolve().parent / "data"


def test_the_compiled_minhash_is_built_and_used():
    assert narrative.COMPILED is not None, "corpus/_minhash.c was not built: run make setup (needs gcc)"
    assert narrative._SIGNATURE is narrative.COMPILED


def test_a_hand_worked_signature():
    """One 5-gram, "\\0\\0\\0\\0\\1": its hash is the last weight (code point 1 times 0x165667B1), then
    MurmurHash3's finalizer, then each permutation a·h + b modulo 2³², worked here in Python ints."""
    h = 0x165667B1
    h ^= h >> 16
    h = (h * 0x85EBCA6B) % 2**32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) % 2**32
    h ^= h >> 16
    a, b = narrative._permutations()
    expected = [(int(x) * h + int(y)) % 2**32 for x, y in zip(a, b, strict=True)]
    got = np.frombuffer(narrative.COMPILED("\0\0\0\0\1"), dtype="<u4").tolist()
    assert got == expected and len(got) == narrative.NUM_PERM


def test_too_short_for_a_gram_is_refused():
    with pytest.raises(ValueError):
        narrative.COMPILED("甲乙丙丁")
    with pytest.raises(TypeError):
        narrative.COMPILED(b"abcdef")


def test_the_narratives_of_the_real_reports():
    texts = []
    for path in sorted(DATA.rglob("*.txt")):
        report = parse_file(str(path))
        for number in (1, 5, 6):
            if number in report.sections:
                cleaned = narrative.clean(report.sections[number].text, report.issuer)
                if len(cleaned) >= narrative.MIN_CHARS:
                    texts.append(cleaned)
    assert len(texts) >= 60
    for text in texts:
        assert narrative.COMPILED(text) == narrative._signature_numpy(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=5, max_size=3000))
def test_generated_texts(text):
    assert narrative.COMPILED(text) == narrative._signature_numpy(text)


@pytest.mark.parametrize("length", [5, 6, 7, 8, 9, 15, 16, 17, 80, 1000, 20000])
def test_lengths(length):
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) if i % 11 else chr(0x20000 + i) for i in range(length))
    assert narrative.COMPILED(text) == narrative._signature_numpy(text)
