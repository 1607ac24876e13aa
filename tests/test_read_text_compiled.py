"""The compiled line loop of ``read_text`` (read/_text.c) reads exactly the rows of the Python loop
(``text._read_lines``, the reference): on every text of the test data, in three line-ending styles,
and on generated texts made of what the loop tells apart. It is built by the project's setup, and
required here: an install without it would be slower, never different."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.read import text

DATA = Path(__file__).resolve().parent / "data"
TEXTS = sorted(p for p in DATA.rglob("*") if p.suffix in {".txt", ".md", ".tsv"})


def _both(source: str):
    cleaned = text._without_artifacts(source)
    carriage = "\r" in cleaned
    if carriage:
        cleaned = cleaned.replace("\r\n", "\n")
    lines = cleaned.split("\n")
    python, compiled = [], []
    text._read_lines(python, lines, text._line_locations(len(lines)), carriage)
    text.COMPILED(compiled, lines, text._line_locations(len(lines)), carriage)
    return python, compiled


def test_the_compiled_loop_is_built_and_used():
    assert text.COMPILED is not None, "read/_text.c was not built: run make setup (needs gcc and the Python headers)"
    assert text._LINE_LOOP is text.COMPILED


def test_the_test_data_holds_the_texts_compared():
    assert len(TEXTS) >= 75


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(DATA)))
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r\r\n"], ids=["lf", "crlf", "cr-crlf"])
def test_every_text_of_the_test_data_reads_the_same_rows(path, ending):
    source = path.read_text(encoding="utf-8", errors="replace").replace("\n", ending)
    python, compiled = _both(source)
    assert python, path
    assert compiled == python


def test_what_the_loop_tells_apart_by_hand():
    source = (
        "标题\n"
        "\t规章\n  \t0\n续行文字\n\n\n"  # a block, a wrapped cell, two empty lines
        "\t行政许可\n# 二、标题\n"  # a Markdown heading closes the block
        "规章\t 1 \t\t2\n"  # tab-separated: stripped fields, a blank one
        "| a | 0 |\n"  # a pipe row goes to line_row
        "\u3000\t\n"  # a full-width space and a tab: blank, not a block cell
        " \t 5\n"  # a block cell led by a space
        "\n行政处罚 3\n"  # running text after an empty line: a label and its number
    )
    python, compiled = _both(source)
    assert compiled == python
    texts = [[c.text for c in row.cells] for row in compiled]
    assert texts == [["标题"], ["规章", "0续行文字"], ["行政许可"], ["二、标题"], ["规章", "1", "", "2"],
                     ["a", "0"], ["5"], ["行政处罚", "3"]]
    gaps = [row.gap for row in compiled]
    assert gaps == [0, 0, 2, 0, 0, 0, 1, 1]


def test_a_flattened_report_is_split_by_the_python_rules():
    line = "一、总体情况" + "本年度共公开信息。" * 40 + "第二十条第（一）项 规章555规范性文件 3"
    python, compiled = _both("前言\n\n" + line + "\n")
    assert compiled == python
    assert len(compiled) > 3 and compiled[1].gap == 1 and all(r.gap == 0 for r in compiled[2:])


_PIECES = st.sampled_from([
    "\t", "\t0", " \t12", "\t\t", "|", " | ", "# ", "### 标题", "\u3000", " ", "\r", "0", "12", "无", "—",
    "规章", "行政许可", "（一）", "第二十条第", "新收", "。", "[bookmark: x]", "**", "__", "a", "\x0b", "\x85",
])
_LINES = st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=40).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_generated_texts_read_the_same_rows(source):
    python, compiled = _both(source)
    assert compiled == python


@settings(max_examples=30, deadline=None)
@given(st.lists(_PIECES, min_size=80, max_size=120).map("".join))
def test_long_generated_lines_read_the_same_rows(source):
    python, compiled = _both(source + "第二十条" + source)
    assert compiled == python


def test_a_signal_handler_interrupts_a_long_text():
    """The worker's time budget is a signal whose handler raises: the loop must let it run."""

    class Stop(Exception):
        pass

    def stop(signum, frame):
        raise Stop

    lines = [""] * 3_000_000 + ["\t0"]  # the one row comes at the end: none if interrupted
    rows: list = []
    old = signal.signal(signal.SIGALRM, stop)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        with pytest.raises(Stop):
            text.COMPILED(rows, lines, text._ON_DEMAND, False)
            signal.pause()  # only if the loop ended before the signal came
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert rows == []
