"""The county of the figures and outputs tests: four agencies' reports of 2025 filed with the county
office (report JSON in ``Filing``), one agency without a report, the county's own aggregate report,
and applications and disclosures on the platform. Every expected figure is worked out by hand in
the tests from the numbers below.

Reports (section 三 totals; 四 as upheld/corrected/other/pending/total):
- 东湖镇 donghu: 新收40 上年结转2; 予以公开20 部分公开6 不予公开2 无法提供8 不予处理2 其他处理2 = 总计40;
  结转下年度2; 复议 3/1/0/1/5, 直接起诉 2/0/0/0/2; 行政事业性收费 1.5 万元.
- 西山镇 xishan: 新收12; 予以公开9 无法提供3 = 总计12; 复议 8/3/1/0/12, 复议后起诉 1/1/0/0/2.
- 北山镇 beishan: 新收20; 予以公开10 部分公开3 无法提供5 不予处理2 = 总计20; 复议 9/1/0/0/10.
- 县教育局 jiaoyu: 新收6; 予以公开3 部分公开1 不予公开2 = 总计6; no section 四 cells at all.
- 南山镇 nanshan: no report.
- 示范县人民政府 (the county's own aggregate): 新收80 (2 more than its members), 总计78.
Platform: 西山镇 received 10 applications in 2025 (2 answered late, 1 open past its deadline), 东湖镇 3
(1 open past its deadline, 1 answered late, 1 open not yet due) and one of 2024 (open, overdue: not
counted for 2025); 东湖镇 first published 2 proactive documents in 2025, 1 of them late (Art 26), and
西山镇 one late in 2024 (not counted).
"""

from __future__ import annotations

import datetime as dt

from gongkai.report import Cell, Report, TableData, document_json, schema
from gongkai.report.model import SectionText, Source
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, State
from gongkai.web.disclosures.models import Attribute, Document
from gongkai.web.supervision.models import Filing

from .supervision_base import SupervisionTestCase

D = dt.date
PERSONAL = ("王五", "110101199003071234", "13800000000", "示范县人民路1号")
APPEAL_COLS = ("upheld", "corrected", "other", "pending", "total")


def report_json(name: str, year: int, apps: dict, appeals: dict | None = None, fees: float | None = None) -> dict:
    """The contract JSON of a 2021-format report holding the given totals (other cells blank)."""
    report = Report(Source(f"test:{name}"), issuer=name, year=year, format="2021",
                    title=f"{name}{year}年政府信息公开工作年度报告")
    report.applications = TableData.empty(schema.APPLICATIONS_2021)
    for row, value in apps.items():
        report.applications.rows[row]["total"] = Cell(value)
    report.proactive = TableData.empty(schema.PROACTIVE_2021)
    if fees is not None:
        report.proactive.rows["fees"]["amount"] = Cell(fees)
    if appeals is not None:
        report.appeals = TableData.empty(schema.APPEALS)
        for row, values in appeals.items():
            for col, value in zip(APPEAL_COLS, values, strict=True):
                report.appeals.rows[row][col] = Cell(value)
    report.sections[1] = SectionText(1, "一、总体情况", f"{year}年，{name}认真贯彻落实条例。")
    return document_json(report)


REPORTS = {
    "donghu": ({"new": 40, "carried_in": 2, "granted": 20, "partial": 6, "denied.state_secret": 2,
                "unable.not_held": 8, "not_processed.duplicate": 2, "other.other": 2, "total": 40, "carried_out": 2},
               {"reconsideration": (3, 1, 0, 1, 5), "litigation_direct": (2, 0, 0, 0, 2)}, 1.5),
    "xishan": ({"new": 12, "granted": 9, "unable.not_held": 3, "total": 12},
               {"reconsideration": (8, 3, 1, 0, 12), "litigation_after_reconsideration": (1, 1, 0, 0, 2)}, None),
    "beishan": ({"new": 20, "granted": 10, "partial": 3, "unable.not_held": 5, "not_processed.duplicate": 2,
                 "total": 20}, {"reconsideration": (9, 1, 0, 0, 10)}, None),
    "jiaoyu": ({"new": 6, "granted": 3, "partial": 1, "denied.third_party": 2, "total": 6}, None, None),
    "shifan": ({"new": 80, "granted": 42, "partial": 10, "total": 78}, None, None),
}


class FiguresTestCase(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.beishan = Agency.objects.create(name="示范县北山镇人民政府", code="beishan", level="township",
                                            parent=cls.county)
        cls.nanshan = Agency.objects.create(name="示范县南山镇人民政府", code="nanshan", level="township",
                                            parent=cls.county)
        for code, (apps, appeals, fees) in REPORTS.items():
            agency = Agency.objects.get(code=code)
            Filing.objects.create(agency=agency, year=cls.YEAR, number=1, snapshot=report_json(
                agency.name, cls.YEAR, apps, appeals, fees))
        # A filing of the other county: never in these figures.
        Filing.objects.create(agency=cls.other_town, year=cls.YEAR, number=1, snapshot=report_json(
            cls.other_town.name, cls.YEAR, {"new": 999, "granted": 999, "total": 999}))
        cls.apps(cls.xishan, [D(2025, 3, 3 + i) for i in range(10)], late=2, overdue=1)
        cls.apps(cls.donghu, [D(2025, 6, 2), D(2025, 11, 3), D(2025, 12, 29)], late=1, overdue=1, not_due=1)
        cls.apps(cls.donghu, [D(2024, 12, 2)], overdue=1)  # 2024: not this year's
        cls.doc(cls.donghu, "DH-1", D(2025, 4, 1), late=True)
        cls.doc(cls.donghu, "DH-2", D(2025, 5, 1), late=False)
        cls.doc(cls.xishan, "XS-1", D(2024, 5, 1), late=True)

    @classmethod
    def apps(cls, agency, days, late=0, overdue=0, not_due=0):
        """Applications with personal data; the first ``late`` answered late, the next ``overdue`` open
        past their deadline (due 2025-12-01 < today 2026-01-20), the next ``not_due`` open and due
        2026-02-02, the rest answered in time."""
        user = agency.memberships.first().user if agency.memberships.exists() else cls.supervisor
        for i, day in enumerate(days):
            app = services.register(agency, user, channel="in_person", received_on=day,
                                    applicant_type="natural_person", applicant_name=PERSONAL[0],
                                    id_number=PERSONAL[1], phone=PERSONAL[2], address=PERSONAL[3],
                                    description="道路建设项目的招标文件")
            if i < late:
                fields = {"state": State.ARCHIVED, "replied_on": day + dt.timedelta(days=40), "replied_late": True}
            elif i < late + overdue:
                fields = {"due_on": D(2025, 12, 1)}
            elif i < late + overdue + not_due:
                fields = {"due_on": D(2026, 2, 2)}
            else:
                fields = {"state": State.ARCHIVED, "replied_on": day + dt.timedelta(days=10), "due_on": None}
            Application.objects.filter(pk=app.pk).update(**fields)

    @classmethod
    def doc(cls, agency, number, published, late):
        Document.objects.create(agency=agency, index_number=number, title=f"文件{number}", made_on=published,
                                attribute=Attribute.PROACTIVE, state="published", public_version=1,
                                published_on=published, first_published_on=published, published_late=late,
                                drafted_by=cls.donghu_head)
