"""Sections 二, 三 and 四 of an agency's annual report computed from its records.

Section 三 counts, per applicant column (FORMATS.md):
- 一 new: applications received in the year;
- 二 carried in: received before the year and not answered before it;
- outcome rows: applications answered in the year (whenever received), by their one outcome;
- 四 carried out: received by the year's end and not answered by then.
So 一 + 二 = （七）总计 + 四 holds by construction, and this year's 四 is next year's 二.
Section 四 counts the cases filed in the year, with the result known at the year's end (a case
decided later is 尚未审结) — an interpretation: the form does not say which cases belong to a year.
Everything is a handful of GROUP BY queries, so a county with 100,000 records assembles in moments.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Q

from gongkai.report import Finding, Report, TableData, schema, validate
from gongkai.report.model import Cell, SectionText, Source

from ..agencies.models import Agency
from ..appeals.models import Appeal
from ..applications.models import Application
from ..applications.outcomes import OUTCOME_KEYS
from ..disclosures.figures import YearFigures
from .models import AnnualReport, ProactiveFigures
from .strict import strict

COLUMNS = schema.APPLICANT_PARTS
FIRST_YEAR = 2021  # the platform writes the 2021 format only


class YearNotSupported(ValueError):
    pass


def _fill(table: TableData, row: str, counts: Counter) -> None:
    for col in COLUMNS:
        table.rows[row][col] = Cell(counts.get(col, 0))
    table.rows[row]["total"] = Cell(sum(counts.get(col, 0) for col in COLUMNS))


def _by_type(qs) -> Counter:
    return Counter({r["applicant_type"]: r["n"] for r in qs.values("applicant_type").annotate(n=Count("id"))})


def applications_table(agency: Agency, year: int) -> TableData:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    apps = Application.objects.filter(agency=agency)
    table = TableData.empty(schema.APPLICATIONS_2021)
    _fill(table, "new", _by_type(apps.filter(received_on__range=(start, end))))
    _fill(table, "carried_in", _by_type(
        apps.filter(received_on__lt=start).filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))))
    decided: dict[str, Counter] = {key: Counter() for key in OUTCOME_KEYS}
    rows = (apps.filter(replied_on__range=(start, end), received_on__lte=end)
            .values("outcome", "applicant_type").annotate(n=Count("id")))
    for r in rows:
        decided[r["outcome"]][r["applicant_type"]] += r["n"]
    for key in OUTCOME_KEYS:
        _fill(table, key, decided[key])
    _fill(table, "total", sum(decided.values(), Counter()))
    _fill(table, "carried_out", _by_type(
        apps.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end))))
    return table


def appeals_table(agency: Agency, year: int) -> TableData:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = TableData.empty(schema.APPEALS)
    counts: Counter = Counter()
    cases = Appeal.objects.filter(application__agency=agency, filed_on__range=(start, end))
    for kind, result, decided_on in cases.values_list("kind", "result", "decided_on"):
        known = result if decided_on is not None and decided_on <= end else Appeal.Result.PENDING
        counts[kind, known] += 1
    for row in table.rows:
        for col in schema.APPEAL_PARTS:
            table.rows[row][col] = Cell(counts[row, col])
        table.rows[row]["total"] = Cell(sum(counts[row, col] for col in schema.APPEAL_PARTS))
    return table


_PROACTIVE = {
    ("rules", "issued"): "rules_issued", ("rules", "repealed"): "rules_repealed",
    ("rules", "in_force"): "rules_in_force",
    ("normative_documents", "issued"): "normative_issued", ("normative_documents", "repealed"): "normative_repealed",
    ("normative_documents", "in_force"): "normative_in_force",
    ("licensing", "decisions"): "licensing", ("punishment", "decisions"): "punishment",
    ("coercion", "decisions"): "coercion", ("fees", "amount"): "fees",
}


def proactive_table(agency: Agency, year: int) -> TableData:
    """Blank cells (a ``missing_cell`` error) until staff have entered the year's figures."""
    table = TableData.empty(schema.PROACTIVE_2021)
    figures = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    if figures is not None:
        for (row, col), name in _PROACTIVE.items():
            value = getattr(figures, name)
            table.rows[row][col] = Cell(float(value) if col == "amount" else value)
    return table


