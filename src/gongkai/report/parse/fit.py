"""Fitting the value tokens of one table row to the row's columns.

Why an alignment rather than rules about line shapes: every layout says where a row's cells are
in its own way (a pipe between two cells, an empty line per blank cell, a lone "|" line, nothing at
all), and says it with more or less certainty. Each token therefore carries how sure the source is
that it is a cell; the fit looks for the cheapest way to give each column one token or none, where
reading beats inferring:

- a number is always a cell (dropping one is not an option: too many numbers are handled before);
- an empty cell between two separators is a blank cell, dropped only at a cost (a converter's spare
  cell at either end, a merged label's second column);
- an extra empty line, or a line break between a closing and an opening pipe, may be a blank cell or
  only a row break: cheap to use, cheaper still to drop;
- a column with no token is worst, except after the last token of a row that the end of the text
  cuts (not visible, not missing), or of a grid row, whose position says the rest is blank.

When more than one cheapest fit exists and they put different values into a column, that column is
ambiguous: left blank and reported, never a guess. Where the row's own total decides between the
fits (总计 = the sum of the six applicant columns), the fits that break it are set aside, and the
cells so decided are marked as inferred.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of token.
NUMBER = "number"
CELL = "cell"  # an empty cell between separators, or a placeholder such as "—" or "/"
GAP = "gap"  # an empty line beyond the usual spacing of the table's lines
BREAK = "break"  # the line break between a line ending with "|" and one starting with "|"
COVERED = "covered"  # a grid position covered by a merged cell

_ASSIGN = {NUMBER: 0.0, CELL: 0.0, GAP: 0.2, BREAK: 0.5, COVERED: 0.5}
_DROP = {NUMBER: float("inf"), CELL: 1.0, GAP: 0.3, BREAK: 0.0, COVERED: 0.0}
# In a grid row a spare empty cell after the row's last value is a converter's padding: cheaper to
# drop than one before it, so that positions are read from the left.
_DROP_GRID_TAIL = {**_DROP, CELL: 0.4}
_MISSING = 5.0
_MISSING_GRID_TAIL = 0.5
_MAX_FITS = 4096
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Fit:
    # For each column: the index of the token it got, or None (blank, not visible or ambiguous).
    tokens: tuple[int | None, ...]
    ambiguous: tuple[int, ...] = ()  # columns whose value the fits disagree on
    by_total: tuple[int, ...] = ()  # columns decided by the row's own total


def fit_row(
    kinds: list[str], values: list[int | float | None], n: int, *, cut: bool, grid: bool, total_column: bool
) -> Fit:
    """The columns' tokens for a row of ``n`` columns.

    ``kinds`` and ``values`` describe the tokens in order (``values`` None for blanks). ``cut``: the
    text ends inside this row. ``grid``: the tokens are a reader's grid cells, so a short row is blank
    at its end. ``total_column``: the last column is the sum of the others.
    """
    direct = _direct(kinds, n, cut or grid, grid)
    if direct is not None:
        return direct
    return search(kinds, values, n, cut=cut, grid=grid, total_column=total_column)


def search(
    kinds: list[str], values: list[int | float | None], n: int, *, cut: bool, grid: bool, total_column: bool
) -> Fit:
    """``fit_row`` by the full least-cost search (``fit_row`` takes shortcuts for the common rows)."""
    key = (tuple(kinds), n, cut, grid)
    fits = _CHEAPEST.get(key, _UNKNOWN)
    if fits is _UNKNOWN:
        fits = _cheapest(*key)
        if fits is None or len(fits) <= _CACHED_FITS:
            if len(_CHEAPEST) >= _CHEAPEST_MAX:
                _CHEAPEST.clear()
            _CHEAPEST[key] = fits
    if fits is None:
        return Fit((None,) * n, tuple(range(n)))
    return _decide(list(fits), values, n, total_column)


# (kinds, n, cut, grid) → ``_cheapest``, for the shapes with few cheapest fits (bounded memory).
_CHEAPEST: dict[tuple, tuple[tuple[int | None, ...], ...] | None] = {}
_CHEAPEST_MAX = 4096
_CACHED_FITS = 32
_UNKNOWN = object()


def _cheapest(kinds: tuple[str, ...], n: int, cut: bool, grid: bool) -> tuple[tuple[int | None, ...], ...] | None:
    """Every cheapest fit of ``kinds`` to ``n`` columns, in the search's order; None when there are
    too many to weigh (or none). The costs depend on the kinds of the tokens alone, never on their
    values, and the same few shapes of row recur in every report of a layout: each is searched once."""
    m = len(kinds)
    tail_cost = 0.0 if cut else (_MISSING_GRID_TAIL if grid else _MISSING)
    tail_drop = _DROP_GRID_TAIL if grid else _DROP
    inf = float("inf")
    # best[i][j][t]: least cost from state (i tokens used, j columns filled, t in the tail phase) to the end.
    best = [[[inf, inf] for _ in range(n + 1)] for _ in range(m + 1)]
    best[m][n][0] = best[m][n][1] = 0.0
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            if i == m and j == n:
                continue
            # tail phase: only missing columns and dropped tokens
            options = []
            if j < n:
                options.append(tail_cost + best[i][j + 1][1])
            if i < m:
                options.append(tail_drop[kinds[i]] + best[i + 1][j][1])
            best[i][j][1] = min(options) if options else inf
            options = [best[i][j][1]]
            if i < m and j < n:
                options.append(_ASSIGN[kinds[i]] + best[i + 1][j + 1][0])
            if i < m:
                options.append(_DROP[kinds[i]] + best[i + 1][j][0])
            if j < n:
                options.append(_MISSING + best[i][j + 1][0])
            best[i][j][0] = min(options)
    optimum = best[0][0][0]

    fits: list[tuple[int | None, ...]] = []
    overflow = False

    def walk(i: int, j: int, tail: int, cost: float, taken: list[int | None]) -> None:
        nonlocal overflow
        if overflow:
            return
        if i == m and j == n:
            fits.append(tuple(taken))
            if len(fits) > _MAX_FITS:
                overflow = True
            return

        def on_path(step: float, ni: int, nj: int, nt: int) -> bool:
            return cost + step + best[ni][nj][nt] <= optimum + _EPS

        if not tail:
            if i < m and j < n and on_path(_ASSIGN[kinds[i]], i + 1, j + 1, 0):
                walk(i + 1, j + 1, 0, cost + _ASSIGN[kinds[i]], [*taken, i])
            if i < m and on_path(_DROP[kinds[i]], i + 1, j, 0):
                walk(i + 1, j, 0, cost + _DROP[kinds[i]], taken)
            if j < n and on_path(_MISSING, i, j + 1, 0):
                walk(i, j + 1, 0, cost + _MISSING, [*taken, None])
            if on_path(0.0, i, j, 1):
                walk_tail(i, j, cost, taken)
            return
        walk_tail(i, j, cost, taken)

    def walk_tail(i: int, j: int, cost: float, taken: list[int | None]) -> None:
        # In the tail every remaining token is dropped and every remaining column is empty: one way.
        rest = sum(tail_drop[k] for k in kinds[i:]) + tail_cost * (n - j)
        if cost + rest <= optimum + _EPS:
            fits.append(tuple(taken) + (None,) * (n - j))

    walk(0, 0, 0, 0.0, [])
    unique = tuple(dict.fromkeys(fits))
    if overflow or not unique:
        return None
    return unique


def _decide(fits: list[tuple[int | None, ...]], values: list[int | float | None], n: int, total_column: bool) -> Fit:
    """The fit the values leave: columns the cheapest fits disagree on are ambiguous, unless the
    row's own total rules out all but one reading."""
    def value_sets(candidates: list[tuple[int | None, ...]]) -> list[set]:
        return [{values[f[c]] if f[c] is not None else None for f in candidates} for c in range(n)]

    sets = value_sets(fits)
    by_total: tuple[int, ...] = ()
    if total_column and any(len(s) > 1 for s in sets):
        balanced = [f for f in fits if _adds_up([values[t] if t is not None else None for t in f])]
        if balanced and len(balanced) < len(fits):
            decided = value_sets(balanced)
            by_total = tuple(c for c in range(n) if len(sets[c]) > 1 and len(decided[c]) == 1)
            fits, sets = balanced, decided
    ambiguous = tuple(c for c in range(n) if len(sets[c]) > 1)
    chosen = tuple(None if c in ambiguous else fits[0][c] for c in range(n))
    return Fit(chosen, ambiguous, by_total)


