"""Annual reports made by hand for the supervision evidence tests: every figure chosen, so that the
findings the tests expect can be worked out from these numbers alone.

``report(issuer, year, new, carried_in, carried_out, text)``: section 三 with applications of natural
persons only (总计 column the same), all received ones granted, so 一 + 二 = 七 + 四 holds:
granted = new + carried_in − carried_out. Section 二 and 四 all zero.
"""

from __future__ import annotations

import datetime as dt

from gongkai.report import document_json, schema
from gongkai.report.model import Cell, Report, SectionText, Source, TableData
from gongkai.web.reports.models import AnnualReport, ReportVersion

PART = "natural_person"


def report(issuer: str, year: int, new: int, carried_in: int, carried_out: int, text: str,
           published_on: dt.date | None = None) -> Report:
    r = Report(Source(f"test:{issuer}/{year}", kind="platform"), issuer=issuer, year=year, format="2021",
               title=f"{issuer}{year}年政府信息公开工作年度报告", published_on=published_on)
    tables = {}
    for spec in schema.FORMATS["2021"].tables:
        t = TableData.empty(spec)
        for row in spec.rows:
            for col in row.columns:
                t.rows[row.key][col.key] = Cell(0)
        tables[spec.key] = t
    apps = tables["applications"]
    granted = new + carried_in - carried_out
    for row, value in (("new", new), ("carried_in", carried_in), ("granted", granted), ("total", granted),
                       ("carried_out", carried_out)):
        apps.rows[row][PART] = Cell(value)
        apps.rows[row]["total"] = Cell(value)
    r.proactive, r.applications, r.appeals = tables["proactive"], apps, tables["appeals"]
    bodies = {1: text, 2: "本年度主动公开政府信息情况见下表。", 3: "本年度收到和处理政府信息公开申请情况见下表。",
              4: "本年度政府信息公开行政复议、行政诉讼情况见下表。",
              5: "本年度工作存在的问题是宣传不够，改进措施是加强培训。",
              6: "本年度未收取信息处理费。"}
    for spec in schema.SECTIONS:
        r.sections[spec.number] = SectionText(spec.number, spec.label, bodies[spec.number])
    return r


def publish(agency, rep: Report, published_on: dt.date) -> ReportVersion:
    """The report published on the platform (a new version when one exists), as publication.py keeps it."""
    rep.published_on = published_on
    snapshot = document_json(rep)
    row, _ = AnnualReport.objects.get_or_create(agency=agency, year=rep.year)
    row.state, row.published_on, row.snapshot = AnnualReport.State.PUBLISHED, published_on, snapshot
    row.save()
    number = row.versions.count() + 1
    return ReportVersion.objects.create(report=row, number=number, published_on=published_on, snapshot=snapshot)
