"""The rules of proactive disclosure (workflow.py), with every expected value worked out by hand."""

from __future__ import annotations

import datetime as dt

from gongkai.web.agencies.models import AuditEntry, LocalHoliday
from gongkai.web.disclosures import search, workflow
from gongkai.web.disclosures.models import Attribute, Category, Document, Review, SearchTerm, TermCount
from gongkai.web.disclosures.workflow import WorkflowError

from .base import BaseTestCase

BUDGET = "示范县2025年财政预算执行情况"


class DisclosureWorkflowTestCase(BaseTestCase):
    def setUp(self):
        self.finance = Category.objects.create(agency=self.agency, name="财政信息")

    def draft(self, **fields) -> Document:
        data = {"title": BUDGET, "body": "一般公共预算收入完成9.82亿元，拟安排专项资金用于乡村道路。",
                "made_on": dt.date(2025, 3, 3), "category": self.finance}
        data.update(fields)
        return workflow.create(self.agency, self.editor, **data)

    def publish(self, doc: Document, on=dt.date(2025, 3, 10)) -> Document:
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head, on=on)

    def assertRefused(self, message: str, step, *args, **kwargs):
        with self.assertRaises(WorkflowError) as caught:
            step(*args, **kwargs)
        self.assertEqual(str(caught.exception), message)

    def trail(self, doc: Document) -> list[str]:
        return list(AuditEntry.objects.filter(subject=f"document:{doc.index_number}").values_list("action", flat=True))

    def found(self, query: str) -> list[str]:
        return [d.title for d in search.search(Document.objects.all(), query)]

    def test_it_numbers_documents_per_agency_and_year(self):
        self.assertEqual(self.draft().index_number, "COUNTY/2025-00001")
        self.assertEqual(self.draft().index_number, "COUNTY/2025-00002")
        # A refused registration takes no number (the counter is in the same transaction).
        with self.assertRaises(WorkflowError):
            self.draft(attribute=Attribute.NOT_PUBLIC)
        self.assertEqual(self.draft(made_on=dt.date(2024, 12, 31)).index_number, "COUNTY/2024-00001")
        self.assertEqual(self.draft().index_number, "COUNTY/2025-00003")
        self.other.org_code = "11350100mb1234567x"
        self.other.save()
        doc = workflow.create(self.other, self.outsider, title="东湖镇2025年财政预算", made_on=dt.date(2025, 1, 2))
        self.assertEqual(doc.index_number, "11350100MB1234567X/2025-00001")

    def test_it_publishes_after_three_stages_by_three_people(self):
        doc = self.draft()
        self.assertEqual(doc.state, "draft")
        workflow.submit(doc, self.editor, "请审核")
        self.assertEqual(doc.state, "first_review")
        workflow.approve(doc, self.first_reviewer, "不涉密", secrecy_cleared=True)
        self.assertEqual(doc.state, "review")
        workflow.approve(doc, self.reviewer)
        self.assertEqual(doc.state, "sign_off")
        self.assertFalse(doc.is_public)
        workflow.approve(doc, self.head, "同意公开", on=dt.date(2025, 3, 12))
        doc.refresh_from_db()
        self.assertEqual(doc.state, "published")
        self.assertEqual((doc.public_version, doc.public_title), (1, BUDGET))
        self.assertEqual(doc.public_body, "一般公共预算收入完成9.82亿元，拟安排专项资金用于乡村道路。")
        self.assertEqual((doc.published_on, doc.first_published_on), (dt.date(2025, 3, 12), dt.date(2025, 3, 12)))
        self.assertFalse(doc.published_late)
        reviews = list(doc.reviews.values_list("stage", "reviewer__username", "secrecy_cleared"))
        self.assertEqual(reviews, [("first_review", "first_reviewer", True), ("review", "reviewer", None),
                                   ("sign_off", "head", None)])
        self.assertEqual(self.trail(doc), ["create", "submit", "approve_first_review", "approve_review", "publish"])

    def test_it_finds_published_documents_by_chinese_words_and_single_characters(self):
        budget = self.publish(self.draft())
        duties = self.publish(self.draft(title="示范县人民政府办公室主要职责",
                                         body="负责文电、会务、机要、档案等工作。"))
        self.draft(title="示范县2026年财政预算草案")  # a draft: not on the public site, not found
        self.assertEqual(self.found("财政预算"), [BUDGET])
        self.assertEqual(self.found("专项资金"), [BUDGET])  # in the body only
        self.assertEqual(self.found("职"), [duties.title])  # one character is a term of its own
        self.assertEqual(self.found("预执"), [])  # both characters occur, never side by side
        self.assertEqual(set(self.found("示范")), {budget.title, duties.title})
        self.assertEqual(self.found(""), [])

    def test_it_ranks_title_matches_first_then_the_newest_whichever_term_is_rarest(self):
        old = self.publish(self.draft(title="示范县2024年乡村道路计划", body="修缮乡村道路。",
                                      made_on=dt.date(2024, 12, 2)), on=dt.date(2025, 3, 3))
        body_only = self.publish(self.draft(title="示范县交通工作安排", body="今年的乡村道路修缮。",
                                            made_on=dt.date(2025, 3, 1)), on=dt.date(2025, 3, 20))
        new = self.publish(self.draft(title="示范县2025年乡村道路计划", body="新建乡村道路。",
                                      made_on=dt.date(2025, 3, 1)), on=dt.date(2025, 3, 10))
        # Titles holding 乡村/村道/道路 first (newest first among them), then the body-only match.
        expected = [new.title, old.title, body_only.title]
        self.assertEqual(self.found("乡村道路"), expected)
        # The same answer when every term looks equally common (the candidates then come from whichever
        # term is first): the rarest-first choice never changes it.
        TermCount.objects.update(documents=1)
        self.assertEqual(self.found("乡村道路"), expected)
        # "2025" is a term of the new one's title and of the body-only one's index number (COUNTY/2025-...),
        # not of the old one (made in 2024: COUNTY/2024-00001); 年乡 is in both plans' titles only.
        self.assertEqual(self.found("2025年乡村"), [new.title])

    def test_it_refuses_the_drafter_and_a_second_stage_by_the_same_person(self):
        doc = self.draft()
        workflow.submit(doc, self.editor)
        self.assertRefused("不能审核自己起草的信息。", workflow.approve, doc, self.editor, secrecy_cleared=True)
        self.assertRefused("不能审核自己起草的信息。", workflow.send_back, doc, self.editor, "再改改")
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        self.assertRefused("同一信息的初审、审核、审发须由不同的人完成。", workflow.approve, doc, self.first_reviewer)
        doc.refresh_from_db()
        self.assertEqual(doc.state, "review")
        self.assertEqual(doc.reviews.count(), 1)

    def test_it_reviews_a_resubmitted_version_afresh_after_a_send_back(self):
        doc = self.draft()
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.send_back(doc, self.reviewer, "预算数据与人大批准数不一致")
        workflow.edit(doc, self.editor, body="一般公共预算收入完成9.85亿元。")
        workflow.submit(doc, self.editor)
        # The same 初审 person may pass the corrected text again, still only one stage of this round.
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        self.assertRefused("同一信息的初审、审核、审发须由不同的人完成。", workflow.approve, doc, self.first_reviewer)
        workflow.approve(doc, self.reviewer)
        workflow.approve(doc, self.head)
        self.assertEqual((doc.state, doc.version, doc.public_body), ("published", 1, "一般公共预算收入完成9.85亿元。"))

    def test_it_refuses_first_review_without_the_secrecy_check(self):
        doc = self.draft()
        workflow.submit(doc, self.editor)
        message = "初审须完成保密审查，确认不涉及国家秘密后方可通过。"
        self.assertRefused(message, workflow.approve, doc, self.first_reviewer)
        self.assertRefused(message, workflow.approve, doc, self.first_reviewer, secrecy_cleared=False)
        doc.refresh_from_db()
        self.assertEqual(doc.state, "first_review")
        self.assertFalse(doc.reviews.exists())

    def test_it_sends_back_to_draft_with_the_reason_in_the_review_and_the_trail(self):
        doc = self.draft()
        workflow.submit(doc, self.editor)
        self.assertRefused("退回须说明理由。", workflow.send_back, doc, self.first_reviewer, "  ")
        workflow.send_back(doc, self.first_reviewer, "预算数据与人大批准数不一致")
        doc.refresh_from_db()
        self.assertEqual(doc.state, "draft")
        review = doc.reviews.get()
        self.assertEqual((review.stage, review.decision, review.comment),
                         ("first_review", Review.Decision.RETURN, "预算数据与人大批准数不一致"))
        entry = AuditEntry.objects.filter(subject=f"document:{doc.index_number}").last()
        self.assertEqual((entry.action, entry.from_state, entry.to_state, entry.reason, entry.actor),
                         ("return_first_review", "first_review", "draft", "初审退回：预算数据与人大批准数不一致",
                          self.first_reviewer))

    def test_it_keeps_the_old_public_text_until_a_revision_is_signed_off(self):
        doc = self.publish(self.draft())
        self.assertRefused("修订已公开的信息须说明修订理由。", workflow.edit, doc, self.editor, body="x")
        workflow.edit(doc, self.editor, "调整专项资金安排", body="一般公共预算收入完成9.82亿元，调减专项资金。",
                      made_on=dt.date(2025, 3, 14))
        self.assertEqual((doc.state, doc.version, doc.public_version), ("draft", 2, 1))
        workflow.submit(doc, self.editor, "调整专项资金安排")
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        doc.refresh_from_db()
        self.assertEqual(doc.public_body, "一般公共预算收入完成9.82亿元，拟安排专项资金用于乡村道路。")
        self.assertEqual((self.found("拟安排"), self.found("调减")), ([BUDGET], []))
        workflow.approve(doc, self.head, on=dt.date(2025, 3, 17))
        doc.refresh_from_db()
        self.assertEqual((doc.state, doc.public_version), ("published", 2))
        self.assertEqual(doc.public_body, "一般公共预算收入完成9.82亿元，调减专项资金。")
        self.assertEqual((doc.first_published_on, doc.published_on), (dt.date(2025, 3, 10), dt.date(2025, 3, 17)))
        self.assertEqual((self.found("拟安排"), self.found("调减")), ([], [BUDGET]))
        history = list(doc.revisions.values_list("version", "body", "reason"))
        self.assertEqual(history, [(1, "一般公共预算收入完成9.82亿元，拟安排专项资金用于乡村道路。", ""),
                                   (2, "一般公共预算收入完成9.82亿元，调减专项资金。", "调整专项资金安排")])

    def test_it_withdraws_keeping_the_page_but_not_the_search_entry(self):
        draft = self.draft()
        self.assertRefused("只有已公开的信息可以撤回。", workflow.withdraw, draft, self.head, "重复")
        doc = self.publish(self.draft(kind="normative", doc_number="示范政发〔2025〕3号"))
        self.assertEqual(self.found("示范政发"), [BUDGET])
        self.assertRefused("撤回须说明理由。", workflow.withdraw, doc, self.head, "")
        workflow.withdraw(doc, self.head, "已被示范政发〔2025〕15号废止", repealed=True, on=dt.date(2025, 4, 1))
        doc.refresh_from_db()
        self.assertEqual((doc.state, doc.withdrawn_on, doc.repealed), ("withdrawn", dt.date(2025, 4, 1), True))
        self.assertTrue(doc.is_public)  # the page stays and says why
        self.assertEqual(doc.public_title, BUDGET)
        self.assertEqual((self.found("示范政发"), SearchTerm.objects.filter(document=doc).count()), ([], 0))
        self.assertEqual(self.trail(doc)[-1], "withdraw")
        self.assertRefused("只有已公开的信息可以撤回。", workflow.withdraw, doc, self.head, "再次撤回")

    def test_it_flags_publication_after_twenty_working_days_across_national_day(self):
        # Made Fri 2025-09-26; counting starts the next day. Sep 27 (Sat) rest; Sep 28 (Sun, 调休) = 1;
        # Sep 29, 30 = 2, 3; Oct 1–8 国庆节/中秋节 rest; Oct 9, 10 = 4, 5; Oct 11 (Sat, 调休) = 6;
        # Oct 12 (Sun) rest; Oct 13–17 = 7–11; Oct 20–24 = 12–16; Oct 27, 28, 29, 30 = 17, 18, 19, 20.
        # The 20th working day is Thu 2025-10-30: published that day is in time, on Fri 10-31 late.
        doc = self.draft(made_on=dt.date(2025, 9, 26))
        self.assertFalse(workflow.is_late(doc, dt.date(2025, 10, 30)))
        self.assertTrue(workflow.is_late(doc, dt.date(2025, 10, 31)))
        in_time = self.publish(self.draft(made_on=dt.date(2025, 9, 26)), on=dt.date(2025, 10, 30))
        self.assertFalse(in_time.published_late)
        late = self.publish(doc, on=dt.date(2025, 10, 31))
        late.refresh_from_db()
        self.assertTrue(late.published_late)
        self.assertIn("超过二十个工作日", AuditEntry.objects.filter(action="publish").last().reason)

    def test_it_counts_the_agencys_local_rest_days(self):
        # With Thu 2025-10-30 a local rest day, the 20th working day becomes Fri 10-31.
        LocalHoliday.objects.create(agency=self.agency, date=dt.date(2025, 10, 30), name="地方休息日")
        doc = self.draft(made_on=dt.date(2025, 9, 26))
        self.assertFalse(workflow.is_late(doc, dt.date(2025, 10, 31)))
        self.assertTrue(workflow.is_late(doc, dt.date(2025, 11, 3)))

    def test_it_records_documents_not_made_public_with_reason_and_article_and_never_reviews_them(self):
        message = "依申请公开或不予公开的信息，须写明理由和依据条款。"
        self.assertRefused(message, self.draft, attribute=Attribute.NOT_PUBLIC, attribute_article="条例第十六条第一款")
        self.assertRefused(message, self.draft, attribute=Attribute.ON_REQUEST, attribute_reason="涉及特定对象")
        internal = self.draft(title="办公室2025年内部考勤管理规定", attribute=Attribute.NOT_PUBLIC,
                              attribute_reason="内部事务信息", attribute_article="条例第十六条第一款")
        on_request = self.draft(title="城东地块征收补偿处理意见", attribute=Attribute.ON_REQUEST,
                                attribute_reason="仅涉及特定被征收户", attribute_article="条例第二十七条")
        for doc in (internal, on_request):
            self.assertEqual(doc.state, "recorded")
            self.assertRefused("只有主动公开的信息需要送审和发布。", workflow.submit, doc, self.editor)
            self.assertRefused("当前状态（已登记（不主动公开））没有待审环节。", workflow.approve, doc, self.head)
            self.assertRefused("只有已公开的信息可以撤回。", workflow.withdraw, doc, self.head, "x")
            self.assertFalse(doc.is_public)
            self.assertFalse(doc.reviews.exists())
        self.assertEqual(self.found("考勤"), [])
        self.assertEqual(self.trail(internal), ["create"])

    def test_it_lets_the_attribute_change_until_first_publication(self):
        doc = self.draft(title="办公室2025年内部考勤管理规定", attribute=Attribute.NOT_PUBLIC,
                         attribute_reason="内部事务信息", attribute_article="条例第十六条第一款")
        workflow.edit(doc, self.editor, attribute=Attribute.PROACTIVE, attribute_reason="", attribute_article="")
        self.assertEqual(doc.state, "draft")
        workflow.submit(doc, self.editor)
        self.assertEqual(doc.state, "first_review")
        other = self.draft()
        self.assertRefused("依申请公开或不予公开的信息，须写明理由和依据条款。", workflow.edit, other, self.editor,
                           attribute=Attribute.NOT_PUBLIC)
        published = self.publish(self.draft())
        self.assertRefused("已公开的信息不能改为不主动公开，如需停止公开请撤回。", workflow.edit,
                           published, self.editor, "不再公开", attribute=Attribute.NOT_PUBLIC,
                           attribute_reason="内部事务信息", attribute_article="条例第十六条第一款")
        published.refresh_from_db()
        self.assertEqual((published.state, published.version), ("published", 1))

    def test_it_refuses_to_submit_without_a_category_or_a_channel_and_to_edit_under_review(self):
        doc = self.draft(category=None)
        self.assertRefused("送审前须填写标题并选择公开目录。", workflow.submit, doc, self.editor)
        workflow.edit(doc, self.editor, category=self.finance, on_website=False)
        self.assertRefused("请至少选择一个公开渠道。", workflow.submit, doc, self.editor)
        workflow.edit(doc, self.editor, on_board=True)
        workflow.submit(doc, self.editor)
        self.assertRefused("审核中的信息不能修改，请先退回。", workflow.edit, doc, self.editor, title="改")
        self.assertRefused("当前状态（待初审）不能送审。", workflow.submit, doc, self.editor)
