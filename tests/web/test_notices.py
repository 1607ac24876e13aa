"""Every notice of the procedure as a document: each kind as DOCX (python-docx reads it) and PDF
(pdftotext reads it, pdffonts lists every font embedded); the 受理回执 and its one-time lookup code;
a broken template shown as a Chinese sentence, in the back office and on the staff pages; permission
stories for the new views.

The PNGs in docs/notices/ come from one case's whole life instead (tests/web/test_browser_life.py).
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.hashers import check_password
from django.urls import reverse

from gongkai.web.applications import services
from gongkai.web.applications.models import (
    Application,
    IssuedNotice,
    NoticeSettings,
    NoticeTemplate,
    Pause,
    ReplyTemplate,
)
from gongkai.web.applications.notices.kinds import KINDS

from .base import BaseTestCase
from .notice_helpers import docx_text, fonts, pdf_text_of

D = dt.date
# What the clerk types for each notice (GET parameters) and what the document must then say.
INPUTS = {
    "correction": ({"period_until": "2025-03-21"}, ["第三十条", "请补充申请获取信息的年份", "2025年3月21日前",
                                                     "视为放弃申请"]),
    "extension": ({}, ["第三十三条第二款", "延长20个工作日", "负责人同意", "资料需从档案馆调取"]),
    "consult_third_party": ({"to": "示范建设有限公司", "reason": "该信息涉及贵单位的商业秘密"},
                            ["示范建设有限公司：", "第三十二条", "15个工作日内", "由本机关依照该条例的规定决定是"
                                "否公开"]),
    "consult_agency": ({"to": "示范县财政局"}, ["示范县财政局：", "第三十四条", "视为同意公开"]),
    "fee": ({}, ["国办函〔2020〕109号", "收费数额：800元", "第31–100页：70页×10元＝700元", "20个工作日内",
                 "非税收入电子缴款"]),
    "art35": ({"variant": "reasons", "reasons_by": "2025-03-14"}, ["第三十五条", "2025年3月14日前", "说明理由"]),
    "delivery": ({"document": "政府信息公开申请答复告知书（示范县政办信公答〔2025〕1号）", "method": "邮寄送达",
                  "delivered_on": "2025-03-07", "place": "示范县人民路1号"},
                 ["送达回证", "受送达人签名（盖章）", "2025年3月7日", "邮寄送达"]),
}
# The lookup code: 8 characters of portal.lookup.ALPHABET, standing alone (pdftotext may move table cells).
CODE = re.compile(r"(?<![A-Z0-9])[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}(?![A-Z0-9])")
COMMON = ["示范县人民政府办公室", "（印章）", "联系电话：0000-6543210"]


class NoticeTestCase(BaseTestCase):
    def setUp(self):
        NoticeSettings.objects.create(agency=self.agency, number_prefix="示范县政", phone="0000-6543210",
                                      reconsideration_body="示范县人民政府", court="示范县人民法院",
                                      payment="通过非税收入电子缴款系统缴纳。")
        self.app = self.make_app(channel="in_person")
        services.apply(self.app, self.reviewer, "correction", correction_requested_on=D(2025, 3, 5),
                       correction_note="请补充申请获取信息的年份", reason="告知补正")
        services.apply(self.app, self.reviewer, "supplement", correction_received_on=D(2025, 3, 6), reason="补正")
        # 按量计收, 100 pages: 1–30 free, 31–100 at 10 元 = 700 元 … with a second band shown below.
        services.apply(self.app, self.head, "extend", extension_days=20, extension_reason="资料需从档案馆调取",
                       extension_approved_by=self.head, fee_scale="per_page", fee_quantity=110, fee_amount=800,
                       fee_explanation="第1–30页：30页×0元＝0元（免费）\n第31–100页：70页×10元＝700元\n"
                                       "第101–110页：10页×10元＝100元", fee_notice_on=D(2025, 3, 7), reason="延期")
        for kind in (Pause.Kind.THIRD_PARTY, Pause.Kind.OTHER_AGENCY):
            Pause.objects.create(application=self.app, kind=kind, start=D(2025, 3, 6), end=D(2025, 3, 7))

    def file(self, kind: str, fmt: str, **params):
        data = {"date": "2025-03-07", **INPUTS.get(kind, ({}, []))[0], **params}
        return self.client.get(self.url("notice_file", self.app.number, kind, fmt), data)


class EveryNoticeTests(NoticeTestCase):
    def test_every_kind_has_a_case_here(self):
        self.assertEqual(set(INPUTS) | {"receipt"}, set(KINDS))

    def test_each_notice_as_word_and_pdf_with_every_font_embedded(self):
        self.client.force_login(self.handler)
        for kind, (_, says) in INPUTS.items():
            with self.subTest(kind):
                docx = self.file(kind, "docx")
                self.assertEqual(docx.status_code, 200, docx.content[:300])
                pdf = self.file(kind, "pdf")
                self.assertEqual(pdf["Content-Type"], "application/pdf")
                texts = {"docx": docx_text(docx.content).replace("\n", ""), "pdf": pdf_text_of(pdf.content)}
                for fmt, text in texts.items():
                    for part in [*says, *COMMON, KINDS[kind].title]:
                        self.assertIn(part, text, f"{kind}.{fmt}")
                    self.assertRegex(text, rf"示范县政信公{KINDS[kind].abbr}〔2025〕1(-\d)?号")  # the 文号
                found = fonts(pdf.content)
                self.assertTrue(found)
                self.assertEqual([n for n, embedded in found if not embedded], [], kind)

    def test_the_two_consultation_letters_have_their_own_numbers(self):
        self.client.force_login(self.handler)
        Pause.objects.create(application=self.app, kind=Pause.Kind.THIRD_PARTY, start=D(2025, 3, 7))
        text = pdf_text_of(self.file("consult_third_party", "pdf").content)
        self.assertIn("示范县政信公征〔2025〕1-2号", text)

    def test_a_notice_the_case_does_not_call_for_is_refused_in_chinese(self):
        other = self.make_app()
        self.client.force_login(self.handler)
        r = self.client.get(self.url("notice_file", other.number, "fee", "pdf"), {"date": "2025-03-07"})
        self.assertEqual(r.status_code, 409)
        self.assertIn("0元不发收费通知", r.content.decode())

    def test_the_date_fields_are_filled_in_iso_form(self):
        # <input type="date"> shows nothing for "2025/03/10" (the zh-hans format), and the browser then
        # refuses to submit the required field: the value must be ISO. Today is 2025-03-10 (BaseTestCase).
        self.client.force_login(self.handler)
        page = self.client.get(self.url("notice", self.app.number, "correction")).content.decode()
        self.assertIn('type="date" name="date" value="2025-03-10"', page)
        page = self.client.get(self.url("application", self.app.number)).content.decode()
        self.assertNotRegex(page, r'type="date"[^>]*value="\d{4}/')

    def test_a_missing_input_is_a_form_error(self):
        self.client.force_login(self.handler)
        r = self.file("correction", "pdf", period_until="")
        self.assertEqual(r.status_code, 400)
        self.assertIn("这个字段是必填项", r.content.decode())


class ReceiptTests(NoticeTestCase):
    def test_the_receipt_prints_a_new_code_that_replaces_the_old(self):
        self.client.force_login(self.registrar)
        url = self.url("receipt", self.app.number, "pdf")
        first = pdf_text_of(self.client.post(url, {"date": "2025-03-03"}).content)
        code1 = CODE.search(first).group(0)
        self.app.refresh_from_db()
        self.assertTrue(check_password(code1, self.app.lookup_code))
        self.assertNotIn(code1, self.app.lookup_code)  # only the hash is stored
        second = self.client.post(self.url("receipt", self.app.number, "docx"), {"date": "2025-03-03"})
        code2 = re.search(r"查询码\s*([A-Z0-9]{8})", docx_text(second.content)).group(1)
        self.app.refresh_from_db()
        self.assertNotEqual(code1, code2)
        self.assertFalse(check_password(code1, self.app.lookup_code))
        self.assertTrue(check_password(code2, self.app.lookup_code))
        for part in ("政府信息公开申请受理回执", "当面提交的，以提交之日为收到申请之日", "2025年3月3日",
                     reverse("portal_status", args=["county"])):
            self.assertIn(part, first)
        self.assertEqual([n for n, embedded in fonts(self.client.post(
            self.url("receipt", self.app.number, "pdf"), {"date": "2025-03-03"}).content) if not embedded], [])
        self.assertEqual(self.agency.audit.filter(action="receipt").count(), 3)

    def test_an_online_application_gets_no_paper_receipt(self):
        online = self.make_app(channel="online")
        self.client.force_login(self.registrar)
        r = self.client.post(self.url("receipt", online.number, "pdf"), {"date": "2025-03-03"})
        self.assertEqual(r.status_code, 409)
        online.refresh_from_db()
        self.assertEqual(online.lookup_code, "")

    def test_the_receipt_cannot_be_fetched_again_by_get(self):
        self.client.force_login(self.registrar)
        self.assertEqual(self.client.get(self.url("receipt", self.app.number, "pdf")).status_code, 405)
        self.assertEqual(self.client.get(self.url("notice_file", self.app.number, "receipt", "pdf")).status_code, 404)


class TemplateErrorTests(NoticeTestCase):
    def test_a_broken_stored_template_gives_a_chinese_page_not_a_500(self):
        NoticeTemplate.objects.create(kind="extension", title="延期告知", body="{{ applicant }}：\n{% if extensi"
                                                                               "on_days %}")
        self.client.force_login(self.handler)
        r = self.file("extension", "pdf")
        self.assertEqual(r.status_code, 422)
        text = r.content.decode()
        self.assertIn("文书模板“延期答复告知书（条例第三十三条第二款）”有格式错误", text)
        self.assertIn("请联系系统管理员", text)

    def test_a_broken_letter_template_gives_a_chinese_page_too(self):
        from gongkai.web.applications.models import ReplyTemplate

        ReplyTemplate.objects.create(outcome="granted", title="答复", body="{{ applicant }}：{{ no_such_field }}")
        services.apply(self.app, self.handler, "decide", to_state="reply", outcome="granted", reply_kind="granted",
                       legal_basis="x", replied_on=D(2025, 3, 20))
        self.client.force_login(self.handler)
        r = self.client.get(self.url("letter", self.app.number, "pdf"))
        self.assertEqual(r.status_code, 422)
        self.assertIn("中的字段“no_such_field”不存在", r.content.decode())

    def test_the_back_office_refuses_a_broken_template_with_a_chinese_message(self):
        admin = type(self.handler).objects.create_superuser("root", password="pw")
        self.client.force_login(admin)
        url = reverse("admin:applications_noticetemplate_add")
        r = self.client.post(url, {"kind": "fee", "title": "收费通知书", "body": "{{ fee_amount }}元{% for x in %}"})
        self.assertEqual(r.status_code, 200)
        self.assertIn("文书模板“收费通知书（国办函〔2020〕109号）”有格式错误", r.content.decode())
        self.assertFalse(NoticeTemplate.objects.exists())
        r = self.client.post(url, {"kind": "fee", "title": "收费通知书", "body": "{{ fee_amont }}元"})
        self.assertIn("中的字段“fee_amont”不存在", r.content.decode())
        r = self.client.post(url, {"kind": "fee", "title": "收费通知书", "body": "{% include 'x.html' %}"})
        self.assertIn("不允许的标签“include”", r.content.decode())
        r = self.client.post(url, {"kind": "fee", "title": "收费通知书（{{ agency }}）", "body": "数额{{ fee_amo"
            "unt }}元"})
        self.assertEqual(r.status_code, 302)
        self.client.force_login(self.handler)
        self.assertIn("收费通知书（示范县人民政府办公室）", pdf_text_of(self.file("fee", "pdf").content))

    def test_a_reply_template_is_checked_as_well(self):
        admin = type(self.handler).objects.create_superuser("root", password="pw")
        self.client.force_login(admin)
        r = self.client.post(reverse("admin:applications_replytemplate_add"),
                             {"outcome": "unable.not_ours", "title": "告知书", "body": "{{ applicant }}{% if rem"
                                 "edy %}"})
        self.assertEqual(r.status_code, 200)
        self.assertIn("告知书模板“（四）1.不属于本机关负责公开（第三十六条第（五）项）”有格式错误", r.content.decode())


class IssuedNoticeTests(NoticeTestCase):
    """Once issued (文号 and date given), a notice is kept as printed: a template edited afterwards, or a
    register entry corrected, changes only what is issued after it (issue 14: the clerk expects the same
    document later)."""

    def issue(self, user, kind="extension", fmt="pdf", **data):
        self.client.force_login(user)
        return self.client.post(self.url("notice_issue", self.app.number, kind, fmt),
                                {"date": "2025-03-07", **INPUTS[kind][0], **data})

    def issued_text(self, issued, fmt="pdf"):
        r = self.client.get(self.url("issued_file", self.app.number, issued.pk, fmt))
        self.assertEqual(r.status_code, 200)
        return pdf_text_of(r.content) if fmt == "pdf" else docx_text(r.content).replace("\n", "")

    def test_an_issued_notice_downloads_unchanged_after_the_template_is_edited(self):
        r = self.issue(self.handler)
        self.assertEqual(r.status_code, 200)
        first = pdf_text_of(r.content)
        self.assertIn("资料需从档案馆调取", first)  # the extension reason of setUp
        issued = IssuedNotice.objects.get()
        self.assertEqual((issued.kind, issued.number, issued.issued_on),
                         ("extension", "示范县政信公延〔2025〕1号", D(2025, 3, 7)))
        # The administrator rewrites the template, and the register's reason is corrected.
        NoticeTemplate.objects.create(kind="extension", title="延期通知（新版）", body="{{ applicant }}：\n新版正文。")
        services.apply(self.app, self.head, "amend", extension_reason="另一理由", reason="更正")
        self.client.force_login(self.handler)
        for fmt in ("pdf", "docx"):
            text = self.issued_text(issued, fmt)
            self.assertIn("资料需从档案馆调取", text)
            self.assertIn("政府信息公开申请延期答复告知书", text)
            self.assertNotIn("新版正文", text)
        self.assertEqual(self.issued_text(issued), first)
        # A draft (预览) is made from the template and the register as they are now.
        draft = self.client.post(self.url("notice_preview", self.app.number, "extension", "pdf"),
                                 {"date": "2025-03-07"})
        self.assertIn("新版正文", pdf_text_of(draft.content))
        self.assertEqual(IssuedNotice.objects.count(), 1)  # a preview stores nothing
        # The case page lists it with its 文号, for the case roles.
        page = self.client.get(self.url("application", self.app.number)).content.decode()
        self.assertIn(self.url("issued_file", self.app.number, issued.pk, "pdf"), page)
        self.assertIn("示范县政信公延〔2025〕1号（2025年3月7日）", page)
        self.assertEqual(self.agency.audit.filter(action="issue_notice").count(), 1)
        # The notice's own page shows it too, before its form.
        page = self.client.get(self.url("notice", self.app.number, "extension")).content.decode()
        self.assertLess(page.index(self.url("issued_file", self.app.number, issued.pk, "docx")), page.index(
            self.url("notice_issue", self.app.number, "extension", "pdf")))

    def test_issuing_again_is_refused_except_by_the_head_who_replaces_it(self):
        self.assertEqual(self.issue(self.handler).status_code, 200)
        r = self.issue(self.registrar, date="2025-03-10")
        self.assertEqual(r.status_code, 409)
        self.assertIn("已于2025-03-07出具（示范县政信公延〔2025〕1号）", r.content.decode())
        self.assertEqual(IssuedNotice.objects.count(), 1)
        r = self.issue(self.head, date="2025-03-10")
        self.assertEqual(r.status_code, 200)
        old, new = IssuedNotice.objects.order_by("pk")
        self.assertEqual((old.superseded, new.superseded, new.issued_on), (True, False, D(2025, 3, 10)))
        self.assertIn("原2025-03-07出具的文书作废并留存", self.agency.audit.filter(action="issue_notice").last().reason)
        self.client.force_login(self.handler)
        self.assertIn("2025年3月7日", self.issued_text(old))  # the superseded one is still there to read
        page = self.client.get(self.url("application", self.app.number)).content.decode()
        self.assertIn("（已作废）", page)

    def test_an_invalid_form_or_a_notice_not_due_issues_nothing(self):
        r = self.issue(self.handler, kind="correction", period_until="")
        self.assertEqual(r.status_code, 400)
        other = self.make_app()
        self.client.force_login(self.handler)
        r = self.client.post(self.url("notice_issue", other.number, "fee", "pdf"), {"date": "2025-03-07"})
        self.assertEqual(r.status_code, 409)
        self.assertFalse(IssuedNotice.objects.exists())

    def test_the_reply_letter_is_kept_when_first_printed_and_superseded_on_reopening(self):
        services.apply(self.app, self.handler, "decide", to_state="reply", outcome="denied.third_party",
                       reply_kind="denied.third_party", legal_basis="《中华人民共和国政府信息公开条例》第十五条",
                       reply_text="第三方不同意公开。", replied_on=D(2025, 3, 20))
        self.client.force_login(self.handler)
        first = pdf_text_of(self.client.get(self.url("letter", self.app.number, "pdf")).content)
        self.assertIn("应当先向示范县人民政府申请行政复议", first)
        ReplyTemplate.objects.create(outcome="denied.third_party", title="答复", body="{{ applicant }}：\n新模板。")
        self.assertEqual(pdf_text_of(self.client.get(self.url("letter", self.app.number, "pdf")).content), first)
        word = self.client.get(self.url("letter", self.app.number, "docx"))
        self.assertIn("第三方不同意公开", docx_text(word.content))
        kept = IssuedNotice.objects.get()
        self.assertEqual((kept.kind, kept.number, kept.issued_on),
                         ("reply", "示范县政信公答〔2025〕1号", D(2025, 3, 20)))
        # Reopened by the head (a correction): the kept letter is superseded, the next one is new.
        self.client.force_login(self.head)
        r = self.client.post(self.url("act", self.app.number, "reopen"), {"reopen-reason": "答复类型有误"})
        self.assertEqual(r.status_code, 302)
        kept.refresh_from_db()
        self.assertTrue(kept.superseded)
        services.apply(Application.objects.get(pk=self.app.pk), self.handler, "decide", to_state="reply",
                       outcome="denied.third_party", reply_kind="denied.third_party", legal_basis="x",
                       replied_on=D(2025, 3, 21))
        self.client.force_login(self.handler)
        self.assertIn("新模板", pdf_text_of(self.client.get(self.url("letter", self.app.number, "pdf")).content))
        self.assertEqual(IssuedNotice.objects.filter(superseded=False).get().issued_on, D(2025, 3, 21))

    def test_a_masked_letter_is_never_kept(self):
        services.apply(self.app, self.handler, "decide", to_state="reply", outcome="granted", reply_kind="granted",
                       legal_basis="x", replied_on=D(2025, 3, 20))
        self.client.force_login(self.editor)  # a role without need-to-know sees the letter masked
        self.assertEqual(self.client.get(self.url("letter", self.app.number, "pdf")).status_code, 200)
        self.assertFalse(IssuedNotice.objects.exists())

    def test_permission_stories_of_the_issued_files(self):
        self.assertEqual(self.issue(self.handler).status_code, 200)
        issued = IssuedNotice.objects.get()
        file_url = self.url("issued_file", self.app.number, issued.pk, "pdf")
        posted = (self.url("notice_issue", self.app.number, "extension", "pdf"),
                  self.url("notice_preview", self.app.number, "extension", "pdf"))
        self.client.logout()
        self.assertIn("/login/", self.client.get(file_url)["Location"])
        for url in posted:
            self.assertIn("/login/", self.client.post(url)["Location"])
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(file_url).status_code, 404)
        for url in posted:
            self.assertEqual(self.client.post(url, {"date": "2025-03-07"}).status_code, 404)
        for role in ("admin", "editor", "first_reviewer"):
            self.client.force_login(getattr(self, role))
            self.assertEqual(self.client.get(file_url).status_code, 403, role)
            for url in posted:
                self.assertEqual(self.client.post(url, {"date": "2025-03-07"}).status_code, 403, role)
        for role in ("registrar", "reviewer", "head"):
            self.client.force_login(getattr(self, role))
            self.assertEqual(self.client.get(file_url).status_code, 200, role)
            self.assertEqual(self.client.post(posted[1], {"date": "2025-03-07"}).status_code, 200, role)
        for url in posted:
            self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(IssuedNotice.objects.count(), 1)  # the previews stored nothing
        self.assertEqual(self.client.get(self.url("issued_file", self.app.number, issued.pk, "odt")).status_code, 404)
        other = self.make_app()
        self.assertEqual(self.client.get(self.url("issued_file", other.number, issued.pk, "pdf")).status_code, 404)


class NoticePermissionTests(NoticeTestCase):
    """The case roles can; another agency's staff get 404; a role without need-to-know 403; anonymous
    visitors the login page; the wrong method 405."""

    def urls(self):
        n = self.app.number
        return [("get", self.url("notice", n, "correction"), {}),
                ("get", self.url("notice_file", n, "correction", "pdf"), {"date": "2025-03-07",
                                                                          "period_until": "2025-03-21"}),
                ("post", self.url("receipt", n, "pdf"), {"date": "2025-03-03"})]

    def test_anonymous_visitors_go_to_the_login_page(self):
        for method, url, data in self.urls():
            r = getattr(self.client, method)(url, data)
            self.assertEqual(r.status_code, 302)
            self.assertIn("/login/", r["Location"])

    def test_another_agencys_staff_get_404(self):
        self.client.force_login(self.outsider)
        for method, url, data in self.urls():
            self.assertEqual(getattr(self.client, method)(url, data).status_code, 404, url)

    def test_roles_without_need_to_know_get_403(self):
        for role in ("admin", "editor", "first_reviewer"):
            self.client.force_login(getattr(self, role))
            for method, url, data in self.urls():
                self.assertEqual(getattr(self.client, method)(url, data).status_code, 403, (role, url))
        self.client.force_login(self.handler)  # a case role, but the receipt is the registrar's, reviewer's or head's
        self.assertEqual(self.client.post(self.url("receipt", self.app.number, "pdf")).status_code, 403)

    def test_the_case_roles_can(self):
        for role in ("registrar", "handler", "reviewer", "head"):
            self.client.force_login(getattr(self, role))
            for method, url, data in self.urls()[:2]:
                self.assertEqual(getattr(self.client, method)(url, data).status_code, 200, (role, url))
        for role in ("registrar", "reviewer", "head"):
            self.client.force_login(getattr(self, role))
            self.assertEqual(self.client.post(*self.urls()[2][1:]).status_code, 200, role)

    def test_the_wrong_method_is_405(self):
        self.client.force_login(self.registrar)
        n = self.app.number
        self.assertEqual(self.client.post(self.url("notice", n, "correction")).status_code, 405)
        self.assertEqual(self.client.post(self.url("notice_file", n, "correction", "pdf")).status_code, 405)

    def test_an_unknown_kind_or_format_is_404(self):
        self.client.force_login(self.registrar)
        n = self.app.number
        self.assertEqual(self.client.get(self.url("notice", n, "nothing")).status_code, 404)
        self.assertEqual(self.client.get(self.url("notice_file", n, "correction", "odt")).status_code, 404)
        self.assertEqual(self.client.get(self.url("notice", "COUNTY-2025-09999", "correction")).status_code, 404)

    def test_the_case_page_links_every_notice_for_the_case_roles_only(self):
        self.client.force_login(self.handler)
        page = self.client.get(self.url("application", self.app.number)).content.decode()
        for kind in KINDS:
            self.assertIn(self.url("notice", self.app.number, kind), page)
        self.client.force_login(self.editor)
        page = self.client.get(self.url("application", self.app.number)).content.decode()
        self.assertNotIn(self.url("notice", self.app.number, "fee"), page)


assert Application  # imported for readers: the notices are built from its fields
