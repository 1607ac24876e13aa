"""The compiled token loop of ``read_rows`` (parse/_segment.c) reads exactly the rows of tokens of
the Python loop (``segment._read_rows``, the reference): on every table region the parser reads in
the test data (text, Markdown, DOCX, PDF), and on generated regions made of what the loop tells
apart. Required here, as the text loop is (tests/test_read_text_compiled.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report import parse_file, schema
from gongkai.report.model import location
from gongkai.report.parse import segment, tables
from gongkai.report.read.grid import RawCell, RawRow

DATA = Path(__file__).resolve().parent / "data"
FILES = sorted(p for p in DATA.rglob("*") if p.suffix in {".txt", ".md", ".docx", ".pdf", ".html"}
               and "encrypted" not in p.name)


def _both(spec, rows, start, end):
    gap = segment._usual_gap(rows, start, end)
    python = segment._read_rows(spec, rows, start, end, gap, segment._classes(spec))
    compiled = segment.COMPILED(spec, rows, start, end, gap, segment._classes(spec))
    return python, compiled


def test_the_compiled_loop_is_built_and_used():
    assert segment.COMPILED is not None, "parse/_segment.c was not built: run make setup (needs gcc)"
    assert segment._ROW_LOOP is segment.COMPILED


@pytest.fixture(scope="module")
def regions():
    """Every (spec, rows, start, end) the parser asks ``read_rows`` for, over the test data."""
    seen = []
    original = tables.read_rows

    def spy(spec, rows, start, end):
        seen.append((spec, rows, start, end))
        return original(spec, rows, start, end)

    tables.read_rows = spy
    try:
        for path in FILES:
            parse_file(str(path))
    finally:
        tables.read_rows = original
    return seen


def test_every_table_region_of_the_test_data_reads_the_same_rows(regions):
    assert len(FILES) >= 80 and len(regions) >= 120
    different = [i for i, (spec, rows, start, end) in enumerate(regions) if _both(spec, rows, start, end)[0]
                 != _both(spec, rows, start, end)[1]]
    assert different == []


def test_regions_to_the_end_of_the_text_mark_the_last_row_cut(regions):
    cut = [r for r in regions if r[3] == len(r[1])]
    assert cut
    for spec, rows, start, end in cut:
        python, compiled = _both(spec, rows, start, end)
        assert compiled == python
        assert not compiled or compiled[-1].cut


_TEXTS = st.sampled_from([
    "规章", "行政许可", "行政处罚", "本年新收政府信息公开申请数量", "自然人", "总计", "0", "12", "3 4",
    "", " ", "—", "无", "1.5万元", "（一）予以公开", "其他", "信息内容", "第二十条第（一）项",
])


def _cell(text: str, flag: int) -> RawCell:
    return RawCell(text, location(1), covered=flag == 1, run=flag == 2 and text.isdigit())


def _row(cells: list[RawCell], structured: bool, gap: int, pipe: tuple[bool, bool]) -> RawRow:
    return RawRow(cells, location(1), structured, False, gap, pipe[0], pipe[1])


_CELL = st.builds(_cell, _TEXTS, st.sampled_from([0, 0, 0, 0, 1, 2]))
_ROW = st.builds(_row, st.lists(_CELL, max_size=6), st.booleans(), st.integers(0, 3),
                 st.sampled_from([(False, False), (True, True), (True, False), (False, True)]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW, max_size=25), st.sampled_from([t.key for t in schema.FORMAT_2021.tables]), st.data())
def test_generated_regions_read_the_same_rows(rows, key, data):
    spec = next(t for t in schema.FORMAT_2021.tables if t.key == key)
    start = data.draw(st.integers(0, len(rows)))
    end = data.draw(st.integers(start, len(rows)))
    python, compiled = _both(spec, rows, start, end)
    assert compiled == python


def test_a_region_outside_the_rows_is_refused():
    spec = schema.FORMAT_2021.tables[1]
    with pytest.raises(IndexError):
        segment.COMPILED(spec, [], 0, 1, 0, segment._classes(spec))
