"""Control characters typed into any form are removed before they are stored, and whatever is stored
still gives Word and PDF files that open: the reply letters, the staff export and the public download."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth import get_user_model

from gongkai.report.controls import has_controls
from gongkai.web.applications.models import Application
from gongkai.web.disclosures.models import Document
from gongkai.web.portal.models import Guide, Message
from gongkai.web.reports.models import AnnualReport

from ..documents import CONTROLS, REMOVED, docx_text, libreoffice_text, pdf_text, printable
from .test_life import APPLICATION
from .test_portal import APPLICANT, MESSAGE, PortalTestCase, p

DIRTY_NAME = f"欧阳{REMOVED}素娥"
DIRTY_TEXT = f"本县{CONTROLS}道路建设项目的招标文件"
# What a row can hold from before the input guard: PostgreSQL's text and jsonb refuse NUL, everything else goes in.
STORED_NAME = DIRTY_NAME.replace("\x00", "")
STORED_TEXT = DIRTY_TEXT.replace("\x00", "")
STORED = REMOVED.replace("\x00", "")


def clean(value: str) -> bool:
    return not has_controls(value.replace("\t", "").replace("\n", "").replace("\r", ""))


class InputTests(PortalTestCase):
    def test_staff_registration_stores_names_and_text_without_them(self):
        self.client.force_login(self.registrar)
        r = self.client.post(self.url("register"), {**APPLICATION, "applicant_name": DIRTY_NAME,
                                                    "description": DIRTY_TEXT, "address": f"和平街{REMOVED}8号"})
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        app = Application.objects.get()
        self.assertEqual(app.applicant_name, "欧阳素娥")
        self.assertEqual(app.address, "和平街8号")
        self.assertTrue(clean(app.description) and app.description.startswith("本县"), repr(app.description))

    def test_the_online_application_and_its_api_twin_store_them_without_them(self):
        r = self.client.post(p("portal_apply", "county"), {**APPLICANT, "applicant_name": DIRTY_NAME,
                                                           "description": DIRTY_TEXT})
        self.assertEqual(r.status_code, 302)
        body = {**APPLICANT, "applicant_name": f"李{REMOVED}四", "description": DIRTY_TEXT}
        r = self.client.post("/zfxxgk/api/agencies/county/applications", json.dumps(body),
                             content_type="application/json")
        self.assertEqual(r.status_code, 201, r.content)
        names = sorted(Application.objects.values_list("applicant_name", flat=True))
        self.assertEqual(names, ["李四", "欧阳素娥"])
        self.assertTrue(all(clean(d) for d in Application.objects.values_list("description", flat=True)))

    def test_the_mailbox_stores_messages_without_them(self):
        self.client.post(p("portal_mailbox", "county"),
                         {**MESSAGE, "subject": f"建议{REMOVED}增加", "body": DIRTY_TEXT})
        self.client.post("/zfxxgk/api/agencies/county/messages",
                         json.dumps({**MESSAGE, "subject": f"二{REMOVED}号", "body": DIRTY_TEXT}),
                         content_type="application/json")
        self.assertEqual(sorted(Message.objects.values_list("subject", flat=True)), ["二号", "建议增加"])
        self.assertTrue(all(clean(b) for b in Message.objects.values_list("body", flat=True)))

    def test_documents_and_report_sections_are_stored_without_them(self):
        self.client.force_login(self.editor)
        r = self.client.post(self.url("document_new"), {
            "title": f"示范县{REMOVED}财政收支情况", "body": DIRTY_TEXT, "made_on": "2025-03-04",
            "attribute": "proactive", "category": self.finance.pk, "kind": "other"})
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        doc = Document.objects.get()
        self.assertEqual(doc.title, "示范县财政收支情况")
        self.assertTrue(clean(doc.body))
        self.client.force_login(self.reviewer)
        self.client.post(self.url("report_texts", 2025), {"section1": DIRTY_TEXT, "section5": f"无{REMOVED}。",
                                                          "section6": "无。"})
        texts = AnnualReport.objects.get(agency=self.agency, year=2025)
        self.assertEqual(texts.section5, "无。")
        self.assertTrue(clean(texts.section1) and "道路建设" in texts.section1)

    def test_the_guide_written_in_the_back_office_is_stored_without_them(self):
        admin = get_user_model().objects.create_superuser("root", password="password")
        self.client.force_login(admin)
        r = self.client.post("/admin/portal/guide/add/", {"agency": self.agency.pk, "body": f"一、{REMOVED}主动公开"})
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        self.assertEqual(Guide.objects.get().body, "一、主动公开")


class OutputTests(PortalTestCase):
    """What was stored before the input guard (written here straight into the rows) still downloads."""

    def decided(self) -> Application:
        app = self.make_app()
        Application.objects.filter(pk=app.pk).update(
            applicant_name=STORED_NAME, description=STORED_TEXT, outcome="granted", legal_basis="条例第三十六条第二项",
            reply_text=f"详见{STORED}附件。", replied_on=dt.date(2025, 3, 20), state="replied")
        return app

    def test_the_reply_letters_open_whatever_the_applicant_typed(self):
        app = self.decided()
        self.client.force_login(self.handler)
        docx = self.client.get(self.url("letter", app.number, "docx"))
        self.assertEqual(docx.status_code, 200)
        text = docx_text(docx.content)
        self.assertIn("欧阳素娥", text)
        self.assertTrue(printable(text))
        pdf = pdf_text(self.client.get(self.url("letter", app.number, "pdf")).content, self.tmp())
        self.assertIn("欧阳素娥", pdf)
        self.assertTrue(printable(pdf))

    def dirty_published_report(self):
        """A published report whose frozen snapshot holds control characters in the issuer and section 一."""
        texts = self.publish_report(2024)
        snapshot = dict(texts.snapshot)
        snapshot["issuer"] = f"示范县{STORED}人民政府办公室"
        snapshot["sections"] = {**snapshot["sections"], "1": {**snapshot["sections"]["1"], "text": STORED_TEXT}}
        AnnualReport.objects.filter(pk=texts.pk).update(snapshot=snapshot)

    def test_the_staff_export_opens_with_a_dirty_section(self):
        self.dirty_published_report()
        self.client.force_login(self.reviewer)
        for kind in ("docx", "pdf"):
            r = self.client.get(self.url("report_export", 2024, kind))
            self.assertEqual(r.status_code, 200)
            text = docx_text(r.content) if kind == "docx" else pdf_text(r.content, self.tmp())
            self.assertIn("道路建设项目", text)
            self.assertIn("示范县人民政府办公室", text)
            self.assertTrue(printable(text))

    def test_the_public_download_opens_in_word_libreoffice_and_pdftotext(self):
        self.dirty_published_report()
        docx = self.client.get(p("portal_report_download", "county", 2024, "docx"))
        self.assertEqual(docx.status_code, 200)
        for text in (docx_text(docx.content), libreoffice_text(docx.content, self.tmp())):
            self.assertIn("示范县人民政府办公室", text)
            self.assertIn("道路建设项目", text)
            self.assertTrue(printable(text))
        pdf = self.client.get(p("portal_report_download", "county", 2024, "pdf"))
        self.assertEqual(pdf.status_code, 200)
        text = pdf_text(pdf.content, self.tmp())
        self.assertIn("道路建设项目", text)
        self.assertTrue(printable(text))

    def tmp(self):
        import tempfile
        from pathlib import Path

        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        return Path(folder.name)