_FIRM = frozenset({NUMBER, CELL})
_SPARE = frozenset({BREAK, GAP, COVERED})


def _direct(kinds: list[str], n: int, short_is_blank: bool, grid: bool) -> Fit | None:
    """The fit of the common rows, without the search (each case is the search's only cheapest fit):
    as many numbers as columns; or the first ``n`` tokens numbers or empty cells and what follows them
    spare; or fewer such tokens than columns where a short row is blank at its end."""
    m = len(kinds)
    numbers = [i for i, k in enumerate(kinds) if k == NUMBER]
    if len(numbers) == n:
        return Fit(tuple(numbers))  # numbers are never dropped: as many as columns leaves no choice
    head = kinds[:n]
    if not all(k in _FIRM for k in head):
        return None
    if m >= n and all(k in _SPARE or (grid and k == CELL) for k in kinds[n:]):
        # Spare marks after a full row; in a grid row also spare empty cells.
        return Fit(tuple(range(n)))
    if m < n and short_is_blank:
        return Fit((*range(m), *([None] * (n - m))))
    return None


def _adds_up(cells: list[int | float | None]) -> bool:
    *parts, total = cells
    if total is None:
        return False
    return abs(sum(p for p in parts if p is not None) - total) < 1e-9


def split_run(digits: str, n: int) -> list[str] | None:
    """The cells of a digit run from flattened text ("555" → 5, 5, 5; "141414" → 14, 14, 14) when
    only one split is plausible: one digit per cell, or equal parts. None otherwise."""
    if n <= 1:
        return [digits]
    if len(digits) == n:
        return list(digits)
    if len(digits) % n == 0:
        size = len(digits) // n
        parts = [digits[k : k + size] for k in range(0, len(digits), size)]
        if len(set(parts)) == 1 and not (size > 1 and parts[0].startswith("0")):
            return parts
    return None
