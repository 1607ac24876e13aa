"""The reply letter (告知书) from the per-outcome template, as DOCX (python-docx) and PDF (reportlab).

Templates are editable in the admin; when an agency has not written one, the default text below is
used, so a letter can always be issued. Placeholders are the keys of ``fields``; an unknown
placeholder is left as written instead of failing, so a typo in a template cannot block a reply.
"""

from __future__ import annotations

import io

from gongkai.report.controls import strip_controls

from .models import Application, ReplyTemplate
from .outcomes import OUTCOME_LABELS

_INTRO = ("{applicant}：\n"
          "本机关于{received_on}收到您（单位）提出的政府信息公开申请（受理编号：{number}），"
          "申请获取“{request}”。")
_CLOSE = ("如对本答复不服，可以在收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。")

DEFAULT_BODIES = {
    "granted": "经审查，您申请获取的政府信息属于公开范围。根据{legal_basis}的规定，现向您提供该政府信息。{reply}",
    "partial": "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{legal_basis}的规定，"
               "本机关向您提供可以公开的部分，并说明不予公开部分的理由：{reply}",
    "denied": "经审查，您申请获取的政府信息属于不予公开的范围。根据{legal_basis}的规定，本机关决定不予公开。{reply}",
    "unable": "经审查，本机关无法提供您申请获取的政府信息。根据{legal_basis}的规定，特此告知。{reply}",
    "not_processed": "经审查，您的申请不属于政府信息公开申请的处理范围。"
                     "根据{legal_basis}的规定，本机关不作为政府信息公开申请处理。{reply}",
    "other": "根据{legal_basis}的规定，本机关不再处理您的政府信息公开申请。{reply}",
}


def default_template(outcome: str) -> tuple[str, str]:
    group = outcome.split(".")[0]
    title = "政府信息公开申请答复告知书"
    return title, "\n".join([_INTRO, DEFAULT_BODIES[group], _CLOSE])


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fields(app: Application) -> dict[str, str]:
    return {
        "applicant": app.applicant_name,
        "number": app.number,
        "received_on": _cn_date(app.received_on),
        "request": app.description.strip(),
        "outcome": OUTCOME_LABELS.get(app.outcome, ""),
        "legal_basis": app.legal_basis,
        "reply": app.reply_text.strip(),
        "agency": app.agency.name,
        "replied_on": _cn_date(app.replied_on) if app.replied_on else "",
        "fee": f"{app.fee_amount}元" if app.fee_amount is not None else "",
    }


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def letter(app: Application) -> tuple[str, list[str]]:
    """Title and paragraphs of the letter; the agency's name and date close it."""
    tpl = ReplyTemplate.objects.filter(outcome=app.outcome).first()
    title, body = (tpl.title, tpl.body) if tpl else default_template(app.outcome)
    # Control characters out of what was typed or stored: one would make the Word file fail to build.
    text = strip_controls(body.format_map(_Keep(fields(app))))
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    return strip_controls(title), [*paragraphs, strip_controls(app.agency.name), fields(app)["replied_on"]]


def as_docx(app: Application) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    title, paragraphs = letter(app)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = doc.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"（{app.number}）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(paragraphs):
        p = doc.add_paragraph(text)
        if i >= len(paragraphs) - 2:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_pdf(app: Application) -> bytes:
    """PDF with reportlab's built-in Song CID font: no font file to install, readable on any viewer."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK")
    title_style = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    title, paragraphs = letter(app)
    story = [Paragraph(_esc(title), title_style), Paragraph(_esc(f"（{app.number}）"), title_style), Spacer(1, 12)]
    for i, text in enumerate(paragraphs):
        story.append(Paragraph(_esc(text), right if i >= len(paragraphs) - 2 else body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title).build(story)
    return out.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
