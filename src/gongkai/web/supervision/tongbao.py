"""The 通报 on a year's annual reports: a draft worded from the figures and the confirmed findings,
edited by the office, then generated as a Word document laid out as a 公文.

Why the draft is generated and then editable: every number in it must come from the data (a clerk
who retypes 公开率 from the page is how a 通报 comes to disagree with its own table), but the wording
is the office's and is always revised before it is issued. The figures table at the end is never
editable: it is the page's own numbers. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django import forms
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from gongkai.report.render.docx import set_fonts

from . import board as B
from . import messages_figures as M
from .figures import CountyFigures

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
FIELDS = ("number", "title", "addressee", "overview", "problems", "next_steps", "issuer", "date")


def count(value) -> str:
    """A count or amount as the text states it (a blank figure, which no report filled: —)."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def percent(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Roster:
    """How the expected agencies below the county stand, from the board's states: published (on the
    platform or elsewhere), filed with the office but not published (已报送 / 退回整改 / 已备案), and
    neither (未起草 / 草稿, also when 逾期 or 缺报). An agency that has only filed has no published
    report yet: counting it as 已有报告 overstated the year."""

    expected: int
    published: int
    filed: int
    unfiled: tuple[str, ...]  # names, in the board's order


def roster(rows: list, county) -> Roster:
    members = [r for r in rows if r.status is not None and r.agency.pk != county.pk]
    published = [r for r in members if r.status.state == B.PUBLISHED]
    filed = [r for r in members if r.status.state != B.PUBLISHED and r.status.stage in B.FILED]
    unfiled = [r for r in members if r.status.state != B.PUBLISHED and r.status.stage not in B.FILED]
    return Roster(len(members), len(published), len(filed), tuple(r.agency.name for r in unfiled))


def overview(figures: CountyFigures, standing: Roster) -> str:
    s, p = figures.sums, figures.platform
    names = "、".join(standing.unfiled)
    missing = M.TONGBAO_MISSING.format(names=names) if names else ""
    return M.TONGBAO_OVERVIEW.format(
        year=figures.year, expected=standing.expected, published=standing.published, filed=standing.filed,
        unfiled=len(standing.unfiled), missing=missing,
        new=count(s["new"]), carried_in=count(s["carried_in"]), total=count(s["total"]), granted=count(s["granted"]),
        partial=count(s["partial"]), disclosed_rate=percent(figures.shares["disclosed_rate"]),
        reconsideration=count(s["reconsideration"]), rec_corrected=count(s["rec_corrected"]),
        litigation=count(s["litigation"]), lit_corrected=count(s["lit_corrected"]),
        overdue_open=p["overdue_open"], answered_late=p["answered_late"], late_disclosures=p["late_disclosures"])


def deadline_problems(rows: list, county) -> str:
    """The members that missed a deadline, by the board's states and marks, in the board's order: filed
    late (逾期报送), published late (逾期发布), past a deadline and not filed (逾期未报送) or filed but not
    published (逾期未发布), nothing at all after the last deadline (缺报). Empty when none did."""
    groups: dict[str, list[str]] = {key: [] for key in M.TONGBAO_DEADLINE_KINDS}
    for r in rows:
        if r.status is None or r.agency.pk == county.pk:
            continue
        st = r.status
        if st.late_filing:
            groups["late_filing"].append(r.agency.name)
        if st.state == B.PUBLISHED and st.late_publication:
            groups["late_publication"].append(r.agency.name)
        elif st.state == B.OVERDUE:
            groups["not_published" if st.stage in B.FILED else "not_filed"].append(r.agency.name)
        elif st.state == B.MISSING:
            groups["missing"].append(r.agency.name)
    parts = [f"{label}：{'、'.join(groups[key])}" for key, label in M.TONGBAO_DEADLINE_KINDS.items() if groups[key]]
    return M.TONGBAO_DEADLINES.format(parts="；".join(parts)) if parts else ""


def problems(items: list, rows: list = (), county=None) -> str:
    """The deadlines missed (``deadline_problems`` of the board's ``rows``), then one paragraph per agency
    with its CONFIRMED findings (dismissed and undecided ones are not the office's findings yet), in the
    order ``findings.collect`` gives (most severe first)."""
    deadlines = deadline_problems(rows, county) if county is not None else ""
    found = _confirmed(items)
    if not deadlines and not found:
        return M.TONGBAO_PROBLEMS_NONE
    return "\n".join(text for text in (deadlines, found) if text)


