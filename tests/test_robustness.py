"""Any input either parses or yields a clean ReportError: no other exception, no hang."""

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report import ReportError, check, parse_bytes, parse_text

SEED = (Path(__file__).parent / "data" / "seeds" / "001_0400e0c6a654d7e4.txt").read_text("utf-8")
ALPHABET = st.sampled_from(
    list("\t\n |-#0123456789０１２一二三四五六七（）()、.总计其他规章行政复议申请公开年月日元万无—")
)


def _parse_or_clean_error(data: bytes) -> None:
    try:
        check(parse_bytes(data, "fuzz.txt"))
    except ReportError as exc:
        assert exc.code and exc.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_it_never_crashes_on_random_bytes(data):
    _parse_or_clean_error(data)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=3000))
def test_it_never_crashes_on_report_like_text(text):
    _parse_or_clean_error(text.encode("utf-8"))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(SEED)), st.integers(0, 2000), st.text(ALPHABET, max_size=50))
def test_it_never_crashes_on_mutated_seed(at, cut, insert):
    _parse_or_clean_error((SEED[:at] + insert + SEED[at + cut :]).encode("utf-8"))


def test_it_finishes_a_10_mb_input(tmp_path):
    big = (SEED * (10 * 1024 * 1024 // len(SEED.encode("utf-8")) + 1)).encode("utf-8")[: 10 * 1024 * 1024]
    started = time.process_time()
    report = check(parse_bytes(big, "big.txt"))
    # Not a speed assertion: a guard against a hang (super-linear behaviour would take hours).
    assert time.process_time() - started < 240
    assert report.applications is not None


def test_it_rejects_empty_and_binary_input_cleanly():
    for data, code in ((b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02" * 100, "unsupported_kind")):
        try:
            parse_bytes(data, "x.txt")
        except ReportError as exc:
            assert exc.code == code
            assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
        else:
            raise AssertionError(f"{data[:10]!r} parsed")


def test_it_reads_gb18030_text():
    report = parse_bytes(SEED.encode("gb18030"), "gbk.txt")
    assert report.issuer == "同仁市年都乎乡人民政府"


def test_it_reports_undecodable_text():
    # Valid neither as UTF-8 nor as GB18030 (0xFF is never a GB18030 lead byte), yet text-like.
    data = "年度报告".encode() + b"\xff\xfe\xff" + "正文".encode() * 50
    try:
        parse_text("x")  # warm-up: the ordinary path works
        parse_bytes(data, "bad.txt")
    except ReportError as exc:
        assert exc.code == "decode_error"
    else:
        raise AssertionError("decoded")
