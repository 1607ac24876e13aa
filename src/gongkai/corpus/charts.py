"""Charts as inline SVG strings, for the offline page of ``gongkai corpus report``.

Why hand-written SVG rather than a plotting library: the page must open offline on a supervisor's
machine with nothing fetched, and read aloud by a screen reader. SVG text stays text (searchable,
copyable, in the reader's own CJK font), each chart is a few kilobytes, and no plotting stack
(matplotlib and its font cache, or a JavaScript runtime) is needed to make or to show it. Every
chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``; the data
marks carry the class ``mark`` and their own ``<title>`` (the value on hover).

Each function takes plain values and returns a new string; none of them touches the database.
"""

from __future__ import annotations

import itertools
from html import escape

WIDTH = 720
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#999999")
INK = "#1f1f1f"
GRID = "#d0d0d0"
_LABEL_CHARS = 14  # longer labels are cut (the full label is in the mark's title and the data table)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _short(label: str, limit: int = _LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def number(value: float | None, percent: bool = False) -> str:
    """A value as the page prints it: ``—`` for none, ``12.3%`` for a share, ``1,234`` for a count."""
    if value is None:
        return "—"
    if percent:
        return f"{value:.1%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _svg(key: str, title: str, desc: str, height: int, body: list[str]) -> str:
    return (
        f'<svg class="chart" id="{key}" role="img" aria-labelledby="{key}-title {key}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-title">{_e(title)}</title><desc id="{key}-desc">{_e(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def _ticks(top: float, count: int = 4) -> list[float]:
    """Round grid values from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(count + 2) if step * (i - 1) < top]


def bars(key: str, title: str, desc: str, items: list[tuple[str, float]], percent: bool = False) -> str:
    """Horizontal bars, one per (label, value), in the order given (a ranking reads top down)."""
    row, left, right, top = 28, 190, 80, 10
    height = top + row * max(1, len(items)) + 10
    peak = max([v for _, v in items] + [0]) or 1
    span = WIDTH - left - right
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = max(1.0, span * value / peak)
        shown = number(value, percent)
        body.append(
            f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{_e(_short(label))}</text>"
            f'<rect class="mark" x="{left}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{COLOURS[0]}">'
            f"<title>{_e(label)}：{shown}</title></rect>"
            f'<text x="{left + length + 6:.1f}" y="{y + 18}" font-size="13" fill="{INK}">{shown}</text>'
        )
    return _svg(key, title, desc, height, body)


def columns(key: str, title: str, desc: str, items: list[tuple[str, float | None]], percent: bool = False,
            line: bool = False) -> str:
    """Vertical columns per category (years), or a line through the points when ``line``; a missing
    value (``None``: no data, or a base too small for a share) leaves a gap, never a zero."""
    height, left, bottom, top = 260, 56, 40, 16
    plot_h = height - top - bottom
    known = [v for _, v in items if v is not None]
    grid = [0.0, 0.25, 0.5, 0.75, 1.0] if percent else _ticks(max([*known, 0]))
    peak = grid[-1] or 1
    slot = (WIDTH - left - 16) / max(1, len(items))
    body = []
    for g in grid:
        y = top + plot_h * (1 - g / peak)
        body.append(f'<line x1="{left}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                    f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{INK}">'
                    f"{number(g, percent)}</text>")
    points = []
    for i, (label, value) in enumerate(items):
        x = left + slot * i + slot / 2
        body.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
                    f'fill="{INK}">{_e(label)}</text>')
        if value is None:
            points.append(None)
            continue
        y = top + plot_h * (1 - value / peak)
        tip = f"<title>{_e(label)}：{number(value, percent)}</title>"
        if line:
            points.append((x, y))
            body.append(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLOURS[1]}">{tip}</circle>')
        else:
            w = min(48.0, slot * 0.6)
            body.append(f'<rect class="mark" x="{x - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" '
                        f'height="{max(1.0, top + plot_h - y):.1f}" fill="{COLOURS[0]}">{tip}</rect>')
        body.append(f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" font-size="12" fill="{INK}">'
                    f"{number(value, percent)}</text>")
    if line:
        # One segment between neighbouring known points: a gap year breaks the line.
        for a, b in itertools.pairwise(points):
            if a and b:
                body.insert(len(grid), f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                                       f'stroke="{COLOURS[1]}" stroke-width="2"/>')
    return _svg(key, title, desc, height, body)


def stacked(key: str, title: str, desc: str, parts: list[str], rows: list[tuple[str, list[float]]]) -> str:
    """One bar of 100 % per row, split into ``parts`` (shares in the order of ``parts``), with a legend."""
    row, left, right, legend = 30, 150, 16, 30
    height = legend + row * max(1, len(rows)) + 8
    span = WIDTH - left - right
    body = []
    x = left
    for i, part in enumerate(parts):
        body.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{COLOURS[i % len(COLOURS)]}"/>'
                    f'<text x="{x + 18}" y="18" font-size="12" fill="{INK}">{_e(part)}</text>')
        x += 26 + 13 * len(part)
    for r, (label, shares) in enumerate(rows):
        y = legend + r * row
        body.append(f'<text x="{left - 8}" y="{y + 19}" text-anchor="end" font-size="13" fill="{INK}">'
                    f"{_e(_short(label, 10))}</text>")
        x = float(left)
        for i, (part, share) in enumerate(zip(parts, shares, strict=True)):
            width = span * share
            if width <= 0:
                continue
            body.append(f'<rect class="mark" x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="{row - 8}" '
                        f'fill="{COLOURS[i % len(COLOURS)]}"><title>{_e(label)} {_e(part)}：'
                        f"{number(share, True)}</title></rect>")
            x += width
    return _svg(key, title, desc, height, body)
