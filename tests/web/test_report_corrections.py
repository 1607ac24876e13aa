"""Issue 14 part 7: the platform's own annual report is right when published and stays right.

The records are test_reports.py's hand-built 2025 (6 new applications, 2 carried in, 5 decided, 3 carried
out; 1 reconsideration, 1 lawsuit). Today is 2026-01-20 unless a test says otherwise: a 2025 report can
only be published once 2025 is over, and never with a date still to come.
"""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.agencies.models import AuditEntry
from gongkai.web.applications.models import Application
from gongkai.web.reports import assemble, publication
from gongkai.web.reports.models import AnnualReport, ProactiveFigures, ReportVersion

from . import test_reports
from .base import BaseTestCase

D = dt.date
FIGURES = ("rules_issued", "rules_repealed", "rules_in_force", "normative_issued", "normative_repealed",
           "normative_in_force", "licensing", "punishment", "coercion", "fees")
GOOD5, GOOD6 = "培训不足，将加强业务培训。", "本年度未收取信息处理费。无其他需要报告的事项。"


@override_settings(GONGKAI_TODAY=D(2026, 1, 20))
class CorrectionTestCase(BaseTestCase):
    setUp = test_reports.ReportTestCase.setUp

    def write(self, section1=None, section5=GOOD5, section6=GOOD6):
        ProactiveFigures.objects.update_or_create(agency=self.agency, year=2025,
                                                  defaults={"normative_issued": 2, "normative_in_force": 9})
        draft = assemble.draft_texts(assemble.assemble(self.agency, 2025))
        self.client.force_login(self.head)
        r = self.client.post(self.url("report_texts", 2025), {
            "section1": draft[1] if section1 is None else section1, "section5": section5, "section6": section6})
        self.assertEqual(r.status_code, 302)

    def publish(self, day="2026-01-20"):
        return self.client.post(self.url("report_publish", 2025), {"published_on": day})

    def refused(self, r, *words):
        self.assertEqual(r.status_code, 409)
        for word in words:
            self.assertContains(r, word, status_code=409)
        self.assertFalse(ReportVersion.objects.exists())
        self.assertEqual(AnnualReport.objects.get(agency=self.agency, year=2025).state, "draft")

    def test_it_refuses_a_narrative_figure_that_contradicts_the_tables_naming_the_sentence(self):
        # The table says 6 new applications (C D E F G I); the text says 100. A warning for a report read
        # from outside, an error for the platform's own: the sentence is quoted.
        self.write(section1="2025年，本机关认真落实条例。全年收到政府信息公开申请100件，均已按时答复。")
        r = self.publish()
        self.refused(r, "写明本年收到政府信息公开申请 100 件", "统计表中本年新收申请总计为 6 件",
                     "（见第一部分：“全年收到政府信息公开申请100件，均已按时答复。”）")
        errors = publication.refusals(publication.report_row(self.agency, 2025))
        self.assertEqual([f.cells for f in errors if f.rule == "narrative_mismatch"], [("applications.new.total",)])

    def test_it_refuses_a_missing_section(self):
        self.write(section5="")
        self.refused(self.publish(), "报告缺少第五部分“存在的主要问题及改进情况”")

    def test_it_refuses_a_left_over_placeholder_naming_the_sentence(self):
        # The generated first draft of 五 and 六 are prompts: publishing them unchanged is refused.
        draft = assemble.draft_texts(assemble.assemble(self.agency, 2025))
        self.write(section5=draft[5], section6=draft[6])
        self.refused(self.publish(), "“五、存在的主要问题及改进情况”中仍有待填写的内容",
                     "“六、其他需要报告的事项”中仍有待填写的内容“（请填写）”",
                     "（见：“本年度收取信息处理费情况：（请填写）。”）")
        self.write(section6="收费情况：XXX元。")
        self.refused(self.publish(), "待填写的内容“XXX”")

    def test_it_refuses_a_publication_date_in_the_future(self):
        self.write()
        self.refused(self.publish("2026-01-21"), "发布日期2026-01-21晚于今天（2026-01-20）")
        self.assertEqual(self.publish("2026-01-20").status_code, 302)

    def test_it_freezes_the_published_version_so_staff_see_what_the_public_sees(self):
        self.write()
        self.assertEqual(self.publish().status_code, 302)
        # A record corrected after publication (G in fact answered on 2025-12-30: 4 carried out, not 3)
        # changes neither the staff page nor the public page: both show the published 3.
        Application.objects.filter(number="T-G").update(replied_on=D(2025, 12, 30))
        staff = self.client.get(self.url("report", 2025))
        self.assertContains(staff, "已发布的报告（第1版）")
        self.assertEqual(staff.context["report"].applications.value("carried_out", "total"), 3)
        self.assertEqual(assemble.assemble(self.agency, 2025).applications.value("carried_out", "total"), 2)
        public = self.client.get(f"/zfxxgk/api/agencies/{self.agency.code}/reports/2025")
        self.assertEqual(staff.context["report"].applications.value("carried_out", "total"),
                         public.json()["report"]["applications"]["carried_out"]["total"])
        # Texts and figures are refused, also to a page left open from before.
        self.assertEqual(self.client.post(self.url("report_texts", 2025),
                                          {"section1": "x", "section5": "x", "section6": "x"}).status_code, 409)
        self.assertContains(self.client.get(self.url("report_figures", 2025)), "报告已发布，不能再修改",
                            status_code=409)
        figures = {name: 5 for name in FIGURES}
        self.assertEqual(self.client.post(self.url("report_figures", 2025), figures).status_code, 409)
        self.assertEqual(ProactiveFigures.objects.get(agency=self.agency, year=2025).normative_issued, 2)
        self.assertNotContains(staff, "编写文字部分")

    @override_settings(GONGKAI_TODAY=D(2026, 6, 3))
    def test_it_publishes_a_correction_as_a_new_version_and_the_public_sees_both(self):
        self.write()
        self.assertEqual(self.publish("2026-01-20").status_code, 302)
        report = AnnualReport.objects.get(agency=self.agency, year=2025)
        self.assertEqual(self.client.post(self.url("report_correct", 2025),
                                          {"seen": publication.seen(report)}).status_code, 302)
        report.refresh_from_db()
        self.assertEqual(report.state, "correcting")
        # G's reply date is corrected: 2025 decided 6, carried out 2. The public still has version 1.
        Application.objects.filter(number="T-G").update(replied_on=D(2025, 12, 30))
        api = f"/zfxxgk/api/agencies/{self.agency.code}/reports/2025"
        self.assertEqual(self.client.get(api).json()["report"]["applications"]["carried_out"]["total"], 3)
        self.assertEqual(self.client.get(self.url("report_texts", 2025)).status_code, 200)
        url = self.url("report_publish", 2025)
        # No reason, a date before the first publication, a date to come: refused, nothing published.
        r = self.client.post(url, {"corrected_on": "2026-01-19", "reason": " "})
        self.assertEqual(r.status_code, 400)
        r = self.client.post(url, {"corrected_on": "2026-01-19", "reason": "更正G的答复日期"})
        self.assertContains(r, "更正日期2026-01-19早于上一版的发布日期2026-01-20", status_code=409)
        r = self.client.post(url, {"corrected_on": "2026-06-04", "reason": "更正G的答复日期"})
        self.assertContains(r, "更正日期2026-06-04晚于今天", status_code=409)
        self.assertEqual(ReportVersion.objects.count(), 1)
        # On 2026-06-03, more than four months after the 31 January deadline: a correction is not "late"
        # (the report keeps its publication date 2026-01-20).
        reason = "G的答复日期应为2025-12-30，结转数更正为2件。"
        r = self.client.post(url, {"corrected_on": "2026-06-03", "reason": reason})
        self.assertEqual(r.status_code, 302)
        report.refresh_from_db()
        self.assertEqual((report.state, report.published_on), ("published", D(2026, 1, 20)))
        first, second = ReportVersion.objects.filter(report=report)
        self.assertEqual((first.number, first.corrected_on, second.number, second.corrected_on),
                         (1, None, 2, D(2026, 6, 3)))
        self.assertEqual(first.snapshot["applications"]["carried_out"]["total"], 3)
        self.assertEqual(second.snapshot["applications"]["carried_out"]["total"], 2)
        self.assertTrue(AuditEntry.objects.filter(action="report_correction", reason__contains="第2版").exists())
        # The public page: the corrected report, its reason and date, and version 1 marked superseded.
        page = self.client.get(f"/zfxxgk/{self.agency.code}/reports/2025/")
        self.assertContains(page, "本报告已于2026-06-03更正（第2版）")
        self.assertContains(page, "G的答复日期应为2025-12-30")
        self.assertContains(page, "第1版</a>\n发布日期 2026-01-20\n<strong>（已被更正）</strong>", html=False)
        old = self.client.get(f"/zfxxgk/{self.agency.code}/reports/2025/versions/1/")
        self.assertContains(old, "本版本已被更正")
        self.assertContains(old, "查看现行版本")
        self.assertEqual(self.client.get(f"/zfxxgk/{self.agency.code}/reports/2025/versions/3/").status_code, 404)
        data = self.client.get(api).json()
        self.assertEqual(data["report"]["applications"]["carried_out"]["total"], 2)
        self.assertEqual([(v["number"], v["superseded"]) for v in data["versions"]], [(1, True), (2, False)])
        # The annual-report assertions of test_reports still hold after the correction: the export is the
        # (new) published snapshot, and 2026's 上年结转 is compared with the corrected 结转 — which now agrees.
        r = self.client.get(self.url("report_export", 2025, "md"))
        self.assertIn("结转下年度继续办理", r.content.decode())
        found = assemble.findings(self.agency, 2026, assemble.assemble(self.agency, 2026))
        self.assertFalse([f for f in found if f.rule == "carry_over"])
        Application.objects.filter(number="T-G").update(replied_on=D(2026, 1, 8))  # and back: a warning again
        found = assemble.findings(self.agency, 2026, assemble.assemble(self.agency, 2026))
        self.assertTrue(all(f.severity == "warning" for f in found if f.rule == "carry_over"))
        self.assertTrue([f for f in found if f.rule == "carry_over"])

    @override_settings(GONGKAI_TODAY=D(2026, 3, 2))
    def test_it_gives_up_a_correction_and_restores_the_published_texts_and_figures(self):
        self.write()
        self.publish()
        self.client.post(self.url("report_correct", 2025))
        self.client.post(self.url("report_texts", 2025), {"section1": "改了", "section5": "改了", "section6": "改了"})
        self.client.post(self.url("report_figures", 2025), {name: 7 for name in FIGURES})
        self.assertEqual(ProactiveFigures.objects.get(agency=self.agency, year=2025).normative_issued, 7)
        self.assertEqual(self.client.post(self.url("report_correct", 2025), {"cancel": "1"}).status_code, 302)
        report = AnnualReport.objects.get(agency=self.agency, year=2025)
        self.assertEqual((report.state, report.section5), ("published", GOOD5))
        self.assertEqual(ProactiveFigures.objects.get(agency=self.agency, year=2025).normative_issued, 2)
        self.assertEqual(ReportVersion.objects.count(), 1)

    def test_it_refuses_a_correction_of_a_draft_and_a_stale_page(self):
        self.write()
        r = self.client.post(self.url("report_correct", 2025))
        self.assertContains(r, "报告尚未发布，无需更正", status_code=409)
        self.publish()
        self.assertEqual(self.client.post(self.url("report_correct", 2025), {"seen": "stale"}).status_code, 409)
        self.assertEqual(AnnualReport.objects.get(agency=self.agency, year=2025).state, "published")

    def test_it_tells_the_permission_story_of_the_correction(self):
        url = self.url("report_correct", 2025)
        self.assertIn("/login/", self.client.post(url)["Location"])
        for role, status in (("reviewer", 403), ("handler", 403), ("outsider", 404)):
            self.client.force_login(getattr(self, role))
            self.assertEqual(self.client.post(url).status_code, status, role)
        self.client.force_login(self.head)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(self.client.post(self.url("report_correct", 2020)).status_code, 404)
        # The public version page of a report never published: 404.
        self.assertEqual(self.client.get(f"/zfxxgk/{self.agency.code}/reports/2025/versions/1/").status_code, 404)

    def test_it_refuses_to_export_a_draft_with_errors_in_the_platforms_words(self):
        # The core's sentence tells a command-line user to add --allow-errors; a clerk gets her own.
        self.client.force_login(self.reviewer)
        r = self.client.get(self.url("report_export", 2025, "docx"))
        self.assertContains(r, "改正后才能生成正式文件", status_code=409)
        self.assertNotContains(r, "--allow-errors", status_code=409)
        from gongkai.report import RenderError
        from gongkai.web.reports.messages import render_problem

        problem = render_problem(RenderError("font_missing", "no font", paths="/usr/share/fonts"))
        self.assertNotIn("fonts-wqy", problem)
        self.assertIn("服务器缺少中文字体", problem)

    def test_it_tells_a_placeholder_from_an_ordinary_sentence(self):
        from gongkai.report.model import SectionText
        from gongkai.web.reports import strict

        report = assemble.assemble(self.agency, 2025)
        cases = {"收费XXX元。": "XXX", "共×××件。": "×××", "【待补充】": "【待补充】", "共____件。": "____",
                 "详见www.xxgk.gov.cn。": None, "相关制度有待补充完善。": None, "申请人请填写申请表。": None}
        for text, found in cases.items():
            report.sections[6] = SectionText(6, "六、其他需要报告的事项", text)
            got = strict.placeholders(report)
            with self.subTest(text):
                self.assertEqual([f"待填写的内容“{found}”" in f.message for f in got], [True] if found else [])
