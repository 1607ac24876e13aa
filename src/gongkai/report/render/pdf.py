"""The report as a PDF for the archive, with its Chinese font embedded (reportlab, BSD).

Why these choices: an archived PDF must look the same on any machine, so the CJK font is embedded
(a subset of WenQuanYi Zen Hei from the Debian package ``fonts-wqy-zenhei``, which
``scripts/setup.sh`` installs; reportlab embeds TrueType outlines, which the Noto CJK OpenType
fonts are not). Tables are ruled grids whose merged cells are real spans with no inner rules, so
the PDF shows the official merged headers and a table extractor reads each cell where it belongs.
A number never wraps inside its cell (a wrapped "1234/5678" would read back as two numbers): its
font shrinks until it fits instead.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph

from ..errors import RenderError
from .layout import Document, Grid, Heading, Paragraph, without_controls

FONT_NAME = "WenQuanYiZenHei"
# Where Debian (fonts-wqy-zenhei) and other distributions put the font; GONGKAI_CJK_FONT overrides.
FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
)
_MARGIN = 2.2 * cm
_CELL_PAD = 2.0
_VALUE_SIZE = 8.5
_LABEL_SIZE = 8.5


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the CJK font once per process; a missing font is a clear error, never tofu."""
    candidates = [p for p in (os.environ.get("GONGKAI_CJK_FONT"), *FONT_PATHS) if p]
    for path in candidates:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
            return FONT_NAME
    raise RenderError("font_missing", f"no CJK font at {', '.join(candidates)}", paths="、".join(candidates))


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base: dict = {"fontName": font, "wordWrap": "CJK"}
    cell = {"fontName": font}
    return {
        "title": ParagraphStyle("title", fontSize=17, leading=26, alignment=TA_CENTER, spaceAfter=10, **base),
        "heading": ParagraphStyle("heading", fontSize=13, leading=20, spaceBefore=8, spaceAfter=4, **base),
        "body": ParagraphStyle("body", fontSize=11, leading=19, alignment=TA_JUSTIFY, firstLineIndent=22, **base),
        "signature": ParagraphStyle("signature", fontSize=11, leading=19, alignment=TA_RIGHT, **base),
        # Table cells are wrapped by ``_wrap`` beforehand.
        "label": ParagraphStyle("label", fontSize=_LABEL_SIZE, leading=_LABEL_SIZE * 1.3, alignment=TA_LEFT, **cell),
        "center": ParagraphStyle("center", fontSize=_LABEL_SIZE, leading=_LABEL_SIZE * 1.3, alignment=TA_CENTER,
                                 **cell),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Lines of at most ``room`` points, broken between any two characters.

    Why not reportlab's CJK wrapping: it lets punctuation such as "、" hang past the line end, into
    the next cell, where a reader of the PDF finds it in the wrong column.
    """
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, font, size) > room:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def _table(grid: Grid, width: float, styles: dict[str, ParagraphStyle], font: str) -> Table:
    total = sum(grid.widths)
    col_widths = [width * w / total for w in grid.widths]
    matrix: list[list[object]] = [[""] * grid.width for _ in range(grid.height)]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for cell in grid.cells:
        end = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.col, cell.row), end))
        if cell.role == "value":
            # Plain strings never wrap; shrink the font when the number is wider than its cell.
            room = sum(col_widths[cell.col : cell.col + cell.colspan]) - 2 * _CELL_PAD - 1
            size = _VALUE_SIZE
            needed = pdfmetrics.stringWidth(cell.text, font, size)
            if needed > room:
                size = size * room / needed
            matrix[cell.row][cell.col] = cell.text
            commands.append(("FONTSIZE", (cell.col, cell.row), (cell.col, cell.row), size))
        else:
            left = cell.role in ("stub", "note", "caption") and cell.scope != "rowgroup"
            style = styles["label" if left else "center"]
            room = sum(col_widths[cell.col : cell.col + cell.colspan]) - 2 * _CELL_PAD - 1
            lines = _wrap(cell.text, font, style.fontSize, room)
            matrix[cell.row][cell.col] = PdfParagraph("<br/>".join(map(_escape, lines)), style)
        if cell.role == "caption":
            commands.append(("BACKGROUND", (cell.col, cell.row), end, colors.Color(0.93, 0.93, 0.93)))
    table = Table(matrix, colWidths=col_widths, repeatRows=grid.header_rows, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def render_pdf(doc: Document) -> bytes:
    doc = without_controls(doc)  # viewers show them as boxes, or lose the line
    font = register_font()
    styles = _styles(font)
    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN, bottomMargin=_MARGIN,
        title=doc.title, lang="zh-CN", author="", subject="", creator="gongkai",
    )
    width = A4[0] - 2 * _MARGIN
    story: list = []
    signed = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 2:
                # A heading never ends a page; a long table starts on a fresh page rather than split.
                story.append(CondPageBreak(4 * cm))
            story.append(PdfParagraph(_escape(block.text), styles["title" if block.level == 1 else "heading"]))
        elif isinstance(block, Paragraph):
            if block.role == "signature" and not signed:
                story.append(Spacer(1, 12))
                signed = True
            story.append(PdfParagraph(_escape(block.text), styles[block.role]))
        else:
            # A table that fits on one page is kept whole, with its heading, on the next page.
            heading = story.pop()
            story.append(KeepTogether([heading, _table(block, width, styles, font)]))
            story.append(Spacer(1, 6))
    pdf.build(story)
    return out.getvalue()
