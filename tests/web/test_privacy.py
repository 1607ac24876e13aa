"""Need-to-know, role by role: every staff page of a case, its letters and files, the public site and the
API, with the log captured. The applicant's ID number, phone, address and e-mail reach the registrar, the
handler, the reviewer and the head only (each look recorded), never another role, a public page, the API
or a log line.

(tests/web/test_portal.py's PrivacyTests covers the public site for an anonymous visitor; this is the
same promise for each role of the agency, logged in.)
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from gongkai.web.applications import privacy, services
from gongkai.web.applications.models import Attachment, PersonalDataView
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category
from gongkai.web.portal.views import register_online

from .base import ROLES, BaseTestCase

D = dt.date
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
ADDRESS = "示范县幸福路88号3单元"
EMAIL = "suoe@example.com"
PERSONAL = (ID_NUMBER, PHONE, ADDRESS, EMAIL)
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "欧阳素娥", "id_number": ID_NUMBER,
             "phone": PHONE, "address": ADDRESS, "email": EMAIL,
             "description": "2024年示范县老旧小区改造项目的资金分配方案", "delivery": "post"}
PERMITTED = ("registrar", "handler", "reviewer", "head")
MASKED = tuple(role for role in ROLES if role not in PERMITTED)
SHOWN_ON_PAGE = "身份证明号码、联系电话、通信地址、电子邮箱"


def docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def pdf_text(content: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class NeedToKnowTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.log = Captured()
        root = logging.getLogger()
        self._level = root.level
        root.addHandler(self.log)
        root.setLevel(logging.DEBUG)
        self.addCleanup(root.removeHandler, self.log)
        self.addCleanup(root.setLevel, self._level)
        # An online application, as the public files it, then worked: staff copy the applicant's phone
        # and address into a correction note and the reply, as they do.
        self.app = register_online(self.agency, dict(APPLICANT))
        self.code = self.app.plain_code
        services.apply(self.app, self.registrar, "submit", to_state="review", reason="提交审核")
        services.apply(self.app, self.reviewer, "correction", correction_requested_on=D(2025, 3, 10),
                       correction_note=f"已致电{PHONE}，请补充身份证复印件", reason=f"已致电{PHONE}告知补正")
        services.apply(self.app, self.handler, "decide", to_state="reply", outcome="granted",
                       legal_basis="《中华人民共和国政府信息公开条例》第二十七条",
                       reply_text=f"已按您留的地址{ADDRESS}寄送。", replied_on=D(2025, 3, 20),
                       reason="办理结果：予以公开")
        self.file = Attachment.objects.create(application=self.app, kind="application", uploaded_by=self.registrar,
                                              file=SimpleUploadedFile("申请书.txt", "身份证复印件".encode()))

    def staff_pages(self) -> dict[str, tuple[str, str]]:
        """Every staff page that shows something of the case: name -> (url, how to read it)."""
        n = self.app.number
        return {
            "dashboard": (self.url("dashboard"), "html"),
            "list": (self.url("applications"), "html"),
            "detail": (self.url("application", n), "html"),
            "letter.docx": (self.url("letter", n, "docx"), "docx"),
            "letter.pdf": (self.url("letter", n, "pdf"), "pdf"),
            "attachment": (self.url("attachment", n, self.file.pk), "file"),
            "appeals": (self.url("appeals"), "html"),
            "reports": (self.url("reports"), "html"),
            "documents": (self.url("documents"), "html"),
            "messages": (self.url("messages"), "html"),
            "access log": (self.url("personal_data_log"), "html"),
        }

    def read(self, role: str) -> dict[str, tuple[int, str]]:
        self.client.force_login(getattr(self, role))
        out = {}
        for name, (url, kind) in self.staff_pages().items():
            r = self.client.get(url)
            body = b"".join(r.streaming_content) if r.streaming else r.content
            if r.status_code == 200 and kind in ("docx", "pdf"):
                text = docx_text(body) if kind == "docx" else pdf_text(body)
            else:
                text = body.decode()
            out[name] = (r.status_code, text)
        return out


class StaffPagesTests(NeedToKnowTestCase):
    def test_the_permitted_roles_see_the_data_and_every_look_is_recorded(self):
        for role in PERMITTED:
            with self.subTest(role=role):
                pages = self.read(role)
                self.assertEqual({name: status for name, (status, _) in pages.items()
                                  if status >= 400 and name not in ("documents", "access log")}, {})
                detail = pages["detail"][1]
                for value in PERSONAL:
                    self.assertIn(value, detail)
                for letter in ("letter.docx", "letter.pdf"):
                    self.assertIn(ADDRESS, pages[letter][1].replace("\n", ""), letter)
                self.assertEqual(pages["attachment"][1], "身份证复印件")
                for name, (_, text) in pages.items():
                    if name not in ("detail", "letter.docx", "letter.pdf"):
                        for value in PERSONAL:
                            self.assertNotIn(value, text, name)
                views = PersonalDataView.objects.filter(user=getattr(self, role))
                self.assertEqual(sorted(views.values_list("via", "shown")),
                                 [("attachment", f"附件“{self.file.filename}”（申请材料）"), ("page", SHOWN_ON_PAGE)])
                self.assertEqual({v.application_id for v in views}, {self.app.pk})

    def test_every_other_role_sees_the_case_without_the_data(self):
        for role in MASKED:
            with self.subTest(role=role):
                pages = self.read(role)
                status, detail = pages["detail"]
                self.assertEqual(status, 200)
                self.assertIn(self.app.number, detail)
                self.assertIn("已隐去", detail)
                self.assertIn("已致电已隐去告知补正", detail)  # the trail, the values typed into it hidden
                self.assertIn("附件已隐去", detail)
                self.assertNotIn(self.file.filename, detail)
                status, text = pages["attachment"]
                self.assertEqual(status, 403)
                self.assertIn("仅登记、承办、审核人员和负责人可以下载", text)
                for letter in ("letter.docx", "letter.pdf"):
                    self.assertEqual(pages[letter][0], 200)
                    self.assertIn("已按您留的地址已隐去寄送", pages[letter][1].replace("\n", ""), letter)
                for name, (_, text) in pages.items():
                    for value in PERSONAL:
                        self.assertNotIn(value, text, f"{role}: {name}")
                self.assertFalse(PersonalDataView.objects.filter(user=getattr(self, role)).exists())

    def test_the_masked_copy_never_reaches_the_database(self):
        shown = privacy.masked(self.app)
        self.assertEqual((shown.phone, shown.id_number), ("已隐去", "已隐去"))
        with self.assertRaises(RuntimeError):
            shown.save()
        self.app.refresh_from_db()
        self.assertEqual(self.app.phone, PHONE)

    def test_an_id_number_is_hidden_in_either_letter_case(self):
        self.assertEqual(privacy.redact(f"证件{ID_NUMBER.lower()}", self.app), "证件已隐去")

    def test_nothing_personal_is_logged(self):
        for role in ROLES:
            self.read(role)
        self.client.logout()
        self.client.post(reverse("portal_apply", args=["county"]), {**APPLICANT, "phone": "1"})  # a 400, logged
        self.assertTrue(self.log.lines)
        logs = "\n".join(self.log.lines)
        for value in PERSONAL:
            self.assertNotIn(value, logs)


class AccessLogTests(NeedToKnowTestCase):
    def test_the_head_and_the_administrator_read_who_looked(self):
        self.read("handler")
        for role in ("head", "admin"):
            self.client.force_login(getattr(self, role))
            r = self.client.get(self.url("personal_data_log"))
            self.assertContains(r, "个人信息查看记录")
            self.assertContains(r, self.app.number)
            self.assertContains(r, SHOWN_ON_PAGE)
            self.assertContains(r, f"附件“{self.file.filename}”（申请材料）")
            self.assertContains(r, "handler")
            for value in PERSONAL:
                self.assertNotContains(r, value)
        r = self.client.get(self.url("personal_data_log") + "?number=COUNTY-2025-99999")
        self.assertContains(r, "没有记录。")

    def test_permission_stories(self):
        url = self.url("personal_data_log")
        self.assertRedirects(self.client.get(url), f"/login/?next={url}", fetch_redirect_response=False)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        for role in ("registrar", "handler", "reviewer", "editor", "first_reviewer"):
            self.client.force_login(getattr(self, role))
            self.assertEqual(self.client.get(url).status_code, 403, role)
        self.client.force_login(self.head)
        self.assertEqual(self.client.post(url).status_code, 405)


class PublicSiteAndApiTests(NeedToKnowTestCase):
    def test_no_public_page_or_api_answer_shows_the_data_whoever_asks(self):
        category = Category.objects.create(agency=self.agency, name="法规文件")
        doc = workflow.create(self.agency, self.editor, title="示范县老旧小区改造项目公示", body="改造范围。",
                              made_on=D(2025, 3, 3), category=category)
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        workflow.approve(doc, self.head)
        index = doc.index_number.replace("/", "~")
        gets = [reverse("portal_county"), *(reverse(name, args=["county"]) for name in (
            "portal_agency", "portal_guide", "portal_catalogue", "portal_status", "portal_reports")),
            reverse("portal_search", args=["county"]) + "?q=改造", reverse("portal_document", args=["county", index]),
            "/zfxxgk/api/agencies", "/zfxxgk/api/agencies/county", "/zfxxgk/api/agencies/county/documents",
            "/zfxxgk/api/agencies/county/documents?q=改造", f"/zfxxgk/api/agencies/county/documents/{index}",
            "/zfxxgk/api/openapi.json"]
        receipt = {"number": self.app.number, "code": self.code}
        for who in (None, *ROLES):
            with self.subTest(who=who):
                cache.clear()  # the status lookup's limit is not what this test is about
                if who:
                    self.client.force_login(getattr(self, who))
                else:
                    self.client.logout()
                answers = {url: self.client.get(url) for url in gets}
                answers["status"] = self.client.post(reverse("portal_status", args=["county"]), receipt)
                answers["api status"] = self.client.post("/zfxxgk/api/agencies/county/status", receipt,
                                                         content_type="application/json")
                for url, r in answers.items():
                    self.assertEqual(r.status_code, 200, url)
                    for value in (*PERSONAL, APPLICANT["applicant_name"]):
                        self.assertNotIn(value, r.content.decode(), url)
                self.assertContains(answers["api status"], self.app.number)  # the lookup did find it
        self.assertFalse(PersonalDataView.objects.exclude(user__in=[getattr(self, r) for r in PERMITTED]).exists())



def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)


def body_text(r) -> str:
    body = b"".join(r.streaming_content) if r.streaming else r.content
    kind = r.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return xlsx_text(body)
    if "wordprocessingml" in kind:
        return docx_text(body)
    if "pdf" in kind:
        return pdf_text(body)
    return body.decode("utf-8", "replace")


class SupervisorPagesTests(NeedToKnowTestCase):
    """The county office (政务公开办) reads every agency below it, never an applicant's data: a township
    holds a case of the same applicant (online, with every personal field), has filed its report and
    got a reminder; every supervision page the URL list holds is read by the office's supervisor."""

    def setUp(self):
        super().setUp()
        from django.contrib.auth import get_user_model

        from gongkai.web.agencies.models import Membership
        from gongkai.web.supervision import filing, reminders
        from gongkai.web.supervision.models import CountyRules

        from .supervision_base import make_ready

        self.town_app = register_online(self.other, dict(APPLICANT))
        self.supervisor = get_user_model().objects.create_user("gongkaiban", password="password")
        Membership.objects.create(user=self.supervisor, agency=self.agency, role="supervisor")
        CountyRules.objects.create(county=self.agency, filing_first=True)
        make_ready(self.other, self.outsider)
        self.filing = filing.submit(self.other, 2025, self.outsider)
        reminders.send(self.agency, self.other, 2025, "请按期发布。", self.supervisor)

    def supervision_urls(self) -> dict[str, str]:
        """Every GET page of the supervision app (S1's and those S2/S3 add), its arguments filled in."""
        from gongkai.web.supervision import urls

        values = {"code": self.agency.code, "year": 2025, "agency_code": self.other.code, "pk": self.filing.pk}
        out = {}
        for pattern in urls.urlpatterns:
            names = list(pattern.pattern.converters)
            if not set(names) <= set(values):
                continue  # an argument this test cannot know (e.g. an uploaded file's id): not a listed page
            out[pattern.name] = reverse(f"supervision:{pattern.name}",
                                        kwargs={"code": self.agency.code, **{n: values[n] for n in names}})
        return out

    def test_no_supervision_page_shows_the_applicants_data(self):
        self.client.force_login(self.supervisor)
        urls = self.supervision_urls()
        for name in ("home", "board", "rules", "reminders", "filing"):
            self.assertIn(name, urls)
        seen = set()
        for name, url in urls.items():
            with self.subTest(page=name):
                r = self.client.get(url, follow=True)
                if r.status_code == 405:
                    continue  # a POST-only step
                self.assertEqual(r.status_code, 200, url)
                seen.add(name)
                text = body_text(r)
                for value in (*PERSONAL, APPLICANT["applicant_name"]):
                    self.assertNotIn(value, text, url)
        self.assertTrue({"home", "board", "rules", "reminders", "filing"} <= seen)
        self.assertContains(self.client.get(urls["board"]), self.other.name)  # the township is on it
        self.assertFalse(PersonalDataView.objects.filter(user=self.supervisor).exists())
        for value in (*PERSONAL, APPLICANT["applicant_name"]):
            self.assertNotIn(value, "\n".join(self.log.lines))

    def test_the_supervisor_opens_no_case_page(self):
        self.client.force_login(self.supervisor)
        for url in (self.url("applications"), self.url("application", self.app.number),
                    reverse("application", args=[self.other.code, self.town_app.number])):
            self.assertEqual(self.client.get(url).status_code, 404, url)
