"""The annual report computed from a small hand-built year, and 结转 → 上年结转 across two years.

The 2025 records (received → answered, outcome):
  A natural_person  2024-12-20 → 2025-01-10 granted          carried in, decided in 2025
  B commercial      2024-11-05 → 2024-12-01 denied.third_party  all in 2024: not in the 2025 report
  C natural_person  2025-02-03 → 2025-02-20 partial
  D natural_person  2025-05-06 → 2025-05-30 unable.not_held
  E research        2025-06-03 → 2025-06-25 granted
  F legal_service   2025-12-15 → (open)                       carried out
  G other_org       2025-12-19 → 2026-01-08 not_processed.duplicate   carried out, decided in 2026
  H natural_person  2024-12-27 → 2026-01-05 granted           carried in and carried out
  I social_welfare  2025-03-03 → 2025-03-20 other.no_supplement

Section 三 for 2025 by hand (columns np, commercial, research, social_welfare, legal_service, other_org, total):
  一 new            C D | - | E | I | F | G          -> 2, 0, 1, 1, 1, 1, 6
  二 carried in     A H                               -> 2, 0, 0, 0, 0, 0, 2
  granted           A | E                             -> 1, 0, 1, 0, 0, 0, 2
  partial           C                                 -> 1, 0, 0, 0, 0, 0, 1
  unable.not_held   D                                 -> 1, 0, 0, 0, 0, 0, 1
  other.no_supplement I                               -> 0, 0, 0, 1, 0, 0, 1
  （七）总计         A C D | E | I                      -> 3, 0, 1, 1, 0, 0, 5
  四 carried out    H | F | G                         -> 1, 0, 0, 0, 1, 1, 3
  balance per column: np 2+2 = 3+1; research 1 = 1; social_welfare 1 = 1; legal_service 1 = 0+1;
  other_org 1 = 0+1; total 6+2 = 5+3.
Section 四 for 2025: reconsideration on D filed 2025-06-10, upheld 2025-08-01 -> 维持 1; direct suit on E filed
2025-11-03, corrected 2026-02-01 (after the year) -> 尚未审结 1; reconsideration on B filed 2024-12-20 -> not 2025.
In 2026: 二 carried in = 2025's 四 (H, F, G); G and H are decided in 2026.
"""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.appeals.models import Appeal
from gongkai.web.applications.models import Application
from gongkai.web.reports import assemble
from gongkai.web.reports.models import AnnualReport, ProactiveFigures

from .base import BaseTestCase

D = dt.date
COLS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
RECORDS = {
    "A": ("natural_person", D(2024, 12, 20), D(2025, 1, 10), "granted"),
    "B": ("commercial", D(2024, 11, 5), D(2024, 12, 1), "denied.third_party"),
    "C": ("natural_person", D(2025, 2, 3), D(2025, 2, 20), "partial"),
    "D": ("natural_person", D(2025, 5, 6), D(2025, 5, 30), "unable.not_held"),
    "E": ("research", D(2025, 6, 3), D(2025, 6, 25), "granted"),
    "F": ("legal_service", D(2025, 12, 15), None, ""),
    "G": ("other_org", D(2025, 12, 19), D(2026, 1, 8), "not_processed.duplicate"),
    "H": ("natural_person", D(2024, 12, 27), D(2026, 1, 5), "granted"),
    "I": ("social_welfare", D(2025, 3, 3), D(2025, 3, 20), "other.no_supplement"),
}


