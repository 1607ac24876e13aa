"""The report as Markdown: headings with ``#``, the tables as pipe tables on the official grid.

Why the grid and not a simplified table: Markdown has no merged cells, so a merged cell's text
stands at its first position and the positions it covers stay empty, exactly the convention every
reader of gongkai (and Word's own Markdown export) uses; the three header rows of sections 三 and
四 stay three rows, and the numbers keep their official columns.
"""

from __future__ import annotations

from .layout import Document, Grid, Heading, Paragraph


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def _grid(grid: Grid) -> list[str]:
    lines = []
    for r, row in enumerate(grid.matrix()):
        lines.append("| " + " | ".join(_cell(c.text) if c else "" for c in row) + " |")
        if r == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return lines


def _paragraph(text: str) -> str:
    # A narrative line must not turn into a heading, a table row or a quote.
    return "\\" + text if text[:1] in "#|>" else text


def render_markdown(doc: Document) -> bytes:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + block.text)
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block.text))
        else:
            out.append("\n".join(_grid(block)))
    return ("\n\n".join(out) + "\n").encode("utf-8")
