"""The report as a Word document (python-docx) in the official layout.

Why these choices: agencies finish and sign the report in Word or WPS, so the tables use real
merged cells (``gridSpan``/``vMerge``, which ``Cell.merge`` writes) rather than look-alike blank
cells, the header rows of sections 三 and 四 repeat on every page, and the fonts are the ones the
公文 format asks for and every Chinese Office install has: 宋体 for the title and tables, 黑体 for
section headings, 仿宋_GB2312 for the text. Each font is set for East Asian text (``w:eastAsia``),
which is the name Word and WPS use for Chinese characters; theme fonts are removed so that they
cannot override it.
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .layout import Document, Grid, Heading, Paragraph, without_controls

LATIN = "Times New Roman"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
TABLE_STYLE = "Table Text"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(r_pr_owner, east_asian: str, latin: str = LATIN) -> None:
    """Set Latin and East Asian font names on a style's or run's ``w:rPr``, dropping theme fonts."""
    r_pr = r_pr_owner.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_owner.insert(0, r_pr)
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(doc, name: str, east_asian: str, size: float, bold: bool = False) -> None:
    style = doc.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    set_fonts(style.element, east_asian)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.8)
    section.left_margin, section.right_margin = Cm(2.6), Cm(2.6)
    # docDefaults carry theme fonts in python-docx's template; override them as well.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr_default = defaults.find(qn("w:rPrDefault"))
        if r_pr_default is not None:
            set_fonts(r_pr_default, BODY_FONT)
    _style(doc, "Normal", BODY_FONT, 16)
    _style(doc, "Title", TITLE_FONT, 22, bold=True)
    _style(doc, "Heading 1", HEADING_FONT, 16)
    title = doc.styles["Title"]
    p_pr = title.element.get_or_add_pPr()
    border = p_pr.find(qn("w:pBdr"))  # the template's blue rule under the title
    if border is not None:
        p_pr.remove(border)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    heading = doc.styles["Heading 1"]
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    cell_style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = doc.styles["Normal"]
    _style(doc, TABLE_STYLE, TABLE_FONT, 10)
    cell_style.paragraph_format.line_spacing = 1.0
    cell_style.paragraph_format.space_before = Pt(0)
    cell_style.paragraph_format.space_after = Pt(0)


def _paragraph(doc, block: Paragraph) -> None:
    p = doc.add_paragraph(block.text)
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)
    if block.role == "signature":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Pt(32)


def _el(tag: str, parent=None, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    if parent is not None:
        parent.append(element)
    return element


def _cell_xml(tr, width_twips: int, span: int, vmerge: str | None, text: str, align: str, bold: bool,
              style_id: str, size_half_points: int | None) -> None:
    tc = _el("w:tc", tr)
    tc_pr = _el("w:tcPr", tc)
    _el("w:tcW", tc_pr, w=str(width_twips), type="dxa")
    if span > 1:
        _el("w:gridSpan", tc_pr, val=str(span))
    if vmerge == "restart":
        _el("w:vMerge", tc_pr, val="restart")
    elif vmerge == "continue":
        _el("w:vMerge", tc_pr)
    _el("w:vAlign", tc_pr, val="center")
    p = _el("w:p", tc)
    p_pr = _el("w:pPr", p)
    _el("w:pStyle", p_pr, val=style_id)
    _el("w:jc", p_pr, val=align)
    if text:
        r = _el("w:r", p)
        if bold or size_half_points:
            r_pr = _el("w:rPr", r)
            if bold:
                _el("w:b", r_pr)
            if size_half_points:
                _el("w:sz", r_pr, val=str(size_half_points))
                _el("w:szCs", r_pr, val=str(size_half_points))
        t = _el("w:t", r)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _table(doc, grid: Grid, usable_cm: float) -> None:
    """The grid as a ``w:tbl`` written directly: ``gridSpan`` across, ``vMerge`` down.

    Why not python-docx's ``Cell.merge``: it rescans the whole table for every cell (about a
    second per report); the XML it would write is the same.
    """
    total = sum(grid.widths)
    widths = [round(usable_cm / 2.54 * 1440 * w / total) for w in grid.widths]
    style_id = doc.styles[TABLE_STYLE].style_id
    size = 18 if grid.width > 10 else None  # half-points: 9 pt in the fifteen-column table
    tbl = _el("w:tbl")
    tbl_pr = _el("w:tblPr", tbl)
    _el("w:tblStyle", tbl_pr, val=doc.styles["Table Grid"].style_id)
    _el("w:tblW", tbl_pr, w=str(sum(widths)), type="dxa")
    _el("w:jc", tbl_pr, val="center")
    _el("w:tblLayout", tbl_pr, type="fixed")
    _el("w:tblLook", tbl_pr, val="04A0", firstRow="1", lastRow="0", firstColumn="1", lastColumn="0",
        noHBand="0", noVBand="1")
    tbl_grid = _el("w:tblGrid", tbl)
    for width in widths:
        _el("w:gridCol", tbl_grid, w=str(width))
    matrix = grid.matrix()
    covering: dict[tuple[int, int], object] = {}
    for cell in grid.cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covering[(r, cell.col)] = cell
    for r in range(grid.height):
        tr = _el("w:tr", tbl)
        tr_pr = _el("w:trPr", tr)
        _el("w:cantSplit", tr_pr)
        if r < grid.header_rows:
            _el("w:tblHeader", tr_pr)
        c = 0
        while c < grid.width:
            cell = matrix[r][c] or covering.get((r, c))
            if cell is None:  # not reached: every position is a cell or covered by one
                c += 1
                continue
            span_width = sum(widths[c : c + cell.colspan])
            if matrix[r][c] is None:
                _cell_xml(tr, span_width, cell.colspan, "continue", "", "center", False, style_id, None)
            else:
                left = cell.role in ("stub", "note", "caption") and cell.scope != "rowgroup"
                _cell_xml(tr, span_width, cell.colspan, "restart" if cell.rowspan > 1 else None, cell.text,
                          "left" if left else "center", cell.role == "caption", style_id, size)
            c += cell.colspan
    doc.element.body._insert_tbl(tbl)


def render_docx(doc: Document) -> bytes:
    doc = without_controls(doc)  # XML cannot hold them: one would make the whole file fail
    document = new_document()
    _setup(document)
    document.core_properties.title = doc.title
    document.core_properties.language = "zh-CN"
    section = document.sections[0]
    usable_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_paragraph(block.text, style="Title" if block.level == 1 else "Heading 1")
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        else:
            _table(document, block, usable_cm)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