class ReportTestCase(BaseTestCase):
    def setUp(self):
        self.apps = {}
        for key, (kind, received, replied, outcome) in RECORDS.items():
            self.apps[key] = Application.objects.create(
                agency=self.agency, number=f"T-{key}", channel="online", received_on=received, applicant_type=kind,
                applicant_name="某", description="x", state="archived" if replied else "processing",
                replied_on=replied, outcome=outcome)
        Appeal.objects.create(application=self.apps["D"], kind="reconsideration", filed_on=D(2025, 6, 10),
                              body="示范市人民政府", result="upheld", decided_on=D(2025, 8, 1))
        Appeal.objects.create(application=self.apps["E"], kind="litigation_direct", filed_on=D(2025, 11, 3),
                              body="示范县人民法院", result="corrected", decided_on=D(2026, 2, 1))
        Appeal.objects.create(application=self.apps["B"], kind="reconsideration", filed_on=D(2024, 12, 20),
                              body="示范市人民政府", result="upheld", decided_on=D(2025, 2, 1))

    def row(self, report, key):
        return tuple(report.applications.value(key, c) for c in COLS)

    def test_it_computes_sections_three_and_four_from_the_records(self):
        r = assemble.assemble(self.agency, 2025)
        self.assertEqual(self.row(r, "new"), (2, 0, 1, 1, 1, 1, 6))
        self.assertEqual(self.row(r, "carried_in"), (2, 0, 0, 0, 0, 0, 2))
        self.assertEqual(self.row(r, "granted"), (1, 0, 1, 0, 0, 0, 2))
        self.assertEqual(self.row(r, "partial"), (1, 0, 0, 0, 0, 0, 1))
        self.assertEqual(self.row(r, "unable.not_held"), (1, 0, 0, 0, 0, 0, 1))
        self.assertEqual(self.row(r, "other.no_supplement"), (0, 0, 0, 1, 0, 0, 1))
        self.assertEqual(self.row(r, "denied.third_party"), (0,) * 7)
        self.assertEqual(self.row(r, "total"), (3, 0, 1, 1, 0, 0, 5))
        self.assertEqual(self.row(r, "carried_out"), (1, 0, 0, 0, 1, 1, 3))
        appeals = {g: tuple(r.appeals.value(g, c) for c in ("upheld", "corrected", "other", "pending", "total"))
                   for g in r.appeals.rows}
        self.assertEqual(appeals, {"reconsideration": (1, 0, 0, 0, 1), "litigation_direct": (0, 0, 0, 1, 1),
                                   "litigation_after_reconsideration": (0, 0, 0, 0, 0)})
        rules = {f.rule for f in assemble.findings(self.agency, 2025, r) if f.severity == "error"}
        self.assertNotIn("balance", rules)
        self.assertNotIn("outcome_total", rules)
        self.assertIn("missing_cell", rules)  # section 二 figures not entered yet

    def test_it_carries_this_years_open_applications_into_next_year(self):
        y2025, y2026 = assemble.assemble(self.agency, 2025), assemble.assemble(self.agency, 2026)
        self.assertEqual(self.row(y2026, "carried_in"), self.row(y2025, "carried_out"))
        self.assertEqual(self.row(y2026, "carried_in"), (1, 0, 0, 0, 1, 1, 3))
        self.assertEqual(self.row(y2026, "granted"), (1, 0, 0, 0, 0, 0, 1))  # H
        self.assertEqual(self.row(y2026, "not_processed.duplicate"), (0, 0, 0, 0, 0, 1, 1))  # G
        self.assertEqual(self.row(y2026, "carried_out"), (0, 0, 0, 0, 1, 0, 1))  # F still open

    @override_settings(GONGKAI_TODAY=D(2026, 1, 20))  # publishing on 2026-01-20 needs that day to have come
    def test_it_refuses_to_publish_with_errors_then_publishes_and_freezes_the_figures(self):
        self.client.force_login(self.head)
        url = self.url("report_publish", 2025)
        r = self.client.post(url, {"published_on": "2026-01-20"})
        self.assertEqual(r.status_code, 409)
        self.assertContains(r, "未通过检查", status_code=409)
        ProactiveFigures.objects.create(agency=self.agency, year=2025, normative_issued=2, normative_in_force=9)
        r = self.client.get(self.url("report_texts", 2025))
        self.assertContains(r, "全年收到政府信息公开申请6件")  # the generated first draft
        draft = assemble.draft_texts(assemble.assemble(self.agency, 2025))
        self.client.post(self.url("report_texts", 2025),
                         {"section1": draft[1], "section5": "培训不足，将加强。", "section6": "无。"})
        r = self.client.post(url, {"published_on": "2026-01-20"})
        self.assertEqual(r.status_code, 302)
        report = AnnualReport.objects.get(agency=self.agency, year=2025)
        self.assertEqual(report.state, "published")
        self.assertEqual(report.snapshot["applications"]["carried_out"]["total"], 3)
        self.assertEqual(self.client.post(url, {"published_on": "2026-01-21"}).status_code, 400)
        # Export renders the published snapshot through the report core's renderers.
        r = self.client.get(self.url("report_export", 2025, "md"))
        self.assertEqual(r.status_code, 200)
        self.assertIn("结转下年度继续办理", r.content.decode())
        # A correction after publication: G was in fact answered in 2025. 2026's 上年结转 now differs from
        # the published 结转: a carry_over warning, not a silent change.
        Application.objects.filter(number="T-G").update(replied_on=D(2025, 12, 30))
        found = assemble.findings(self.agency, 2026, assemble.assemble(self.agency, 2026))
        carry = [f for f in found if f.rule == "carry_over"]
        self.assertTrue(carry)
        self.assertTrue(all(f.severity == "warning" for f in carry))

    def test_it_shows_the_report_with_its_findings(self):
        self.client.force_login(self.reviewer)
        r = self.client.get(self.url("report", 2025))
        self.assertContains(r, "结转下年度继续办理")
        self.assertContains(r, "[错误]")

    def test_it_refuses_years_before_the_2021_format(self):
        self.client.force_login(self.reviewer)
        self.assertEqual(self.client.get(self.url("report", 2020)).status_code, 404)
