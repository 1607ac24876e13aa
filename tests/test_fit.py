"""The fit of a row's tokens to its columns (report/parse/fit.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.parse import fit

KINDS = st.sampled_from([fit.NUMBER, fit.CELL, fit.GAP, fit.BREAK, fit.COVERED])


@settings(max_examples=600, deadline=None)
@given(st.lists(KINDS, max_size=10), st.integers(1, 7), st.booleans(), st.booleans(), st.booleans())
def test_the_shortcuts_give_what_the_search_gives(kinds, n, cut, grid, total):
    values = [i + 1 if k == fit.NUMBER else None for i, k in enumerate(kinds)]
    if kinds.count(fit.NUMBER) > n:
        return  # more numbers than columns is handled before the fit
    assert fit.fit_row(kinds, values, n, cut=cut, grid=grid, total_column=total) == fit.search(
        kinds, values, n, cut=cut, grid=grid, total_column=total
    )


def test_it_reads_a_row_of_exactly_its_cells():
    kinds = [fit.NUMBER, fit.CELL, fit.NUMBER]
    assert fit.fit_row(kinds, [1, None, 2], 3, cut=False, grid=False, total_column=False).tokens == (0, 1, 2)


def test_blank_lines_beyond_the_usual_are_blank_cells():
    # "一、本年新收…" then six extra empty lines then " 0": six blank cells and the total.
    kinds = [fit.GAP] * 6 + [fit.NUMBER]
    got = fit.fit_row(kinds, [None] * 6 + [0], 7, cut=False, grid=False, total_column=True)
    assert got.tokens == (0, 1, 2, 3, 4, 5, 6) and got.ambiguous == ()


def test_breaks_between_pipes_fill_a_row_broken_over_lines():
    # "| 25 |" / "|" ×4 / "| 25 |": five line breaks between two pipes are the five blank cells.
    kinds = [fit.NUMBER] + [fit.BREAK] * 5 + [fit.NUMBER]
    got = fit.fit_row(kinds, [25, *[None] * 5, 25], 7, cut=False, grid=False, total_column=True)
    assert got.tokens == (0, 1, 2, 3, 4, 5, 6)


def test_a_short_row_is_ambiguous_not_filled_from_the_left():
    got = fit.fit_row([fit.NUMBER] * 3, [0, 1, 1], 7, cut=False, grid=False, total_column=False)
    assert got.ambiguous == tuple(range(7))
    assert got.tokens == (None,) * 7


def test_the_row_total_decides_what_it_can():
    # 7, 1, 8 for seven columns: 8 = 7 + 1 is the total; where 7 and 1 stand cannot be told.
    got = fit.fit_row([fit.NUMBER] * 3, [7, 1, 8], 7, cut=False, grid=False, total_column=True)
    assert got.tokens[6] == 2 and got.by_total == (6,)
    assert got.ambiguous == (0, 1, 2, 3, 4, 5)


def test_a_cut_row_is_read_as_far_as_it_goes():
    got = fit.fit_row([fit.NUMBER, fit.NUMBER], [3, 0], 7, cut=True, grid=False, total_column=True)
    assert got.tokens == (0, 1, None, None, None, None, None) and got.ambiguous == ()


def test_a_grid_row_drops_its_padding_on_the_right():
    got = fit.fit_row([fit.CELL, fit.NUMBER, fit.CELL], [None, 0, None], 2, cut=False, grid=True, total_column=False)
    assert got.tokens == (0, 1)


def test_runs_split_only_when_one_split_is_plausible():
    assert fit.split_run("555", 3) == ["5", "5", "5"]
    assert fit.split_run("141414", 3) == ["14", "14", "14"]
    assert fit.split_run("1234", 3) is None
    assert fit.split_run("000", 3) == ["0", "0", "0"]
    assert fit.split_run("17", 1) == ["17"]
