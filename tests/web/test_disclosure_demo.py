"""The demo documents of one agency: made through the workflow, one in every state the demo promises."""

from __future__ import annotations

import random

from gongkai.web.agencies.models import AuditEntry
from gongkai.web.disclosures import search
from gongkai.web.disclosures.demo import seed_documents
from gongkai.web.disclosures.models import Document, Review

from .base import BaseTestCase


class DisclosureDemoTestCase(BaseTestCase):
    def users(self) -> dict:
        return {role: getattr(self, role) for role in ("editor", "first_reviewer", "reviewer", "head")}

    def seed(self, seed: int = 7) -> list[Document]:
        return seed_documents(self.agency, self.users(), random.Random(seed), 2025)

    def test_it_seeds_documents_in_every_state_through_the_workflow(self):
        made = self.seed()
        self.assertEqual(len(made), 18)
        self.assertEqual(list(self.agency.categories.values_list("name", flat=True)),
                         ["机构职能", "法规文件", "规划计划", "财政信息", "行政执法", "其他"])
        docs = Document.objects.filter(agency=self.agency)
        states = {state: docs.filter(state=state).count() for state in
                  ("published", "withdrawn", "draft", "first_review", "review", "sign_off", "recorded")}
        # 10 published (one of them revised, one late); the repealed one; the sent-back one and one never
        # submitted; one each waiting for 初审, 审核 and 审发; two recorded without publication.
        self.assertEqual(states, {"published": 10, "withdrawn": 1, "draft": 2, "first_review": 1, "review": 1,
                                  "sign_off": 1, "recorded": 2})
        self.assertEqual(list(docs.filter(published_late=True).values_list("title", flat=True)),
                         ["示范县2024年县级部门决算公开说明"])
        revised = docs.get(public_version=2)
        self.assertEqual((revised.title, revised.revisions.count()),
                         ("示范县人民政府关于进一步优化营商环境的若干措施", 2))
        self.assertIn("45个工作日", revised.public_body)
        withdrawn = docs.get(state="withdrawn")
        self.assertEqual((withdrawn.doc_number, withdrawn.repealed), ("示范政发〔2025〕2号", True))
        sent_back = Review.objects.get(decision=Review.Decision.RETURN)
        self.assertEqual((sent_back.document.state, sent_back.stage), ("draft", "review"))
        self.assertEqual(set(docs.filter(state="recorded").values_list("attribute", "attribute_article")),
                         {("not_public", "条例第十六条第一款"), ("on_request", "条例第二十七条")})
        self.assertEqual(docs.get(doc_number="示范政发〔2025〕3号").kind, "normative")

    def test_it_has_three_different_people_pass_each_published_version(self):
        self.seed()
        for doc in Document.objects.filter(agency=self.agency, public_version__isnull=False):
            with self.subTest(doc.title):
                passed = list(doc.reviews.filter(version=doc.public_version, decision="approve")
                              .values_list("reviewer__username", flat=True))
                self.assertEqual(passed, ["first_reviewer", "reviewer", "head"])
                self.assertTrue(AuditEntry.objects.filter(subject=f"document:{doc.index_number}",
                                                          action="publish").exists())

    def test_it_indexes_the_published_documents_for_search(self):
        self.seed()
        found = [d.title for d in search.search(Document.objects.all(), "财政预算")]
        self.assertEqual(found, ["示范县2025年财政预算执行情况"])
        self.assertEqual(list(search.search(Document.objects.all(), "考勤")), [])  # recorded, not published
        self.assertEqual(list(search.search(Document.objects.all(), "占道经营")), [])  # withdrawn

    def test_it_names_the_townships_documents_after_the_township(self):
        self.other.name = "示范县东湖镇人民政府"
        seed_documents(self.other, self.users(), random.Random(1), 2025)
        titles = set(Document.objects.filter(agency=self.other).values_list("title", "doc_number"))
        self.assertIn(("示范县东湖镇2025年财政预算执行情况", ""), titles)
        self.assertIn(("示范县东湖镇人民政府关于进一步优化营商环境的若干措施", "东湖政发〔2025〕7号"), titles)

    def test_it_shows_every_demo_document_on_the_staff_pages(self):
        made = self.seed()
        self.client.force_login(self.reviewer)
        waiting = self.client.get(self.url("documents")).context["waiting"]
        self.assertEqual([d.title for d in waiting], ["示范县2025年第三季度“双随机、一公开”抽查结果"])
        for doc in made:
            with self.subTest(doc.title):
                self.assertContains(self.client.get(self.url("document", doc.pk)), doc.index_number)
