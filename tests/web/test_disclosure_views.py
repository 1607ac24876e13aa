"""Staff pages of proactive disclosure: a permission story for every view, then the review end to end
through the pages, as the editor, the 初审, the 审核 and the head would click through it."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.agencies.models import AuditEntry, Membership
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category, Document, DocumentFile

from .base import BaseTestCase

READERS = ("editor", "first_reviewer", "reviewer", "head", "admin")
# (url name, extra args, roles that may, a role that may not): pages read with GET.
PAGES = [
    ("documents", (), READERS, "registrar"),
    ("document_new", (), ("editor",), "first_reviewer"),
    ("document", ("D",), READERS, "handler"),
    ("document_edit", ("D",), ("editor",), "head"),
    ("document_file", ("D", "F"), READERS, "registrar"),
    ("categories", (), ("admin", "head"), "editor"),
]
# (url name, a role that may not): steps taken with POST only.
ACTIONS = [
    ("document_submit", "reviewer"),
    ("document_approve", "editor"),
    ("document_send_back", "admin"),
    ("document_withdraw", "reviewer"),
    ("document_attach", "head"),
]


class DisclosureViewsTestCase(BaseTestCase):
    def setUp(self):
        self.finance = Category.objects.create(agency=self.agency, name="财政信息", order=10)
        self.doc = workflow.create(self.agency, self.editor, title="示范县2025年财政预算执行情况",
                                   body="一般公共预算收入完成9.82亿元。", made_on=dt.date(2025, 3, 3),
                                   category=self.finance)
        self.file = DocumentFile.objects.create(document=self.doc, name="预算表.xlsx",
                                                file=SimpleUploadedFile("预算表.xlsx", b"budget"))

    def resolve(self, args):
        subst = {"D": self.doc.pk, "F": self.file.pk}
        return [subst.get(a, a) for a in args]

    def as_(self, role):
        self.client.force_login(getattr(self, role))

    def post(self, name, data=None, doc=None, **extra):
        return self.client.post(self.url(name, (doc or self.doc).pk), data or {}, **extra)

    def state(self, doc=None) -> str:
        return Document.objects.get(pk=(doc or self.doc).pk).state

    def every_request(self):
        for name, args, _, _ in PAGES:
            yield name, "get", self.url(name, *self.resolve(args))
        for name, _ in ACTIONS:
            yield name, "post", self.url(name, self.doc.pk)

    # Permission stories

    def test_it_redirects_anonymous_visitors_to_the_login_page(self):
        for name, method, url in self.every_request():
            with self.subTest(name):
                r = getattr(self.client, method)(url)
                self.assertEqual(r.status_code, 302)
                self.assertIn("/login/", r["Location"])

    def test_it_hides_everything_from_another_agencys_staff(self):
        self.as_("outsider")  # holds every role, but in 东湖镇
        for name, method, url in self.every_request():
            with self.subTest(name):
                self.assertEqual(getattr(self.client, method)(url).status_code, 404)

    def test_it_forbids_the_wrong_role(self):
        for name, args, _, wrong in PAGES:
            with self.subTest(name, role=wrong):
                self.as_(wrong)
                self.assertEqual(self.client.get(self.url(name, *self.resolve(args))).status_code, 403)
        for name, wrong in ACTIONS:
            with self.subTest(name, role=wrong):
                self.as_(wrong)
                self.assertEqual(self.post(name).status_code, 403)
        self.assertEqual(self.state(), "draft")

    def test_it_lets_the_right_roles_read(self):
        for name, args, roles, _ in PAGES:
            for role in roles:
                with self.subTest(name, role=role):
                    self.as_(role)
                    self.assertEqual(self.client.get(self.url(name, *self.resolve(args))).status_code, 200)

    def test_it_refuses_the_wrong_method(self):
        self.as_("head")
        for name, _ in ACTIONS:
            with self.subTest(name):
                self.assertEqual(self.client.get(self.url(name, self.doc.pk)).status_code, 405)
        self.assertEqual(self.client.put(self.url("categories")).status_code, 405)

    def test_it_returns_404_for_another_agencys_document_or_file(self):
        theirs = workflow.create(self.other, self.outsider, title="东湖镇财政预算", made_on=dt.date(2025, 3, 3))
        self.as_("editor")
        self.assertEqual(self.client.get(self.url("document", theirs.pk)).status_code, 404)
        self.assertEqual(self.client.get(self.url("document_file", theirs.pk, self.file.pk)).status_code, 404)
        self.assertEqual(self.client.get(self.url("document", 99999)).status_code, 404)

    # The review through the pages

    def test_it_takes_a_document_from_draft_to_published_through_the_pages(self):
        self.as_("editor")
        r = self.client.post(self.url("document_new"), {
            "title": "示范县2025年第一季度财政收支情况", "body": "一季度一般公共预算收入2.46亿元。",
            "made_on": "2025-03-04", "attribute": "proactive", "category": self.finance.pk, "kind": "other",
            "article20": "7", "on_website": "on", "on_new_media": "on"})
        doc = Document.objects.get(title="示范县2025年第一季度财政收支情况")
        self.assertRedirects(r, self.url("document", doc.pk))
        self.assertEqual((doc.index_number, doc.state, doc.channels), ("COUNTY/2025-00002", "draft",
                                                                       ["政府网站", "政务新媒体"]))
        self.assertEqual(self.post("document_submit", {"submit-reason": "请审核"}, doc).status_code, 302)
        self.assertEqual(self.state(doc), "first_review")

        self.as_("first_reviewer")
        self.assertContains(self.client.get(self.url("documents")), "示范县2025年第一季度财政收支情况")
        self.assertEqual(self.post("document_approve", {"approve-secrecy_cleared": "on"}, doc).status_code, 302)
        self.assertEqual(self.state(doc), "review")

        self.as_("reviewer")
        self.assertEqual(self.post("document_approve", {"approve-comment": "同意"}, doc).status_code, 302)
        self.assertEqual(self.state(doc), "sign_off")

        self.as_("head")
        r = self.post("document_approve", {}, doc, follow=True)
        self.assertContains(r, "审发通过，已公开。")
        doc.refresh_from_db()
        self.assertEqual((doc.state, doc.public_title, doc.published_on),
                         ("published", "示范县2025年第一季度财政收支情况", dt.date(2025, 3, 10)))
        self.assertEqual(list(doc.reviews.values_list("reviewer__username", flat=True)),
                         ["first_reviewer", "reviewer", "head"])
        page = self.client.get(self.url("document", doc.pk))
        self.assertContains(page, "2025年3月10日公开第1版")
        self.assertContains(page, "不涉及国家秘密")
        self.assertContains(page, "审发通过，公开")  # the audit trail

    def test_it_does_not_let_the_drafter_approve_their_own_draft(self):
        Membership.objects.create(user=self.editor, agency=self.agency, role="first_reviewer")
        workflow.submit(self.doc, self.editor)
        self.as_("editor")
        page = self.client.get(self.url("document", self.doc.pk))
        self.assertContains(page, "不能审核自己起草的信息。")
        self.assertNotContains(page, "初审通过")  # no form offered
        self.assertEqual(self.client.get(self.url("documents")).context["waiting"], [])
        r = self.post("document_approve", {"approve-secrecy_cleared": "on"})
        self.assertContains(r, "不能审核自己起草的信息。", status_code=409)
        self.assertEqual(self.state(), "first_review")
        self.assertFalse(self.doc.reviews.exists())

    def test_it_lists_what_waits_for_my_stage_only(self):
        workflow.submit(self.doc, self.editor)
        workflow.approve(self.doc, self.first_reviewer, secrecy_cleared=True)
        self.as_("reviewer")
        waiting = self.client.get(self.url("documents")).context["waiting"]
        self.assertEqual([d.pk for d in waiting], [self.doc.pk])
        self.as_("first_reviewer")  # passed 初审 already; 审核 is not theirs
        self.assertEqual(self.client.get(self.url("documents")).context["waiting"], [])
        self.as_("head")
        self.assertEqual(self.client.get(self.url("documents")).context["waiting"], [])

    def test_it_filters_the_list_by_state_attribute_and_category(self):
        workflow.create(self.agency, self.editor, title="办公室内部考勤管理规定", made_on=dt.date(2025, 3, 3),
                        attribute="not_public", attribute_reason="内部事务信息", attribute_article="条例第十六条第一款")
        self.as_("admin")
        titles = lambda **q: [d.title for d in self.client.get(self.url("documents"), q).context["docs"]]  # noqa: E731
        self.assertEqual(titles(state="recorded"), ["办公室内部考勤管理规定"])
        self.assertEqual(titles(attribute="proactive"), ["示范县2025年财政预算执行情况"])
        self.assertEqual(titles(category=self.finance.pk), ["示范县2025年财政预算执行情况"])
        self.assertEqual(titles(q="考勤"), ["办公室内部考勤管理规定"])
        self.assertEqual(len(titles(state="nonsense")), 2)

    def test_it_requires_the_secrecy_check_at_first_review(self):
        workflow.submit(self.doc, self.editor)
        self.as_("first_reviewer")
        r = self.post("document_approve", {"approve-comment": "同意"})
        self.assertContains(r, "初审须完成保密审查并勾选确认。", status_code=400)
        self.assertEqual(self.state(), "first_review")

    def test_it_forbids_a_reviewer_to_decide_another_stage(self):
        workflow.submit(self.doc, self.editor)
        self.as_("reviewer")  # the document waits for 初审
        self.assertEqual(self.post("document_approve", {"approve-secrecy_cleared": "on"}).status_code, 403)
        self.assertEqual(self.post("document_send_back", {"send_back-reason": "不行"}).status_code, 403)
        self.assertEqual(self.state(), "first_review")

    def test_it_sends_back_only_with_a_reason(self):
        workflow.submit(self.doc, self.editor)
        self.as_("first_reviewer")
        self.assertContains(self.post("document_send_back", {"send_back-reason": ""}), "退回须说明理由。",
                            status_code=400)
        r = self.post("document_send_back", {"send_back-reason": "预算数据与人大批准数不一致"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.state(), "draft")
        entry = AuditEntry.objects.filter(subject=f"document:{self.doc.index_number}").last()
        self.assertEqual(entry.reason, "初审退回：预算数据与人大批准数不一致")

    def test_it_says_why_a_step_is_refused_with_409(self):
        self.as_("first_reviewer")  # a draft has no stage to decide
        self.assertContains(self.post("document_approve", {"approve-secrecy_cleared": "on"}),
                            "当前状态（草稿）没有待审环节。", status_code=409)
        self.as_("head")
        self.assertContains(self.post("document_withdraw", {"withdraw-reason": "重复发布"}),
                            "只有已公开的信息可以撤回。", status_code=409)
        self.as_("editor")
        workflow.submit(self.doc, self.editor)
        self.assertContains(self.post("document_submit"), "当前状态（待初审）不能送审。", status_code=409)
        self.assertContains(self.client.get(self.url("document_edit", self.doc.pk)), "审核中的信息不能修改",
                            status_code=409)

    def publish(self, doc):
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head)

    def test_it_withdraws_for_the_head_and_repeals_only_rules_and_normative_documents(self):
        self.publish(self.doc)
        self.as_("head")
        self.assertContains(self.post("document_withdraw", {}), "撤回须说明理由。", status_code=400)
        self.post("document_withdraw", {"withdraw-reason": "数据有误", "withdraw-repealed": "on"})
        self.doc.refresh_from_db()
        self.assertEqual((self.doc.state, self.doc.repealed), ("withdrawn", False))  # kind 其他: no 废止
        rule = workflow.create(self.agency, self.editor, title="示范县行政规范性文件管理办法", kind="normative",
                               doc_number="示范政发〔2025〕3号", made_on=dt.date(2025, 3, 3), category=self.finance)
        self.publish(rule)
        self.assertContains(self.client.get(self.url("document", rule.pk)), "废止（规章、行政规范性文件已废止）")
        self.post("document_withdraw", {"withdraw-reason": "已被示范政发〔2025〕15号废止", "withdraw-repealed": "on"},
                  rule)
        rule.refresh_from_db()
        self.assertEqual((rule.state, rule.repealed, rule.withdrawn_on), ("withdrawn", True, dt.date(2025, 3, 10)))

    def test_it_revises_a_published_document_with_a_reason(self):
        self.publish(self.doc)
        self.as_("editor")
        self.assertContains(self.client.get(self.url("document_edit", self.doc.pk)), 'value="2025-03-03"')
        data = {"title": "示范县2025年财政预算执行情况", "body": "一般公共预算收入完成9.85亿元。",
                "made_on": "2025-03-10", "category": self.finance.pk, "kind": "other", "on_website": "on",
                "attribute": "not_public"}  # not a field once published: ignored
        self.assertContains(self.client.post(self.url("document_edit", self.doc.pk), data), "这个字段是必填项",
                            status_code=400)
        r = self.client.post(self.url("document_edit", self.doc.pk), {**data, "reason": "更正收入数"})
        self.assertEqual(r.status_code, 302)
        self.doc.refresh_from_db()
        self.assertEqual((self.doc.state, self.doc.version, self.doc.attribute, self.doc.public_version),
                         ("draft", 2, "proactive", 1))
        self.assertEqual(self.doc.public_body, "一般公共预算收入完成9.82亿元。")

    def test_it_registers_documents_not_made_public_only_with_reason_and_article(self):
        self.as_("editor")
        data = {"title": "办公室内部考勤管理规定", "made_on": "2025-03-05", "attribute": "not_public", "kind": "other"}
        r = self.client.post(self.url("document_new"), data)
        self.assertContains(r, "请写明不主动公开的理由。", status_code=400)
        self.assertContains(r, "请写明依据条款。", status_code=400)
        theirs = Category.objects.create(agency=self.other, name="东湖镇目录")
        r = self.client.post(self.url("document_new"), {**data, "attribute": "proactive", "category": theirs.pk})
        self.assertEqual(r.status_code, 400)  # another agency's 目录 is not a choice
        self.assertEqual(Document.objects.count(), 1)
        self.client.post(self.url("document_new"), {**data, "attribute_reason": "内部事务信息",
                                                     "attribute_article": "条例第十六条第一款"})
        doc = Document.objects.get(title="办公室内部考勤管理规定")
        self.assertEqual((doc.state, doc.attribute_article), ("recorded", "条例第十六条第一款"))
        self.assertNotContains(self.client.get(self.url("document", doc.pk)), self.url("document_submit", doc.pk))

    def test_it_attaches_files_to_drafts_and_serves_them_to_staff_only(self):
        self.as_("editor")
        # The file is moved into place when the transaction commits (a TestCase never commits: run the hook).
        with self.captureOnCommitCallbacks(execute=True):
            r = self.post("document_attach", {"attach-file": SimpleUploadedFile("预算说明.pdf", b"%PDF-1.4 budget")})
        self.assertEqual(r.status_code, 302)
        item = self.doc.files.get(name="预算说明.pdf")
        self.assertEqual(self.client.get(self.url("document_file", self.doc.pk, item.pk)).getvalue(),
                         b"%PDF-1.4 budget")
        big = SimpleUploadedFile("大文件.pdf", b"x" * (20 * 1024 * 1024 + 1))
        self.assertContains(self.post("document_attach", {"attach-file": big}), "超过每个附件 20 MB 的上限",
                            status_code=400)
        workflow.submit(self.doc, self.editor)
        r = self.post("document_attach", {"attach-file": SimpleUploadedFile("晚到.pdf", b"x")})
        self.assertContains(r, "审核中或已公开的信息不能添加附件。", status_code=409)
        workflow.approve(self.doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(self.doc, self.reviewer)
        workflow.approve(self.doc, self.head)
        workflow.edit(self.doc, self.editor, "补充附件")  # a revision draft of a public document
        r = self.post("document_attach", {"attach-file": SimpleUploadedFile("未审.pdf", b"x")})
        self.assertContains(r, "修订稿不能添加附件。", status_code=409)
        self.assertEqual(self.doc.files.count(), 2)
        self.assertEqual(AuditEntry.objects.filter(subject=f"document:{self.doc.index_number}",
                                                   action="attach").count(), 1)
        self.client.logout()
        self.assertEqual(self.client.get(self.url("document_file", self.doc.pk, item.pk)).status_code, 302)

    def test_it_lets_the_admin_add_rename_and_reorder_categories(self):
        self.as_("admin")
        r = self.client.post(self.url("categories"), {"name": " 机构 职能 ", "order": "1"})
        self.assertRedirects(r, self.url("categories"))
        self.assertContains(self.client.post(self.url("categories"), {"name": "财政信息", "order": "2"}),
                            "已有同名的公开目录。", status_code=400)
        self.client.post(self.url("categories"), {"pk": self.finance.pk, "name": "财政预决算", "order": "0"})
        self.assertEqual(list(self.agency.categories.values_list("name", "order")),
                         [("财政预决算", 0), ("机构 职能", 1)])
        theirs = Category.objects.create(agency=self.other, name="东湖镇目录")
        self.assertEqual(self.client.post(self.url("categories"), {"pk": theirs.pk, "name": "改"}).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, action="category").count(), 2)
