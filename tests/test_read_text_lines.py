"""Line locations of the text reader: a text of more lines than the shared table of locations
(``read/text.py`` keeps one for texts up to 65,536 lines) is placed line by line the same way."""

from gongkai.report.read.text import _LINES_MAX, read_text


def _lines_of_cells(text: str) -> list[tuple[int, str]]:
    return [(cell.where.line, cell.text) for row in read_text(text).rows for cell in row.cells]


def test_a_short_text_and_a_long_one_place_the_same_rows_at_their_own_lines():
    table = "一、总体情况\n规章\t3\t4\n\t行政许可\n\t5\n\n结束语。\n"
    short = _lines_of_cells(table)
    assert short == [(1, "一、总体情况"), (2, "规章"), (2, "3"), (2, "4"), (3, "行政许可"), (4, "5"), (6, "结束语。")]
    padding = _LINES_MAX + 10
    long = _lines_of_cells("说明\n" * padding + table)
    assert len(long) == padding + len(short)
    assert long[padding:] == [(line + padding, text) for line, text in short]
    assert long[padding - 1] == (padding, "说明")
    # and a short text read after the long one is placed as before
    assert _lines_of_cells(table) == short
