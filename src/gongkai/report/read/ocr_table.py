"""Ruled tables in a page picture: deskew, ruling lines, the grid of cells with its merged cells.

Why ruling lines and not text positions: the statutory tables are fully ruled, and a merged cell
("三、本年度办理结果" over twenty rows, "申请人情况" over seven columns) is visible only as a missing
line. So the grid is the union of all ruling lines of a table; between two neighbouring grid
positions a cell boundary exists where the line segment between them is really inked. Positions
joined by a missing segment are one merged cell: its box is the union, it sits at its top-left
position, the others are covered (the convention of every reader, see grid.py).

Pure OpenCV/numpy on a grayscale picture (uint8, 0 black); no OCR here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

# Angles searched when straightening a page (degrees): scans are turned by a degree or two.
_MAX_SKEW = 3.0
_SKEW_STEP = 0.1
# A segment counts as inked when this share of its pixels (with a small tolerance across) is dark.
_INKED = 0.9
# Ruling lines of one table must be straight: a line drifting more than this share of its length
# (perspective of a photo) means the grid cannot be trusted.
_MAX_DRIFT = 0.006

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels


@dataclass(frozen=True, slots=True)
class TableGrid:
    """One ruled table: grid positions row by row, each a cell box or None where a merged cell covers."""

    box: Box
    cells: list[list[Box | None]]


class CrookedPage(ValueError):
    """The ruling lines are not straight (a photo in perspective, a bent page): no trustworthy grid."""


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to uneven light (a local threshold, not one for the whole page)."""
    import cv2

    block = max(15, (min(gray.shape) // 40) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def skew_angle(ink: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise positive as cv2) that makes text rows and ruling
    lines horizontal: the angle whose row profile is sharpest, searched on a reduced picture."""
    import cv2

    scale = 1000 / max(ink.shape)
    if scale < 1:
        # Reduced by taking the darkest of each block (dilate, then subsample) so that thin lines survive.
        step = int(1 / scale)
        small = cv2.dilate(ink, np.ones((step, step), np.uint8))[::step, ::step]
    else:
        small = ink
    h, w = small.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    steps = round(_MAX_SKEW / _SKEW_STEP)
    for i in range(-steps, steps + 1):
        angle = i * _SKEW_STEP
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    if abs(angle) < 1e-6:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def find_tables(gray: np.ndarray) -> list[TableGrid]:
    """The ruled tables of a straightened page, top to bottom."""
    import cv2

    ink = binarize(gray)
    h, w = ink.shape
    long_h = max(40, w // 25)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long_h, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, h // 120))))
    _check_straight(horizontal, 0, w // 5)
    _check_straight(vertical, 1, h // 10)
    lines = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    tables = []
    for label in range(1, count):
        x, y, bw, bh, _ = stats[label]
        if bw < w // 5 or bh < 20:
            continue
        grid = _grid(ink, horizontal, vertical, (int(x), int(y), int(x + bw), int(y + bh)))
        if grid is not None:
            tables.append(grid)
    tables.sort(key=lambda t: t.box[1])
    return tables


def _positions(profile: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Runs of indices where the profile reaches the threshold, as (first, last)."""
    on = profile >= threshold
    runs, start = [], None
    for i, flag in enumerate(on):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(on) - 1))
    return runs


def _grid(ink: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, box: Box) -> TableGrid | None:
    x0, y0, x1, y1 = box
    hz = horizontal[y0:y1, x0:x1]
    region = ink[y0:y1, x0:x1]
    rows = _positions(hz.sum(axis=1) / 255, max(30, (x1 - x0) * 0.08))
    ys = [(a + b) // 2 for a, b in rows]
    if len(ys) < 2:
        return None
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    if min(gaps) < 6:
        return None
    vt = vertical[y0:y1, x0:x1]
    cols = _positions(vt.sum(axis=0) / 255, max(8, min(gaps) * 0.5))
    candidates = [(a + b) // 2 for a, b in cols]
    # A real column line runs the whole height of at least one row; a stroke of a digit does not.
    xs = [x for x in candidates if any(_inked_v(region, x, ya, yb) for ya, yb in itertools.pairwise(ys))]
    if len(xs) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    right = [[_inked_v(region, xs[c + 1], ys[r], ys[r + 1]) for c in range(n_cols)] for r in range(n_rows)]
    below = [[_inked_h(region, ys[r + 1], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(n_rows)]
    # A position belongs to the merged cell of the position to its left or above when no line parts them.
    owner = [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            if c > 0 and not right[r][c - 1]:
                owner[r][c] = owner[r][c - 1]
            elif r > 0 and not below[r - 1][c]:
                owner[r][c] = owner[r - 1][c]
    extent: dict[tuple[int, int], list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            top_left = owner[r][c]
            span = extent.setdefault(top_left, [r, c, r, c])
            span[2], span[3] = max(span[2], r), max(span[3], c)
    cells: list[list[Box | None]] = [[None] * n_cols for _ in range(n_rows)]
    for (r, c), (r0, c0, r1, c1) in extent.items():
        cells[r][c] = (x0 + xs[c0], y0 + ys[r0], x0 + xs[c1 + 1], y0 + ys[r1 + 1])
    return TableGrid((x0 + xs[0], y0 + ys[0], x0 + xs[-1], y0 + ys[-1]), cells)


def _check_straight(mask: np.ndarray, axis: int, least: int) -> None:
    """Each long ruling line of a straightened page is thin across its length; a line of a photo
    in perspective (or of a bent page) drifts, and its bounding box grows thick."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    for label in range(1, count):
        _x, _y, bw, bh, _ = stats[label]
        length, across = (bw, bh) if axis == 0 else (bh, bw)
        if length >= least and across > max(10, length * _MAX_DRIFT + 6):
            raise CrookedPage(f"a ruling line drifts {across} px over {length} px")


# Segments are checked from line to line (two pixels off each end): a stroke of a character, held
# off the lines by the cell's padding, never runs that far.
def _inked_v(region: np.ndarray, x: int, ya: int, yb: int) -> bool:
    pad = 2
    band = region[ya + pad:yb - pad + 1, max(0, x - 3):x + 4]
    return band.size > 0 and float((band.max(axis=1) > 0).mean()) >= _INKED


def _inked_h(region: np.ndarray, y: int, xa: int, xb: int) -> bool:
    pad = 2
    band = region[max(0, y - 3):y + 4, xa + pad:xb - pad + 1]
    return band.size > 0 and float((band.max(axis=0) > 0).mean()) >= _INKED
