"""The public site: every page as a visitor sees it, the online application and its lookup code, the
意见箱 and its staff page, and the promise that nothing about an applicant is ever shown or logged.

Documents are published through the real three-stage review (editor → 初审 → 审核 → 审发).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from gongkai.report import document_json
from gongkai.web.agencies.models import AuditEntry
from gongkai.web.applications.models import Application
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category, Document
from gongkai.web.portal.demo import seed_portal
from gongkai.web.portal.forms import resident_id_ok
from gongkai.web.portal.models import Guide, Message
from gongkai.web.reports import assemble
from gongkai.web.reports.models import AnnualReport, ProactiveFigures

from .base import BaseTestCase

D = dt.date
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A valid 居民身份证号码 (the GB 11643 example, check digit X) and personal data that must never leak.
ID_NUMBER = "11010519491231002X"
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "欧阳素娥", "id_number": ID_NUMBER,
             "phone": "13912345678", "address": "示范县幸福路88号3单元", "email": "suoe@example.com",
             "description": "2024年示范县老旧小区改造项目的资金分配方案", "delivery": "email"}
PERSONAL = ("欧阳素娥", ID_NUMBER, "13912345678", "幸福路88号", "suoe@example.com")


def p(name: str, *args) -> str:
    return reverse(name, args=list(args))


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class PortalTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.rules = Category.objects.create(agency=self.agency, name="法规文件", order=1)
        self.finance = Category.objects.create(agency=self.agency, name="财政信息", order=2)

    def publish(self, title, body="", category=None, **fields) -> Document:
        doc = workflow.create(self.agency, self.editor, title=title, body=body, made_on=D(2025, 3, 3),
                              category=category or self.rules, **fields)
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head)

    def publish_report(self, year=2024) -> AnnualReport:
        """As reports.views.report_publish does: texts, assemble, no error finding, freeze the snapshot."""
        ProactiveFigures.objects.create(agency=self.agency, year=year, normative_issued=2, normative_in_force=9)
        draft = assemble.draft_texts(assemble.assemble(self.agency, year))
        texts = AnnualReport.objects.create(agency=self.agency, year=year, section1=draft[1],
                                            section5="培训不足，将加强。", section6="无。",
                                            published_on=D(year + 1, 1, 20))
        report = assemble.assemble(self.agency, year, texts)
        self.assertEqual([f for f in assemble.findings(self.agency, year, report) if f.severity == "error"], [])
        texts.state, texts.published_by, texts.snapshot = "published", self.head, document_json(report)
        texts.save()
        return texts


class CountyAndAgencyTests(PortalTestCase):
    def test_it_lists_every_agency_under_its_parent(self):
        r = self.client.get(p("portal_county"))
        self.assertContains(r, '<html lang="zh-CN">')
        self.assertContains(r, "跳到正文")
        html = r.content.decode()
        parent = html.index("示范县人民政府办公室")
        child = html.index("示范县东湖镇人民政府")
        self.assertLess(parent, child)
        # the township is in a list nested inside its parent's item
        self.assertIn("</a><ul>\n<li><a href=\"/zfxxgk/donghu/\">示范县东湖镇人民政府</a>", html)

    def test_it_shows_an_agency_column_with_its_latest_documents(self):
        self.publish("关于印发示范县政务公开工作要点的通知", doc_number="示政办发〔2025〕3号")
        r = self.client.get(p("portal_agency", "county"))
        self.assertContains(r, "示范县人民政府办公室政府信息公开")
        self.assertContains(r, "关于印发示范县政务公开工作要点的通知")
        self.assertContains(r, "示政办发〔2025〕3号")
        for name in ("portal_guide", "portal_catalogue", "portal_apply", "portal_status", "portal_reports",
                     "portal_mailbox"):
            self.assertContains(r, f'href="{p(name, "county")}"')

    def test_it_answers_404_for_an_unknown_agency(self):
        for name in ("portal_agency", "portal_guide", "portal_catalogue", "portal_search", "portal_apply",
                     "portal_status", "portal_reports", "portal_mailbox"):
            self.assertEqual(self.client.get(p(name, "nowhere")).status_code, 404, name)


class GuideTests(PortalTestCase):
    def test_it_shows_a_default_guide_from_the_agency_name(self):
        r = self.client.get(p("portal_guide", "county"))
        self.assertContains(r, "示范县人民政府办公室政府信息公开指南")
        for words in ("主动公开", "公开方式", "受理机构", "办理流程", "20个工作日", "信息处理费", "行政复议",
                      "负责受理向本机关提出的政府信息公开申请"):
            self.assertContains(r, words)

    def test_it_shows_the_guide_written_by_staff(self):
        Guide.objects.create(agency=self.agency, body="一、主动公开\n\n本机关通过县政府网站公开。\n\n地址：人民路1号")
        r = self.client.get(p("portal_guide", "county"))
        self.assertContains(r, "<p>本机关通过县政府网站公开。</p>", html=True)
        self.assertNotContains(r, "负责受理向本机关提出的政府信息公开申请")


class CatalogueAndSearchTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.notice = self.publish("示范县城乡环境卫生整治实施方案", "整治农村生活垃圾和污水。", self.rules,
                                   doc_number="示政发〔2025〕1号")
        self.budget = self.publish("2025年县财政局部门预算", "一般公共预算收入表。", self.finance)
        self.draft = workflow.create(self.agency, self.editor, title="尚未审核的环境草稿", body="草稿正文",
                                     made_on=D(2025, 3, 3), category=self.rules)

    def test_it_lists_the_catalogue_and_one_category(self):
        r = self.client.get(p("portal_catalogue", "county"))
        self.assertContains(r, "全部信息（共2条）")
        self.assertContains(r, "法规文件</a>（1）")
        self.assertContains(r, "示范县城乡环境卫生整治实施方案")
        self.assertNotContains(r, "尚未审核的环境草稿")
        r = self.client.get(p("portal_catalogue", "county"), {"category": self.finance.pk})
        self.assertContains(r, "财政信息（共1条）")
        self.assertContains(r, "2025年县财政局部门预算")
        self.assertNotContains(r, "示范县城乡环境卫生整治实施方案")

    def test_it_answers_404_for_another_agencys_category_or_a_bad_one(self):
        theirs = Category.objects.create(agency=self.other, name="镇务公开")
        url = p("portal_catalogue", "county")
        self.assertEqual(self.client.get(url, {"category": theirs.pk}).status_code, 404)
        self.assertEqual(self.client.get(url, {"category": "abc"}).status_code, 404)

    def test_it_paginates_twenty_a_page(self):
        Document.objects.bulk_create([
            Document(agency=self.agency, index_number=f"X/2025-{i:05d}", title=f"t{i}", public_title=f"批量信息{i}号",
                     made_on=D(2025, 1, 1), category=self.rules, public_category=self.rules,
                     public_channels="on_website", drafted_by=self.editor, public_version=1,
                     published_on=D(2025, 1, 2), state="published") for i in range(25)])
        url = p("portal_catalogue", "county")
        r = self.client.get(url, {"category": self.rules.pk})
        self.assertContains(r, "第1页，共2页")
        # 下一页 carries the last row shown (keyset pagination, portal/paging.py); the page number alone works too
        found = re.search(rf'href="\?(category={self.rules.pk}&amp;page=2&amp;after=[0-9-]+~\d+)"', r.content.decode())
        self.assertIsNotNone(found)
        for r in (self.client.get(url + "?" + html.unescape(found.group(1))),
                  self.client.get(url, {"category": self.rules.pk, "page": 2})):
            self.assertContains(r, "第2页，共2页")
            self.assertEqual(r.content.decode().count('<li><a href="/zfxxgk/county/documents/'), 6)

    def test_it_finds_documents_by_chinese_words(self):
        r = self.client.get(p("portal_search", "county"), {"q": "环境卫生"})
        self.assertContains(r, "“环境卫生”的检索结果（共1条）")
        self.assertContains(r, "示范县城乡环境卫生整治实施方案")
        self.assertNotContains(r, "尚未审核的环境草稿")  # drafts are never searched
        r = self.client.get(p("portal_search", "county"), {"q": "公共预算"})  # a word of the body
        self.assertContains(r, "2025年县财政局部门预算")

    def test_it_says_so_when_nothing_matches(self):
        r = self.client.get(p("portal_search", "county"), {"q": "高速公路"})
        self.assertContains(r, "（共0条）")
        self.assertContains(r, "没有找到相关的政府信息")

    def test_it_asks_for_words_and_refuses_an_overlong_query(self):
        url = p("portal_search", "county")
        self.assertNotContains(self.client.get(url), "请输入要查找的字词")  # the empty form, no scolding
        self.assertContains(self.client.get(url, {"q": "  "}), "请输入要查找的字词。")
        self.assertContains(self.client.get(url, {"q": "！？"}), "请输入汉字、字母或数字。")
        self.assertContains(self.client.get(url, {"q": "环" * 51}), "查找内容过长，请不超过50个字。")

    def test_it_does_not_search_withdrawn_documents_or_other_agencies(self):
        workflow.withdraw(self.notice, self.head, "内容已过时")
        r = self.client.get(p("portal_search", "county"), {"q": "环境卫生"})
        self.assertContains(r, "（共0条）")
        r = self.client.get(p("portal_search", "donghu"), {"q": "预算"})
        self.assertContains(r, "（共0条）")


class DocumentPageTests(PortalTestCase):
    def test_it_shows_the_published_version_with_its_particulars(self):
        doc = self.publish("示范县城乡环境卫生整治实施方案", "整治农村生活垃圾。", doc_number="示政发〔2025〕1号",
                           on_board=True)
        url = p("portal_document", "county", doc.index_number)
        self.assertEqual(url, "/zfxxgk/county/documents/COUNTY~2025-00001/")
        r = self.client.get(url)
        for text in ("示范县城乡环境卫生整治实施方案", "整治农村生活垃圾。", "COUNTY/2025-00001", "示政发〔2025〕1号",
                     "法规文件", "2025-03-10", "政府网站、公开栏"):
            self.assertContains(r, text)

    def test_it_keeps_showing_the_signed_off_text_while_a_revision_is_drafted(self):
        doc = self.publish("原标题", "原正文")
        workflow.edit(doc, self.editor, "更正错字", title="修订中的标题", body="修订中的正文")
        r = self.client.get(p("portal_document", "county", doc.index_number))
        self.assertContains(r, "原正文")
        self.assertNotContains(r, "修订中")

    def test_a_revision_moves_heading_and_channels_only_once_it_is_signed_off(self):
        doc = self.publish("示范县公告", "正文")  # 法规文件, on the website only (the default channels)
        catalogue, page = p("portal_catalogue", "county"), p("portal_document", "county", doc.index_number)
        doc = workflow.edit(doc, self.editor, "改放财政信息并上公开栏", category=self.finance, on_board=True)
        shown = self.client.get(page)
        self.assertContains(shown, "法规文件")
        self.assertNotContains(shown, "财政信息")
        self.assertNotContains(shown, "公开栏")
        self.assertContains(self.client.get(catalogue, {"category": self.rules.pk}), "示范县公告")
        self.assertNotContains(self.client.get(catalogue, {"category": self.finance.pk}), "示范县公告")
        self.assertContains(self.client.get(catalogue), "法规文件</a>（1）")
        api = self.client.get(f"/zfxxgk/api/agencies/county/documents/{doc.index_number.replace('/', '~')}").json()
        self.assertEqual((api["category"], api["channels"]), ("法规文件", ["政府网站"]))

        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        workflow.approve(doc, self.head)
        shown = self.client.get(page)
        self.assertContains(shown, "财政信息")
        self.assertContains(shown, "政府网站、公开栏")
        self.assertContains(self.client.get(catalogue, {"category": self.finance.pk}), "示范县公告")
        self.assertContains(self.client.get(catalogue), "财政信息</a>（1）")

    def test_a_withdrawn_document_says_when_and_why(self):
        doc = self.publish("示范县临时交通管制通告", "管制期间绕行。")
        workflow.withdraw(doc, self.head, "管制已结束", on=D(2025, 3, 12))
        r = self.client.get(p("portal_document", "county", doc.index_number))
        self.assertContains(r, "该信息已于2025年3月12日撤回。理由：管制已结束")
        self.assertNotContains(r, "管制期间绕行。")
        self.assertNotContains(self.client.get(p("portal_catalogue", "county")), "示范县临时交通管制通告")

    def test_it_answers_404_for_a_draft_another_agency_or_an_unknown_number(self):
        draft = workflow.create(self.agency, self.editor, title="草稿", made_on=D(2025, 3, 3), category=self.rules)
        self.assertEqual(self.client.get(p("portal_document", "county", draft.index_number)).status_code, 404)
        doc = self.publish("已公开")
        self.assertEqual(self.client.get(p("portal_document", "donghu", doc.index_number)).status_code, 404)
        self.assertEqual(self.client.get("/zfxxgk/county/documents/COUNTY~2025-99999/").status_code, 404)


class ApplyTests(PortalTestCase):
    def test_it_shows_every_article_29_field_with_a_label(self):
        r = self.client.get(p("portal_apply", "county"))
        for label in ("申请人类型", "姓名或名称", "身份证件号码或统一社会信用代码", "联系电话", "通信地址", "电子邮箱",
                      "申请公开的政府信息", "获取信息的方式", "公民", "商业企业", "电子邮件"):
            self.assertContains(r, label)
        self.assertContains(r, 'name="csrfmiddlewaretoken"')
        self.assertContains(r, '<label for="id_phone">')
        self.assertContains(r, 'aria-describedby="id_phone_help"')

    def test_it_registers_an_online_application_and_shows_the_code_once(self):
        r = self.client.post(p("portal_apply", "county"), APPLICANT)
        self.assertRedirects(r, p("portal_applied", "county"), fetch_redirect_response=False)
        app = Application.objects.get()
        self.assertEqual(app.number, "COUNTY-2025-00001")
        self.assertEqual((app.channel, app.received_on, app.state), ("online", D(2025, 3, 10), "registered"))
        self.assertEqual((app.applicant_name, app.id_number, app.phone), ("欧阳素娥", ID_NUMBER, "13912345678"))
        self.assertEqual(app.due_on, D(2025, 4, 8))  # 20 working days after 2025-03-10
        r = self.client.get(p("portal_applied", "county"))
        self.assertContains(r, "COUNTY-2025-00001")
        code = r.context["receipt"]["code"]
        self.assertRegex(code, r"^[A-HJ-KM-NP-Z2-9]{8}$")
        self.assertContains(r, code)
        self.assertNotIn(code, app.lookup_code)  # only a hash is stored
        self.assertTrue(check_password(code, app.lookup_code))
        self.assertIn("no-store", r["Cache-Control"])
        again = self.client.get(p("portal_applied", "county"))
        self.assertNotContains(again, code)
        self.assertContains(again, "回执只显示一次")

    def test_it_refuses_malformed_applications_in_chinese_and_stores_nothing(self):
        cases = [
            ({"applicant_name": ""}, "请填写姓名或名称。"),
            ({"phone": "12345"}, "联系电话格式不正确"),
            ({"id_number": "110105194912310021"}, "居民身份证号码有误（校验位不符）"),
            ({"id_number": "12"}, "证件号码格式不正确"),
            ({"description": "   "}, "请填写申请公开的政府信息。"),
            ({"email": "", "delivery": "email"}, "选择以电子邮件获取信息的，请填写电子邮箱。"),
            ({"address": "", "delivery": "post"}, "选择邮寄的，请填写通信地址。"),
            ({"applicant_type": "alien"}, "请选择申请人类型。"),
            ({"email": "not-an-email"}, "电子邮箱格式不正确。"),
        ]
        for change, message in cases:
            with self.subTest(message):
                r = self.client.post(p("portal_apply", "county"), {**APPLICANT, **change})
                self.assertContains(r, message, status_code=400)
                self.assertContains(r, "提交的内容有误", status_code=400)
                self.assertContains(r, 'aria-invalid="true"', status_code=400)
        self.assertFalse(Application.objects.exists())

    def test_it_accepts_a_landline_with_full_width_digits_and_an_organisation_code(self):
        data = {**APPLICANT, "applicant_type": "commercial", "applicant_name": "示范县某某建材有限公司",
                "id_number": "91110000600037341L", "phone": "０５３１－８２３４５６７８", "delivery": "pickup"}
        self.assertEqual(self.client.post(p("portal_apply", "county"), data).status_code, 302)
        self.assertEqual(Application.objects.get().phone, "0531-82345678")

    def test_it_is_csrf_protected(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post(p("portal_apply", "county"), APPLICANT).status_code, 403)
        self.assertFalse(Application.objects.exists())


class StatusTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.client.post(p("portal_apply", "county"), APPLICANT)
        self.code = self.client.get(p("portal_applied", "county")).context["receipt"]["code"]

    def look(self, number="COUNTY-2025-00001", code=None, agency="county"):
        return self.client.post(p("portal_status", agency), {"number": number, "code": code or self.code})

    def test_it_shows_the_state_and_deadline_for_the_right_code(self):
        r = self.look(number=" county-2025-00001 ", code=self.code.lower())  # typed loosely
        self.assertContains(r, "受理编号 COUNTY-2025-00001")
        self.assertContains(r, "<dt>办理状态</dt><dd>登记</dd>", html=True)
        self.assertContains(r, "<dt>收到申请之日</dt><dd>2025-03-10</dd>", html=True)
        self.assertContains(r, "<dt>答复期限</dt><dd>2025-04-08</dd>", html=True)
        for value in PERSONAL:
            self.assertNotContains(r, value)

    def test_it_shows_the_outcome_and_reply_date_once_answered(self):
        Application.objects.filter(number="COUNTY-2025-00001").update(
            state="reply", outcome="granted", replied_on=D(2025, 3, 20))
        r = self.look()
        self.assertContains(r, "<dt>办理结果</dt><dd>（一）予以公开</dd>", html=True)
        self.assertContains(r, "<dt>答复日期</dt><dd>2025-03-20</dd>", html=True)

    def test_a_wrong_code_and_an_unknown_number_get_the_same_message(self):
        wrong = self.look(code="AAAAAAAA")
        unknown = self.look(number="COUNTY-2025-00099")
        elsewhere = self.look(agency="donghu")
        for r in (wrong, unknown, elsewhere):
            self.assertContains(r, "受理编号或查询码不正确，请核对后重新输入。", status_code=400)
            self.assertNotContains(r, "办理状态", status_code=400)

    def test_a_staff_registered_application_without_a_code_cannot_be_looked_up(self):
        app = self.make_app()
        self.assertContains(self.look(number=app.number, code=" "), "请填写查询码。", status_code=400)
        self.assertContains(self.look(number=app.number, code="ABCDEFGH"), "受理编号或查询码不正确", status_code=400)

    def test_it_stops_answering_after_ten_failures_an_hour(self):
        for _ in range(settings.GONGKAI_LOOKUP_FAILURES_PER_CLIENT):
            self.assertEqual(self.look(code="WRONGCOD").status_code, 400)
        r = self.look()  # even the right code, now
        self.assertContains(r, "查询失败次数过多，请一小时后再试。", status_code=429)
        other_client = self.client_class(REMOTE_ADDR="10.0.0.9")
        r = other_client.post(p("portal_status", "county"), {"number": "COUNTY-2025-00001", "code": self.code})
        self.assertContains(r, "<dd>登记</dd>", html=True)


class ReportTests(PortalTestCase):
    def test_it_lists_and_shows_a_published_report(self):
        self.publish_report(2024)
        AnnualReport.objects.create(agency=self.agency, year=2023)  # a draft: not public
        r = self.client.get(p("portal_reports", "county"))
        self.assertContains(r, "示范县人民政府办公室2024年政府信息公开工作年度报告")
        self.assertContains(r, "发布日期 2025-01-20")
        self.assertNotContains(r, "2023年")
        r = self.client.get(p("portal_report", "county", 2024))
        self.assertContains(r, "培训不足，将加强。")
        self.assertContains(r, "结转下年度继续办理")
        self.assertContains(r, '<th scope="col"')
        self.assertContains(r, 'href="/zfxxgk/county/reports/2024/report.docx"')
        self.assertEqual(r.content.decode().count("<h1>"), 1)

    def test_it_downloads_the_report_as_published(self):
        self.publish_report(2024)
        r = self.client.get(p("portal_report_download", "county", 2024, "docx"))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.content[:2], b"PK")
        self.assertIn('filename="county-2024.docx"', r["Content-Disposition"])
        r = self.client.get(p("portal_report_download", "county", 2024, "pdf"))
        if r.status_code == 200:
            self.assertEqual(r.content[:5], b"%PDF-")
        else:  # no CJK font on this machine: a Chinese sentence, not a crash
            self.assertEqual(r.status_code, 503)
            self.assertContains(r, "暂时无法显示", status_code=503)
        self.assertEqual(self.client.get(p("portal_report_download", "county", 2024, "md")).status_code, 404)

    def test_unpublished_and_other_agencies_reports_are_404(self):
        AnnualReport.objects.create(agency=self.agency, year=2024, section1="草稿")
        self.assertEqual(self.client.get(p("portal_report", "county", 2024)).status_code, 404)
        self.assertEqual(self.client.get(p("portal_report_download", "county", 2024, "docx")).status_code, 404)
        self.publish_report(2023)
        self.assertEqual(self.client.get(p("portal_report", "donghu", 2023)).status_code, 404)


MESSAGE = {"subject": "建议增加按年份查找", "body": "公开目录能否按年份筛选？", "name": "李女士",
           "contact": "13700001111", "website": ""}


class MailboxTests(PortalTestCase):

    def test_a_message_reaches_the_staff_page_and_is_marked_handled(self):
        r = self.client.post(p("portal_mailbox", "county"), MESSAGE)
        self.assertRedirects(r, p("portal_mailbox_sent", "county"))
        self.assertContains(self.client.get(r.url), "感谢您的意见和建议")
        message = Message.objects.get()
        self.assertEqual((message.agency, message.handled), (self.agency, False))
        self.client.force_login(self.registrar)
        r = self.client.get(self.url("messages"))
        self.assertContains(r, "建议增加按年份查找")
        self.assertContains(r, "13700001111")
        r = self.client.post(self.url("message_handled", message.pk), {"reply": "已采纳"})
        self.assertRedirects(r, self.url("messages"))
        message.refresh_from_db()
        self.assertEqual((message.handled, message.reply), (True, "已采纳"))
        self.assertTrue(AuditEntry.objects.filter(subject=f"message:{message.pk}", actor=self.registrar).exists())

    def test_the_writers_name_and_contact_are_shown_only_to_the_roles_with_need_to_know(self):
        self.client.post(p("portal_mailbox", "county"), MESSAGE)
        self.client.force_login(self.editor)  # the website editor reads the messages, not who wrote them
        r = self.client.get(self.url("messages"))
        self.assertContains(r, "建议增加按年份查找")
        self.assertNotContains(r, "13700001111")
        self.assertNotContains(r, "李女士")
        self.assertContains(r, "已隐去")
        self.client.force_login(self.head)
        self.assertContains(self.client.get(self.url("messages")), "13700001111")

    def test_the_honeypot_swallows_spam(self):
        r = self.client.post(p("portal_mailbox", "county"), {**MESSAGE, "website": "http://spam.example"})
        self.assertRedirects(r, p("portal_mailbox_sent", "county"))
        self.assertFalse(Message.objects.exists())

    def test_it_refuses_an_empty_message_in_chinese(self):
        r = self.client.post(p("portal_mailbox", "county"), {"subject": "", "body": ""})
        self.assertContains(r, "请填写主题。", status_code=400)
        self.assertContains(r, "请填写内容。", status_code=400)
        self.assertFalse(Message.objects.exists())

    def test_the_staff_page_permission_stories(self):
        message = Message.objects.create(agency=self.agency, subject="s", body="b")
        url = self.url("messages")
        self.assertEqual(url, "/county/messages/")
        r = self.client.get(url)
        self.assertRedirects(r, f"/login/?next={url}", fetch_redirect_response=False)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(self.url("message_handled", message.pk)).status_code, 404)
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.url("message_handled", message.pk)).status_code, 405)
        theirs = Message.objects.create(agency=self.other, subject="s", body="b")
        self.assertEqual(self.client.post(self.url("message_handled", theirs.pk)).status_code, 404)


class DemoTests(PortalTestCase):
    def test_it_seeds_a_guide_and_three_messages(self):
        import random

        seed_portal(self.agency, random.Random(1))
        self.assertEqual(Message.objects.filter(agency=self.agency).count(), 3)
        self.assertIn("联系方式", Guide.objects.get(agency=self.agency).body)
        self.assertContains(self.client.get(p("portal_guide", "county")), "办公时间")


class IdCheckTests(PortalTestCase):
    def test_the_check_digit(self):
        self.assertTrue(resident_id_ok("11010519491231002X"))
        self.assertTrue(resident_id_ok("110101199003071233"))
        self.assertFalse(resident_id_ok("110101199003071234"))


class PrivacyTests(PortalTestCase):
    """Nothing about an applicant on any public page, API answer or log line."""

    def test_no_public_page_api_answer_or_log_shows_the_applicants_data(self):
        captured = []

        class Keep(logging.Handler):
            def emit(self, record):
                captured.append(self.format(record))

        handler = Keep(level=logging.DEBUG)
        root = logging.getLogger()
        root.addHandler(handler)
        old_level = root.level
        root.setLevel(logging.DEBUG)
        try:
            self.publish("示范县老旧小区改造项目公示", "改造范围。")
            self.publish_report(2024)
            bad = self.client.post(p("portal_apply", "county"), {**APPLICANT, "phone": "1"})  # a 400, logged
            self.assertEqual(bad.status_code, 400)
            self.client.post(p("portal_apply", "county"), APPLICANT)
            receipt = self.client.get(p("portal_applied", "county")).context["receipt"]
            self.client.post(p("portal_mailbox", "county"), {"subject": "s", "body": "b"})
            doc = Document.objects.get()
            pages = [p("portal_county"), *(p(name, "county") for name in (
                "portal_agency", "portal_guide", "portal_catalogue", "portal_apply", "portal_status",
                "portal_reports", "portal_mailbox", "portal_mailbox_sent")),
                p("portal_search", "county") + "?q=改造", p("portal_document", "county", doc.index_number),
                p("portal_report", "county", 2024), "/zfxxgk/api/agencies", "/zfxxgk/api/agencies/county",
                "/zfxxgk/api/agencies/county/guide", "/zfxxgk/api/agencies/county/categories",
                "/zfxxgk/api/agencies/county/documents", "/zfxxgk/api/agencies/county/documents?q=改造",
                "/zfxxgk/api/agencies/county/documents/COUNTY~2025-00001", "/zfxxgk/api/agencies/county/reports",
                "/zfxxgk/api/agencies/county/reports/2024", "/zfxxgk/api/openapi.json"]
            answers = [self.client.get(url) for url in pages]
            answers.append(self.client.post(p("portal_status", "county"), receipt))
            answers.append(self.client.post("/zfxxgk/api/agencies/county/status", receipt,
                                            content_type="application/json"))
            answers.append(self.client.post("/zfxxgk/api/agencies/county/status", {**receipt, "code": "X"},
                                            content_type="application/json"))
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        self.assertEqual(Application.objects.get().applicant_name, "欧阳素娥")
        for url, r in zip([*pages, "status", "api status", "api status wrong"], answers, strict=True):
            self.assertLess(r.status_code, 500, url)
            text = r.content.decode()
            for value in PERSONAL:
                self.assertNotIn(value, text, url)
        self.assertIn("COUNTY-2025-00001", answers[-3].content.decode())  # the lookups did find it
        logs = "\n".join(captured) + "\n".join(AuditEntry.objects.values_list("reason", flat=True))
        self.assertTrue(captured)  # the 400 was logged: the check below has something to look at
        for value in PERSONAL:
            self.assertNotIn(value, logs)


class AccessibilityTests(PortalTestCase):
    """axe-core in Chromium on the pages as served, phone-sized: no serious violation, no sideways scroll."""

    def test_every_public_page_passes_axe(self):
        from playwright.sync_api import sync_playwright

        from tests.chromium import PHONE, axe_source, horizontal_overflow, launch, require_chromium, serious_violations

        require_chromium()
        doc = self.publish("示范县城乡环境卫生整治实施方案", "整治农村生活垃圾。", doc_number="示政发〔2025〕1号")
        self.publish_report(2024)
        urls = [p("portal_county"), *(p(name, "county") for name in (
            "portal_agency", "portal_guide", "portal_catalogue", "portal_apply", "portal_status", "portal_reports",
            "portal_mailbox", "portal_mailbox_sent", "portal_applied")),
            p("portal_search", "county") + "?q=环境", p("portal_search", "county") + "?q=",
            p("portal_document", "county", doc.index_number), p("portal_report", "county", 2024)]
        pages = {url: self.client.get(url).content.decode() for url in urls}
        pages["apply (errors)"] = self.client.post(p("portal_apply", "county"), {"phone": "1"}).content.decode()
        pages["status (wrong)"] = self.client.post(p("portal_status", "county"),
                                                   {"number": "X", "code": "Y"}).content.decode()
        axe = axe_source()
        found = {}
        with sync_playwright() as pw:
            browser = launch(pw)
            page = browser.new_page(viewport=PHONE)
            for url, html in pages.items():
                page.set_content(html)
                problems = serious_violations(page, axe)
                overflow = horizontal_overflow(page)
                if problems or overflow > 0:
                    found[url] = (problems, overflow)
            browser.close()
        self.assertEqual(found, {})
