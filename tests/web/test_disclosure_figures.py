"""A year of proactive disclosure counted from the records into section 一 and the section 二 form.

The year is built by hand below; every expected number is counted from that list, not from the code.
"""

from __future__ import annotations

import datetime as dt

from gongkai.report.validate.narrative import read_statements
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.figures import year_figures
from gongkai.web.disclosures.models import Category

from .base import BaseTestCase


class YearFiguresTestCase(BaseTestCase):
    def publish(self, title, category, made_on, on, kind="other", **fields):
        doc = workflow.create(self.agency, self.editor, title=title, made_on=made_on, category=category,
                              kind=kind, **fields)
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head, on=on)

    def setUp(self):
        self.rules = Category.objects.create(agency=self.agency, name="法规文件", order=1)
        self.law = Category.objects.create(agency=self.agency, name="行政执法", order=2)
        d = dt.date
        # 2025: two normative documents (one website + 公开栏), one punishment decision, one licensing decision
        # published late (made 2025-03-03; the 20th working day after it is 2025-03-31), one rule.
        self.n1 = self.publish("示范县农村人居环境整治办法", self.rules, d(2025, 2, 10), d(2025, 2, 12),
                               "normative", on_board=True)
        self.n2 = self.publish("示范县公共租赁住房管理办法", self.rules, d(2025, 5, 6), d(2025, 5, 8), "normative")
        self.rule = self.publish("示范县规章（示例）", self.rules, d(2025, 6, 3), d(2025, 6, 4), "rule")
        self.p1 = self.publish("行政处罚决定书（示执罚〔2025〕12号）", self.law, d(2025, 7, 1), d(2025, 7, 2),
                               "punishment", on_website=False, on_new_media=True)
        self.l1 = self.publish("行政许可决定书（示许〔2025〕5号）", self.law, d(2025, 3, 3), d(2025, 4, 1), "licensing")
        # 2024: one normative document, repealed in 2025; it counts as in force at the end of 2024 only.
        self.old = self.publish("示范县旧管理办法", self.rules, d(2024, 5, 6), d(2024, 5, 7), "normative")
        workflow.withdraw(self.old, self.head, "已被新办法替代", repealed=True, on=d(2025, 5, 8))
        # A revision of n2 published again in 2025 does not count twice.
        n2 = workflow.edit(self.n2, self.editor, "更正附件", body="新的正文")
        workflow.submit(n2, self.editor)
        workflow.approve(n2, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(n2, self.reviewer)
        workflow.approve(n2, self.head, on=d(2025, 6, 1))

    def test_it_counts_the_year_by_category_and_channel(self):
        f = year_figures(self.agency, 2025)
        # n1, n2, rule, p1, l1 first published in 2025 (the revision of n2 is not new): 5.
        self.assertEqual(f.published, 5)
        self.assertEqual(f.by_category, [("法规文件", 3), ("行政执法", 2)])
        self.assertEqual((f.website, f.new_media, f.board), (4, 1, 1))
        self.assertEqual(f.late, 1)
        self.assertEqual(f.withdrawn, 1)

    def test_it_prefills_the_article_20_figures(self):
        self.assertEqual(year_figures(self.agency, 2025).article20, {
            "rules_issued": 1, "rules_repealed": 0, "rules_in_force": 1,
            "normative_issued": 2, "normative_repealed": 1, "normative_in_force": 2,
            "licensing": 1, "punishment": 1, "coercion": 0,
        })
        self.assertEqual(year_figures(self.agency, 2024).article20["normative_in_force"], 1)

    def test_its_sentence_adds_up_for_the_narrative_rule(self):
        sentence = year_figures(self.agency, 2025).sentence()
        self.assertIn("主动公开政府信息5条，其中，法规文件3条、行政执法2条。", sentence)
        said = read_statements(sentence)
        self.assertEqual((said.proactive_total, said.proactive_parts_sum), (5, 5))

    def test_the_report_draft_and_the_figures_form_use_them(self):
        self.client.force_login(self.head)
        page = self.client.get(self.url("report_texts", 2025)).content.decode()
        self.assertIn("主动公开政府信息5条", page)
        form = self.client.get(self.url("report_figures", 2025)).content.decode()
        self.assertIn("预填", form)
        self.assertIn('name="normative_issued" value="2"', form)

    def test_a_revision_under_review_changes_nothing_until_it_is_signed_off(self):
        # p1 (行政执法, 政务新媒体 only, a punishment decision) revised as a normative document under 法规文件 on
        # the website: while the revision waits for 审发, the year still counts p1 as signed off.
        revised = workflow.edit(self.p1, self.editor, "调整分类", kind="normative", category=self.rules,
                                on_website=True, on_new_media=False)
        workflow.submit(revised, self.editor)
        workflow.approve(revised, self.first_reviewer, secrecy_cleared=True)
        revised = workflow.approve(revised, self.reviewer)  # now waiting for the head
        f = year_figures(self.agency, 2025)
        self.assertEqual(f.by_category, [("法规文件", 3), ("行政执法", 2)])
        self.assertEqual((f.website, f.new_media, f.board), (4, 1, 1))
        self.assertEqual((f.article20["punishment"], f.article20["normative_issued"]), (1, 2))
        workflow.approve(revised, self.head, on=dt.date(2025, 8, 1))
        f = year_figures(self.agency, 2025)
        # Signed off: p1 is now a 法规文件 normative document on the website (first published 2025-07-02 still).
        self.assertEqual(f.by_category, [("法规文件", 4), ("行政执法", 1)])
        self.assertEqual((f.website, f.new_media, f.board), (5, 0, 1))
        self.assertEqual((f.article20["punishment"], f.article20["normative_issued"]), (0, 3))
