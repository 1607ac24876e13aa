"""The report as Markdown: headings with ``#``, the tables as pipe tables on the official grid.

Why the grid and not a simplified table: Markdown has no merged cells, so a merged cell's text
stands at one of its positions and the others stay empty, the convention every reader of gongkai
(and Word's own Markdown export) uses; the three header rows of sections 三 and 四 stay three
rows, and the numbers keep their official columns. A row label merged across the label columns
("一、本年新收…") stands at its last position, next to the numbers: then no empty cell lies between
label and numbers, and an empty cell there is always a blank number, never a covered position.
"""

from __future__ import annotations

from .layout import Document, Grid, Heading, Paragraph


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def _grid(grid: Grid) -> list[str]:
    texts = [[""] * grid.width for _ in range(grid.height)]
    for cell in grid.cells:
        col = cell.col + cell.colspan - 1 if cell.role == "stub" else cell.col
        texts[cell.row][col] = _cell(cell.text)
    lines = []
    for r, row in enumerate(texts):
        lines.append("| " + " | ".join(row) + " |")
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
