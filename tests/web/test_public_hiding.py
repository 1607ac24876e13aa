"""What the public HTML hides, the API and the download links hide too: a withdrawn or repealed
document's text and attachments, a revision still under review, a draft's files."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Document, DocumentFile

from .test_portal import PortalTestCase

D = dt.date
TEXT = "封控区域内居民居家，每日核酸检测。"
FILE = b"%PDF-1.4 the attachment"


class HidingTestCase(PortalTestCase):
    def published_with_file(self) -> tuple[Document, DocumentFile]:
        doc = workflow.create(self.agency, self.editor, title="示范县临时管控通告", body=TEXT, made_on=D(2025, 3, 3),
                              category=self.rules)
        item = DocumentFile.objects.create(document=doc, name="管控范围图.pdf",
                                           file=SimpleUploadedFile("map.pdf", FILE))
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head), item

    def download(self, doc, item):
        return self.client.get(reverse("portal_document_file", args=["county", doc.index_number, item.pk]))

    def api(self, doc) -> dict:
        r = self.client.get(f"/zfxxgk/api/agencies/county/documents/{doc.index_number.replace('/', '~')}")
        self.assertEqual(r.status_code, 200)
        return r.json()

    def html(self, doc) -> str:
        return self.client.get(reverse("portal_document", args=["county", doc.index_number])).content.decode()


class WithdrawnTests(HidingTestCase):
    def test_the_public_download_of_a_withdrawn_documents_attachment(self):
        doc, item = self.published_with_file()
        r = self.download(doc, item)
        self.assertEqual((r.status_code, b"".join(r.streaming_content)), (200, FILE))
        workflow.withdraw(doc, self.head, "管控已解除", on=D(2025, 3, 12))
        r = self.download(doc, item)
        self.assertEqual(r.status_code, 410)
        self.assertEqual(r["Content-Type"], "text/html; charset=utf-8")
        self.assertContains(r, "已于2025年3月12日撤回，其附件不再提供下载", status_code=410)
        self.assertNotIn(FILE, r.content)

    def test_a_repealed_documents_attachment_is_gone_too(self):
        doc, item = self.published_with_file()
        workflow.withdraw(doc, self.head, "已被新规定替代", repealed=True, on=D(2025, 3, 12))
        self.assertContains(self.download(doc, item), "废止，其附件不再提供下载", status_code=410)

    def test_the_api_returns_no_text_or_file_of_a_withdrawn_document(self):
        doc, _ = self.published_with_file()
        body = self.api(doc)
        self.assertEqual((body["body"], [f["name"] for f in body["files"]]), (TEXT, ["管控范围图.pdf"]))
        workflow.withdraw(doc, self.head, "管控已解除", on=D(2025, 3, 12))
        body = self.api(doc)
        self.assertEqual((body["withdrawn"], body["body"], body["files"]), (True, "", []))
        self.assertNotIn(TEXT, self.html(doc))
        self.assertNotIn(TEXT, str(body))

    def test_an_unknown_file_or_another_documents_file_is_404(self):
        doc, item = self.published_with_file()
        other, _ = self.published_with_file()
        r = self.client.get(reverse("portal_document_file", args=["county", other.index_number, item.pk]))
        self.assertEqual(r.status_code, 404)
        r = self.client.get(reverse("portal_document_file", args=["county", doc.index_number, 999999]))
        self.assertEqual(r.status_code, 404)


class ApiMatchesHtmlTests(HidingTestCase):
    """For each public state of a document, the API's text and files are exactly the page's."""

    def assertSameAsPage(self, doc):
        body, page = self.api(doc), self.html(doc)
        if body["body"]:
            self.assertIn(body["body"], page)
        for f in body["files"]:
            self.assertIn(f["url"], page)
        for text in (TEXT, "修订中的正文"):
            self.assertEqual(text in page, text in str(body), text)
        self.assertEqual(page.count("/files/"), len(body["files"]))

    def test_published_revised_and_withdrawn(self):
        doc, _ = self.published_with_file()
        self.assertSameAsPage(doc)
        workflow.edit(doc, self.editor, "更正", title="修订中的标题", body="修订中的正文")
        doc.refresh_from_db()
        self.assertSameAsPage(doc)
        self.assertNotIn("修订中", str(self.api(doc)))
        workflow.withdraw(doc, self.head, "管控已解除", on=D(2025, 3, 12))
        doc.refresh_from_db()
        self.assertSameAsPage(doc)
        self.assertEqual(self.api(doc)["body"], "")

    def test_a_drafts_attachment_is_never_public(self):
        draft = workflow.create(self.agency, self.editor, title="草稿", body="草稿正文", made_on=D(2025, 3, 3),
                                category=self.rules)
        item = DocumentFile.objects.create(document=draft, name="草稿附件.pdf", file=SimpleUploadedFile("d.pdf", FILE))
        self.assertEqual(self.download(draft, item).status_code, 404)
