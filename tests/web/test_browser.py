"""End to end in a real headless Chromium (Debian's), against the platform on a live server.

Two stories the public and the staff live every day: a citizen files an application on the portal
and follows it with the tracking number and the private code; a clerk drafts a document, 初审 (with
保密审查), 审核 and 审发 pass it, and it is in the public catalogue and in search. Every public page
type is also checked with axe-core (no serious or critical violation) at phone and desktop width.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.test import override_settings

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications.models import Application
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category, Document
from gongkai.web.portal.urls import IndexConverter

from ..chromium import DESKTOP, PHONE, axe_source, horizontal_overflow, serious_violations
from .live_browser import LiveBrowserTestCase

PASSWORD = "browser-pass-1"
ID_NUMBER = "11010519491231002X"  # a valid check digit (GB 11643), so the form accepts it
PHONE_NUMBER = "13912345678"


@override_settings(GONGKAI_TODAY=dt.date(2025, 3, 10))  # MEDIA_ROOT: tests/conftest.py
class BrowserTestCase(LiveBrowserTestCase):
    password = PASSWORD

    def setUp(self):
        User = get_user_model()
        self.agency = Agency.objects.create(name="示范县人民政府办公室", code="county", level="government")
        self.category = Category.objects.create(agency=self.agency, name="法规文件", order=1)
        self.users = {}
        for role in ("editor", "first_reviewer", "reviewer", "head", "registrar"):
            user = User.objects.create_user(role, password=PASSWORD, first_name=role)
            Membership.objects.create(user=user, agency=self.agency, role=role)
            self.users[role] = user
        self.context = self.browser.new_context(viewport=DESKTOP, locale="zh-CN")
        self.page = self.context.new_page()

    def tearDown(self):
        self.context.close()


    def test_a_citizen_files_an_application_and_follows_it(self):
        page = self.page
        self.go("/zfxxgk/county/apply/")
        page.get_by_label("申请人类型").select_option(label="自然人")
        page.get_by_label("姓名或名称").fill("王小明")
        page.get_by_label("身份证件号码或统一社会信用代码").fill(ID_NUMBER)
        page.get_by_label("联系电话").fill(PHONE_NUMBER)
        page.get_by_label("通信地址").fill("示范县人民路18号")
        page.get_by_label("电子邮箱").fill("wang@example.cn")
        page.get_by_label("申请公开的政府信息").fill("示范县2024年城乡低保资金发放情况")
        page.get_by_label("电子邮件", exact=True).check()
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_load_state()
        self.assertIn("申请已提交", page.content())
        number, code = (t.strip() for t in page.locator("dd.code").all_inner_texts())
        self.assertRegex(number, r"^COUNTY-2025-\d{5}$")
        app = Application.objects.get(number=number)
        self.assertEqual((app.channel, app.applicant_name, app.received_on), ("online", "王小明", dt.date(2025, 3, 10)))

        # Reloading the confirmation does not show the code again.
        page.reload()
        self.assertNotIn(code, page.content())

        self.go("/zfxxgk/county/status/")
        page.get_by_label("受理编号").fill(number)
        page.get_by_label("查询码").fill(code)
        page.get_by_role("button", name="查询").click()
        page.wait_for_load_state()
        text = page.inner_text("main")
        self.assertIn(f"受理编号 {number}", text)
        self.assertIn("2025-03-10", text)
        # 20 working days from 2025-03-11 (the day after receipt), no holiday in March/April before Qingming
        # (2025-04-04): Mar 11-14 (4), 17-21 (9), 24-28 (14), Mar 31-Apr 3 (18), Apr 7 (19), Apr 8 (20).
        self.assertIn("2025-04-08", text)
        for private in (ID_NUMBER, PHONE_NUMBER, "人民路", "王小明"):
            self.assertNotIn(private, page.content())

        # A wrong code reveals nothing.
        self.go("/zfxxgk/county/status/")
        page.get_by_label("受理编号").fill(number)
        page.get_by_label("查询码").fill("WRONG123")
        page.get_by_role("button", name="查询").click()
        page.wait_for_load_state()
        self.assertNotIn("2025-04-08", page.content())

    def act(self, username: str, doc: Document, button: str, secrecy: bool = False):
        self.login(username)
        self.go(f"/county/disclosures/{doc.pk}/")
        form = self.page.locator("form.action").filter(has=self.page.get_by_role("button", name=button))
        if secrecy:
            form.get_by_label("经保密审查，不涉及国家秘密").check()
        form.get_by_role("button", name=button).click()
        self.page.wait_for_load_state()

    def test_a_document_passes_three_reviewers_and_reaches_the_catalogue_and_search(self):
        page = self.page
        self.login("editor")
        self.go("/county/disclosures/new/")
        page.get_by_label("标题").fill("示范县农村人居环境整治三年行动方案")
        page.get_by_label("文号").fill("示范政办发〔2025〕7号")
        page.get_by_label("形成或变更日期").fill("2025-03-05")
        page.get_by_label("正文").fill("为改善农村人居环境，制定本方案。")
        page.get_by_label("公开目录").select_option(label="法规文件")
        page.get_by_role("button", name="保存").click()
        page.wait_for_load_state()
        doc = Document.objects.get(title="示范县农村人居环境整治三年行动方案")
        form = page.locator("form.action").filter(has=page.get_by_role("button", name="送审"))
        form.get_by_role("button", name="送审").click()
        page.wait_for_load_state()
        doc.refresh_from_db()
        self.assertEqual(doc.state, "first_review")
        # The drafter is offered no review step on their own draft.
        self.assertEqual(page.get_by_role("button", name="初审通过").count(), 0)

        self.act("first_reviewer", doc, "初审通过", secrecy=True)
        self.act("reviewer", doc, "审核通过")
        self.act("head", doc, "审发通过")
        doc.refresh_from_db()
        self.assertEqual((doc.state, doc.published_on), ("published", dt.date(2025, 3, 10)))

        self.context.clear_cookies()
        self.go(f"/zfxxgk/county/catalogue/?category={self.category.pk}")
        page.get_by_role("link", name="示范县农村人居环境整治三年行动方案").click()
        page.wait_for_load_state()
        self.assertIn(doc.index_number, page.inner_text("main"))
        self.assertIn("示范政办发〔2025〕7号", page.inner_text("main"))

        self.go("/zfxxgk/county/search/?q=" + "人居环境")
        self.assertIn("示范县农村人居环境整治三年行动方案", page.inner_text("main"))
        self.go("/zfxxgk/county/search/?q=" + "低保资金")
        self.assertNotIn("示范县农村人居环境整治三年行动方案", page.inner_text("main"))

    def publish(self, title: str, body: str = "正文。") -> Document:
        doc = workflow.create(self.agency, self.users["editor"], title=title, body=body, made_on=dt.date(2025, 3, 3),
                              category=self.category)
        workflow.submit(doc, self.users["editor"])
        workflow.approve(doc, self.users["first_reviewer"], secrecy_cleared=True)
        workflow.approve(doc, self.users["reviewer"])
        return workflow.approve(doc, self.users["head"])

    def test_every_public_page_type_passes_axe_at_phone_and_desktop_width(self):
        from gongkai.web.reports.models import AnnualReport

        doc = self.publish("示范县2025年政府工作报告", "一、2024年工作回顾。\n二、2025年工作安排。")
        gone = self.publish("示范县旧办法")
        workflow.withdraw(gone, self.users["head"], "已被新办法替代")
        AnnualReport.objects.create(agency=self.agency, year=2024, state="published", published_on=dt.date(2025, 1, 20),
                                    snapshot=_published_snapshot(self.agency))
        to_url = IndexConverter().to_url
        pages = {
            "county": "/zfxxgk/", "agency": "/zfxxgk/county/", "guide": "/zfxxgk/county/guide/",
            "catalogue": "/zfxxgk/county/catalogue/", "search": "/zfxxgk/county/search/?q=政府工作",
            "document": f"/zfxxgk/county/documents/{to_url(doc.index_number)}/",
            "withdrawn document": f"/zfxxgk/county/documents/{to_url(gone.index_number)}/",
            "apply": "/zfxxgk/county/apply/", "status": "/zfxxgk/county/status/",
            "reports": "/zfxxgk/county/reports/", "report": "/zfxxgk/county/reports/2024/",
            "mailbox": "/zfxxgk/county/mailbox/",
        }
        axe = axe_source()
        for viewport in (PHONE, DESKTOP):
            self.page.set_viewport_size(viewport)
            for name, path in pages.items():
                with self.subTest(page=name, width=viewport["width"]):
                    self.go(path)
                    self.assertEqual(serious_violations(self.page, axe), [])
                    self.assertLessEqual(horizontal_overflow(self.page), 0)
        # The form pages after an invalid submission (error messages tied to their fields) too.
        self.page.set_viewport_size(PHONE)
        self.go("/zfxxgk/county/apply/")
        self.page.get_by_role("button", name="提交申请").click()
        self.page.wait_for_load_state()
        self.assertTrue(re.search(r"请填写|不能为空|必填", self.page.inner_text("main")))
        self.assertEqual(serious_violations(self.page, axe), [])


def _published_snapshot(agency) -> dict:
    """The contract JSON of a 2024 report assembled from (empty) records, as publication stores it."""
    from gongkai.report import document_json
    from gongkai.web.reports import assemble

    return document_json(assemble.assemble(agency, 2024))
