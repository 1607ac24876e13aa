"""A notice as a Word document (python-docx), laid out as a 公文: title, 文号, text, signature and seal.

Fonts as the annual report's Word file sets them (report.render.docx.set_fonts): East Asian names
that every Chinese Office install has, theme fonts removed so that they cannot override them.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from gongkai.report.render.docx import set_fonts

from .. import messages as M
from .document import Notice, is_addressee

TITLE_FONT = "宋体"
BODY_FONT = "仿宋_GB2312"


def as_docx(notice: Notice) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.8)
    section.left_margin, section.right_margin = Cm(2.6), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    set_fonts(normal.element, BODY_FONT)
    _centered(doc, notice.title, TITLE_FONT, 20, bold=True)
    _centered(doc, notice.number, BODY_FONT, 14)
    for i, text in enumerate(notice.paragraphs):
        p = doc.add_paragraph(text)
        p.paragraph_format.line_spacing = Pt(26)
        if not (i == 0 and is_addressee(text)):
            p.paragraph_format.first_line_indent = Pt(28)
    if notice.rows:
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for row in notice.rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row.label, row.value
            cells[0].width, cells[1].width = Cm(4.5), Cm(11.3)
            if row.tall:
                table.rows[-1].height = Cm(1.8)
    doc.add_paragraph()
    if notice.seal:
        _right(doc, M.NOTICE_SEAL)
    _right(doc, notice.agency)
    _right(doc, notice.date)
    for line in notice.contact:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _centered(doc, text: str, font: str, size: int, bold: bool = False) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    set_fonts(run._element, font)


def _right(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(0)
