"""Sizes: a body declared over GONGKAI_MAX_REQUEST_BYTES is refused (413, in Chinese) before it is read, for
anonymous and staff requests alike; each attachment over GONGKAI_MAX_FILE_BYTES is refused by its form."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.web.applications.models import Application, Attachment
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category, DocumentFile
from gongkai.web.portal.models import Message

from .test_portal import APPLICANT, MESSAGE, PortalTestCase, p

HUGE = str(300 * 1024 * 1024)


class TooLargeBodyTests(PortalTestCase):
    def declared(self, path: str, length: str = HUGE, content_type="multipart/form-data; boundary=x"):
        # The body really sent is a few bytes: a server that tried to read the declared 300 MB would hang.
        return self.client.generic("POST", path, b"--x\r\n", content_type=content_type, CONTENT_LENGTH=length)

    def test_an_anonymous_application_is_refused_before_it_is_read(self):
        r = self.declared(p("portal_apply", "county"))
        self.assertEqual(r.status_code, 413)
        self.assertIn("提交的内容过大（超过 25 MB）", r.content.decode())
        self.assertEqual(r["Connection"], "close")
        self.assertFalse(Application.objects.exists())

    def test_a_staff_upload_is_refused_alike(self):
        self.client.force_login(self.registrar)
        app = self.make_app()
        r = self.declared(self.url("attach", app.number))
        self.assertContains(r, "提交的内容过大", status_code=413)
        self.assertFalse(Attachment.objects.filter(application=app).exists())

    def test_the_api_answers_with_its_envelope(self):
        r = self.declared("/zfxxgk/api/agencies/county/messages", content_type="application/json")
        self.assertEqual(r.status_code, 413)
        self.assertEqual(r.json()["error"]["code"], "too_large")
        self.assertIn("提交的内容过大", r.json()["error"]["message"])
        self.assertFalse(Message.objects.exists())

    def test_a_garbled_length_is_refused_too(self):
        self.assertEqual(self.declared(p("portal_apply", "county"), "12abc").status_code, 413)

    @override_settings(GONGKAI_MAX_REQUEST_BYTES=2000)
    def test_a_body_within_the_limit_goes_through_and_one_byte_more_does_not(self):
        data = {**MESSAGE, "body": "内容" * 100}
        self.assertEqual(self.client.post(p("portal_mailbox", "county"), data).status_code, 302)
        self.assertEqual(self.declared(p("portal_mailbox", "county"), "2001").status_code, 413)
        self.assertEqual(Message.objects.count(), 1)

    def test_the_online_application_itself_is_unaffected(self):
        self.assertEqual(self.client.post(p("portal_apply", "county"), APPLICANT).status_code, 302)


@override_settings(GONGKAI_MAX_FILE_BYTES=1024 * 1024)
class FileLimitTests(PortalTestCase):
    def test_an_application_attachment_over_the_limit_is_refused_in_chinese(self):
        app = self.make_app()
        before = app.attachments.count()
        self.client.force_login(self.handler)
        big = SimpleUploadedFile("扫描件.pdf", b"%PDF" + b"x" * (1024 * 1024 - 3))
        r = self.client.post(self.url("attach", app.number), {"kind": "delivery", "file": big})
        self.assertContains(r, "附件“扫描件.pdf”有 1.1 MB，超过每个附件 1 MB 的上限", status_code=400)
        self.assertEqual(app.attachments.count(), before)
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(self.url("attach", app.number),
                                 {"kind": "delivery",
                                  "file": SimpleUploadedFile("回证.pdf", b"%PDF" + b"x" * (1024 * 1024 - 4))})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(app.attachments.count(), before + 1)

    def test_a_document_attachment_over_the_limit_is_refused_in_chinese(self):
        category = Category.objects.create(agency=self.agency, name="财政预决算", order=3)
        doc = workflow.create(self.agency, self.editor, title="2025年预算", body="", made_on=dt.date(2025, 3, 3),
                              category=category)
        self.client.force_login(self.editor)
        r = self.client.post(self.url("document_attach", doc.pk),
                             {"attach-file": SimpleUploadedFile("预算表.xlsx", b"x" * (1024 * 1024 + 1))})
        self.assertContains(r, "超过每个附件", status_code=400)
        self.assertFalse(DocumentFile.objects.filter(document=doc).exists())
