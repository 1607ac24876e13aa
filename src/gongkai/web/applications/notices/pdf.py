"""A notice as a PDF (reportlab) with its CJK font embedded, the seal position drawn beside the signature.

Why the annual report's font: reportlab's built-in "STSong-Light" is a CID font that is never
embedded, so poppler-based viewers without Adobe's Asian font packs show blank pages; the report's
TrueType font (report.render.pdf.register_font, WenQuanYi Zen Hei from fonts-wqy-zenhei) is embedded
as a subset, and ``pdffonts`` lists every font of these files as embedded.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from gongkai.report.render.pdf import register_font

from .. import messages as M
from .document import Notice, is_addressee

SEAL_DIAMETER = 4.2 * cm  # the round seal of a government office
SEAL_COLOR = colors.Color(0.75, 0.2, 0.2)


class _SealMark(Flowable):
    """A dashed circle where the seal goes, drawn over the date and the agency's name above it
    (GB/T 9704: the seal is centred on the date, "下压成文日期"), with its label inside. Zero height:
    it follows the date and draws upwards, so it moves nothing on the page."""

    def __init__(self, font: str):
        super().__init__()
        self.font = font
        self.width, self.height = 0, 0

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, 0

    def draw(self):
        c, r = self.canv, SEAL_DIAMETER / 2
        x, y = self.avail - 2.2 * cm, 1.0 * cm
        c.saveState()
        c.setStrokeColor(SEAL_COLOR)
        c.setDash(3, 3)
        c.circle(x, y, r)
        c.setFillColor(SEAL_COLOR)
        c.setFont(self.font, 9)
        c.drawCentredString(x, y - r + 0.4 * cm, M.NOTICE_SEAL)
        c.restoreState()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = {"fontName": font, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=4, **base),
        "number": ParagraphStyle("number", fontSize=12, leading=20, alignment=TA_CENTER, spaceAfter=14, **base),
        "body": ParagraphStyle("body", fontSize=13, leading=24, alignment=TA_JUSTIFY, firstLineIndent=26, **base),
        "addressee": ParagraphStyle("addressee", fontSize=13, leading=24, **base),
        "cell": ParagraphStyle("cell", fontSize=11.5, leading=18, **base),
        "right": ParagraphStyle("right", fontSize=13, leading=24, alignment=TA_RIGHT, **base),
        "contact": ParagraphStyle("contact", fontSize=11, leading=18, **base),
    }


def as_pdf(notice: Notice) -> bytes:
    font = register_font()
    st = _styles(font)
    story = [Paragraph(_esc(notice.title), st["title"]), Paragraph(_esc(notice.number), st["number"])]
    for i, text in enumerate(notice.paragraphs):
        story.append(Paragraph(_esc(text), st["addressee" if i == 0 and is_addressee(text) else "body"]))
    if notice.rows:
        data = [[Paragraph(_esc(r.label), st["cell"]), Paragraph(_esc(r.value), st["cell"])] for r in notice.rows]
        table = Table(data, colWidths=[4.3 * cm, 11.5 * cm],
                      rowHeights=[1.8 * cm if r.tall else None for r in notice.rows])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("FONTNAME", (0, 0), (-1, -1), font),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story += [Spacer(1, 8), table]
    closing = [Spacer(1, 40), Paragraph(_esc(notice.agency), st["right"]), Paragraph(_esc(notice.date), st["right"])]
    if notice.seal:
        closing.append(_SealMark(font))
    if notice.contact:
        closing.append(Spacer(1, 36))
        closing += [Paragraph(_esc(line), st["contact"]) for line in notice.contact]
    # The signature, the seal and the contact lines never start a page alone (a page holding only a seal
    # and a date proves nothing about what was decided): they go over together with the last paragraph
    # or form before them.
    story.append(KeepTogether([story.pop(), *closing]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=notice.title, leftMargin=2.6 * cm, rightMargin=2.6 * cm,
                      topMargin=3.0 * cm, bottomMargin=2.8 * cm, lang="zh-CN", creator="gongkai",
                      initialFontName=font).build(story)  # no Helvetica in the page preamble
    return out.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