def _confirmed(items: list) -> str:
    by_agency: dict[int, tuple] = {}
    for item in items:
        if item.decision is None or item.decision.decision != "confirmed":
            continue
        texts = by_agency.setdefault(item.agency.pk, (item.agency, []))[1]
        text = item.message.rstrip("。；;. ")
        if item.decision.comment.strip():
            text += f"（{item.decision.comment.strip().rstrip('。')}）"
        texts.append(text)
    if not by_agency:
        return ""
    return "\n".join(M.TONGBAO_PROBLEM_AGENCY.format(agency=agency.name, items="；".join(texts))
                     for agency, texts in sorted(by_agency.values(), key=lambda v: v[0].code))


def draft(figures: CountyFigures, items: list, on: dt.date, rows: list) -> dict[str, str]:
    """The initial values of the form: the wording generated from the data (``rows``: the board's)."""
    return {"number": "", "title": M.TONGBAO_TITLE.format(year=figures.year), "addressee": M.TONGBAO_ADDRESSEE,
            "overview": overview(figures, roster(rows, figures.county)),
            "problems": problems(items, rows, figures.county), "next_steps": M.TONGBAO_NEXT,
            "issuer": M.TONGBAO_ISSUER.format(county=figures.county.name), "date": chinese_date(on)}


class TongbaoForm(forms.Form):
    number = forms.CharField(label=M.TONGBAO_FIELDS["number"], max_length=60, required=False)
    title = forms.CharField(label=M.TONGBAO_FIELDS["title"], max_length=120)
    addressee = forms.CharField(label=M.TONGBAO_FIELDS["addressee"], max_length=200)
    overview = forms.CharField(label=M.TONGBAO_FIELDS["overview"], widget=forms.Textarea(attrs={"rows": 8}),
                               max_length=20000)
    problems = forms.CharField(label=M.TONGBAO_FIELDS["problems"], widget=forms.Textarea(attrs={"rows": 10}),
                               max_length=50000)
    next_steps = forms.CharField(label=M.TONGBAO_FIELDS["next_steps"], widget=forms.Textarea(attrs={"rows": 6}),
                                 max_length=20000)
    issuer = forms.CharField(label=M.TONGBAO_FIELDS["issuer"], max_length=100)
    date = forms.CharField(label=M.TONGBAO_FIELDS["date"], max_length=30)


def table_rows(figures: CountyFigures) -> list[list[str]]:
    """The figures table: one row per member agency, the members' sum and the county's own line (the
    page's numbers)."""
    def row(name, sums, shares, platform):
        return [name, count(sums["new"]), count(sums["total"]), percent(shares["disclosed_rate"]),
                count(sums["reconsideration"]), count(sums["litigation"]), str(platform["overdue_open"]),
                str(platform["answered_late"])]
    rows = [row(m.agency.name, m.sums, m.shares, m.platform) for m in figures.members]
    members_platform = {k: sum(m.platform[k] for m in figures.members) for k in ("overdue_open", "answered_late")}
    rows.append(row(M.COUNTY_SUM, figures.sums, figures.shares, members_platform))
    # The county's own line: its report (not in the sum) and its own cases, which 总体情况 counts too.
    own = figures.own
    rows.append(row(f"{figures.county.name}（{M.COUNTY_OWN}）", own.sums, own.shares, own.platform))
    return rows


def as_docx(text: dict[str, str], figures: CountyFigures) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)  # 三号
    set_fonts(normal.element, BODY_FONT)
    if text.get("number"):
        _centered(doc, text["number"], BODY_FONT, 16)
    _centered(doc, text["title"], TITLE_FONT, 22)  # 二号
    doc.add_paragraph(text["addressee"]).paragraph_format.line_spacing = Pt(28)
    for heading, body in ((M.TONGBAO_H_OVERVIEW, text["overview"]), (M.TONGBAO_H_PROBLEMS, text["problems"]),
                          (M.TONGBAO_H_NEXT, text["next_steps"])):
        _heading(doc, heading)
        for line in body.splitlines():
            if line.strip():
                p = doc.add_paragraph(line.strip())
                p.paragraph_format.first_line_indent = Pt(32)
                p.paragraph_format.line_spacing = Pt(28)
    doc.add_paragraph()
    _right(doc, text["issuer"])
    _right(doc, text["date"])
    doc.add_page_break()
    _heading(doc, M.TONGBAO_TABLE)
    rows = table_rows(figures)
    table = doc.add_table(rows=1, cols=len(M.TONGBAO_TABLE_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, M.TONGBAO_TABLE_HEADER, strict=True):
        _cell(cell, label, bold=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell(cell, value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cell(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.font.size, run.font.bold = Pt(10.5), bold
    set_fonts(run._element, HEADING_FONT if bold else BODY_FONT)


def _centered(doc, text: str, font: str, size: int) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    run = p.add_run(text)
    run.font.size = Pt(size)
    set_fonts(run._element, font)


def _heading(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.line_spacing = Pt(28)
    run = p.add_run(text)
    run.font.size = Pt(16)
    set_fonts(run._element, HEADING_FONT)


def _right(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(0)