SECTION_TEXT = {2: "本年度主动公开政府信息情况见下表。", 3: "本年度收到和处理政府信息公开申请情况见下表。",
                4: "本年度政府信息公开行政复议、行政诉讼情况见下表。"}


def assemble(agency: Agency, year: int, texts: AnnualReport | None = None) -> Report:
    if year < FIRST_YEAR:
        raise YearNotSupported(f"{year}年度报告应使用2019年格式，本平台自{FIRST_YEAR}年度起生成报告。")
    texts = texts or AnnualReport.objects.filter(agency=agency, year=year).first()
    report = Report(Source(f"gongkai:{agency.code}/{year}", kind="platform"), issuer=agency.name, year=year,
                    format="2021", title=f"{agency.name}{year}年政府信息公开工作年度报告")
    report.proactive = proactive_table(agency, year)
    report.applications = applications_table(agency, year)
    report.appeals = appeals_table(agency, year)
    written = {1: texts.section1 if texts else "", 5: texts.section5 if texts else "",
               6: texts.section6 if texts else ""}
    for spec in schema.SECTIONS:
        text = SECTION_TEXT.get(spec.number) or written[spec.number]
        if text.strip():
            report.sections[spec.number] = SectionText(spec.number, spec.label, text)
    if texts and texts.published_on:
        report.published_on = texts.published_on
    return report


def draft_texts(report: Report, disclosed: YearFigures | None = None) -> dict[int, str]:
    """A first draft of sections 一, 五, 六 stating the figures exactly as the tables and records give them."""
    a, p, ap = report.applications, report.proactive, report.appeals
    v = lambda row: int(a.value(row, "total") or 0)  # noqa: E731
    granted, partial = v("granted"), v("partial")
    recon = int(ap.value("reconsideration", "total") or 0)
    lit = sum(int(ap.value(g, "total") or 0) for g in ("litigation_direct", "litigation_after_reconsideration"))
    issued = int(p.value("normative_documents", "issued") or 0)
    one = (
        f"{report.year}年，{report.issuer}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"全年制发行政规范性文件{issued}件。"
        f"全年收到政府信息公开申请{v('new')}件，上年结转{v('carried_in')}件，"
        f"本年度办结{v('total')}件，其中予以公开{granted}件、部分公开{partial}件，"
        f"结转下年度继续办理{v('carried_out')}件。"
        f"因政府信息公开工作被申请行政复议{recon}件，被提起行政诉讼{lit}件。"
    )
    if disclosed is not None:
        one += disclosed.sentence()
    five = "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）"
    six = f"本年度收取信息处理费情况：（请填写）。{report.issuer}无其他需要报告的事项。"
    return {1: one, 5: five, 6: six}


def carry_over_findings(agency: Agency, year: int, report: Report) -> list[Finding]:
    """This year's 二 against last year's published 四 (the records may have been corrected since)."""
    last = AnnualReport.objects.filter(agency=agency, year=year - 1, state=AnnualReport.State.PUBLISHED).first()
    if last is None or not last.snapshot:
        return []
    published = (last.snapshot.get("applications") or {}).get("carried_out") or {}
    out = []
    for col in (*COLUMNS, "total"):
        now = report.applications.value("carried_in", col)
        if published.get(col) is not None and published.get(col) != now:
            out.append(Finding("carry_over", "warning",
                               f"本年“上年结转”（{col}）为{now}，与{year - 1}年度已发布报告的“结转下年度继续办理”"
                               f"{published.get(col)}不一致，请核对此后更正的办理记录。",
                               (report.applications.path("carried_in", col),)))
    return out


def findings(agency: Agency, year: int, report: Report) -> list[Finding]:
    """The core's findings graded as the platform's own report requires (strict.py), and the carry-over."""
    return [*strict(report, validate(report)), *carry_over_findings(agency, year, report)]


def figures_of(snapshot: dict) -> dict:
    """The Article 20 figures a published snapshot holds, as ProactiveFigures fields (blank ones left out)."""
    table = snapshot.get("proactive") or {}
    out = {}
    for (row, col), name in _PROACTIVE.items():
        value = (table.get(row) or {}).get(col)
        if value is not None:
            out[name] = value
    return out
