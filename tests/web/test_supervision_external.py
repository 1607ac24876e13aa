"""Reports published elsewhere, uploaded by the county office: real files from tests/data.

tests/data/rebuilt/seed000.docx is 阿合奇县库兰萨日克乡人民政府's 2021 report, seed001.docx 同仁市年都乎乡人民政府's,
seed002.docx 朗县人民政府's. The county's roster here has 阿合奇县库兰萨日克乡人民政府 under its full name and
年都乎乡人民政府 without its city (matched by the corpus roster's tail rule: exactly one agency fits);
朗县 is not on it (unmatched, then set by hand).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.web.agencies.models import Agency, AuditEntry
from gongkai.web.supervision import external
from gongkai.web.supervision.models import ExternalReport
from gongkai.web.supervision.sources import reports_of

from .supervision_base import SupervisionTestCase

DATA = Path(__file__).resolve().parent.parent / "data" / "rebuilt"


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (DATA / name).read_bytes())


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CORRUPT_DOCX = b"PK\x03\x04" + b"\x00" * 40 + b"this is not a word document"


class ExternalCase(SupervisionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kulan = Agency.objects.create(name="阿合奇县库兰萨日克乡人民政府", code="kulan", level="township",
                                          parent=cls.county)
        cls.niandu = Agency.objects.create(name="年都乎乡人民政府", code="niandu", level="township",
                                           parent=cls.county)


class UploadTest(ExternalCase):
    def test_files_matched_unmatched_corrupt_and_unknown_each_get_their_outcome(self):
        outcomes = external.upload(self.county, 2021, [
            upload("seed000.docx"), upload("seed002.docx"), upload("broken.docx", CORRUPT_DOCX),
            upload("notes.bin", bytes(range(256)) * 4)], self.supervisor)
        self.assertEqual([(o.name, o.level) for o in outcomes], [
            ("seed000.docx", "ok"), ("seed002.docx", "warning"), ("broken.docx", "error"), ("notes.bin", "error")])
        self.assertIn("阿合奇县库兰萨日克乡人民政府", outcomes[0].message)
        self.assertIn("朗县人民政府", outcomes[1].message)  # the issuer read, not on the roster
        for o in outcomes[2:]:
            self.assertIn("无法读取", o.message)
            self.assertRegex(o.message, r"[\u4e00-\u9fff]{4,}")  # a Chinese reason
        rows = {r.label: r for r in ExternalReport.objects.filter(county=self.county)}
        self.assertEqual(rows["seed000.docx"].agency, self.kulan)
        self.assertEqual(rows["seed000.docx"].year, 2021)
        self.assertEqual(rows["seed000.docx"].document["issuer"], "阿合奇县库兰萨日克乡人民政府")
        self.assertIn("provenance", rows["seed000.docx"].document)
        self.assertIsNone(rows["seed002.docx"].agency)
        self.assertTrue(rows["broken.docx"].parse_error)
        self.assertIsNone(rows["broken.docx"].document)
        self.assertEqual(AuditEntry.objects.filter(action="external_upload").count(), 4)
        # The matched report is now the agency's report of 2021 for every supervisor page.
        found = reports_of(self.county, 2021)
        self.assertEqual(found[self.kulan.pk].source, "external")
        self.assertEqual(set(found), {self.kulan.pk})

    def test_zip_members_read_one_by_one_and_a_member_over_the_limit_refused(self):
        data = zipped({"报告/seed001.docx": (DATA / "seed001.docx").read_bytes(), "报告/broken.docx": CORRUPT_DOCX,
                       "bomb.txt": b"0" * (2 * 1024 * 1024)})
        with override_settings(GONGKAI_MAX_FILE_BYTES=1024 * 1024):
            outcomes = external.upload(self.county, 2021, [upload("reports.zip", data)], self.supervisor)
        got = {o.name: o.level for o in outcomes}
        self.assertEqual(got, {"reports.zip::报告/seed001.docx": "ok", "reports.zip::报告/broken.docx": "error",
                               "reports.zip::bomb.txt": "error"})
        # 年都乎乡人民政府 on the roster, 同仁市年都乎乡人民政府 in the report: the one agency that fits.
        self.assertEqual(ExternalReport.objects.get(label="reports.zip::报告/seed001.docx").agency, self.niandu)
        bomb = next(o for o in outcomes if o.name.endswith("bomb.txt"))
        self.assertIn("超过 1048576 字节", bomb.message)  # the core's own sentence

    def test_a_corrupt_zip_is_one_error(self):
        outcomes = external.upload(self.county, 2021, [upload("reports.zip", b"PK\x03\x04broken zip")],
                                   self.supervisor)
        self.assertEqual([o.level for o in outcomes], ["error"])

    def test_the_same_content_is_stored_once(self):
        external.upload(self.county, 2021, [upload("seed000.docx")], self.supervisor)
        (again,) = external.upload(self.county, 2021, [upload("copy of seed000.docx",
                                                              (DATA / "seed000.docx").read_bytes())],
                                   self.supervisor)
        self.assertEqual(again.level, "warning")
        self.assertIn("内容相同", again.message)
        self.assertEqual(ExternalReport.objects.count(), 1)
        # Another county may hold the same file for itself.
        external.upload(self.other_county, 2021, [upload("seed000.docx")], self.other_supervisor)
        self.assertEqual(ExternalReport.objects.count(), 2)

    def test_a_file_over_the_size_limit_is_refused_before_reading(self):
        with override_settings(GONGKAI_MAX_FILE_BYTES=1024):
            (outcome,) = external.upload(self.county, 2021, [upload("seed000.docx")], self.supervisor)
        self.assertEqual(outcome.level, "error")
        self.assertFalse(ExternalReport.objects.exists())


class AssignTest(ExternalCase):
    def test_manual_override_and_scope(self):
        external.upload(self.county, 2021, [upload("seed002.docx")], self.supervisor)
        row = ExternalReport.objects.get()
        external.assign(self.county, row.pk, self.jiaoyu, self.supervisor)
        row.refresh_from_db()
        self.assertEqual(row.agency, self.jiaoyu)
        entry = AuditEntry.objects.get(action="external_assign")
        self.assertEqual((entry.from_state, entry.to_state), ("", str(self.jiaoyu.pk)))
        from gongkai.web.agencies.locks import Conflict
        with self.assertRaises(Conflict):  # an agency of another county
            external.assign(self.county, row.pk, self.other_town, self.supervisor)
        with self.assertRaises(Conflict):  # the row through another county
            external.assign(self.other_county, row.pk, self.other_town, self.other_supervisor)
        row.refresh_from_db()
        self.assertEqual(row.agency, self.jiaoyu)


class ExternalViewTest(ExternalCase):
    def url(self, county=None):
        return self.sv("external", 2021, county=county)

    def test_upload_through_the_page_then_assign(self):
        self.client.force_login(self.supervisor)
        response = self.client.post(self.url(), {"action": "upload", "files": [upload("seed002.docx"),
                                                                                upload("broken.docx", CORRUPT_DOCX)]},
                                    follow=True)
        page = response.content.decode()
        self.assertIn("seed002.docx：已读取，但报告单位“朗县人民政府”未能对应", page)
        self.assertIn("broken.docx：无法读取", page)
        row = ExternalReport.objects.get(label="seed002.docx")
        response = self.client.post(self.url(), {"action": "assign", "external": row.pk, "agency": "jiaoyu"},
                                    follow=True)
        self.assertIn("已将“seed002.docx”对应到 示范县教育局", response.content.decode())
        row.refresh_from_db()
        self.assertEqual(row.agency, self.jiaoyu)
        # An agency outside the county by its code: 404 from agency_in_scope, nothing changed.
        response = self.client.post(self.url(), {"action": "assign", "external": row.pk, "agency": "nanling"})
        self.assertEqual(response.status_code, 404)
        row.refresh_from_db()
        self.assertEqual(row.agency, self.jiaoyu)

    def test_no_file_says_so(self):
        self.client.force_login(self.supervisor)
        response = self.client.post(self.url(), {"action": "upload"}, follow=True)
        self.assertIn("请选择要上传的文件", response.content.decode())

    def test_permission_stories(self):
        for user in (self.other_supervisor, self.donghu_head, self.donghu_handler):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404)
            response = self.client.post(self.url(), {"action": "upload", "files": [upload("seed000.docx")]})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(ExternalReport.objects.exists())
        self.client.logout()
        self.assertEqual(self.client.get(self.url()).status_code, 302)
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(self.url()).status_code, 200)


SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_b62a3e5167963438.txt"


def altered(value: str) -> bytes:
    """seed 000 (阿合奇县库兰萨日克乡, 2021) with 一、本年新收 自然人 (line 83, a 0) set to ``value``: that row's
    总计 stays 0, so row_total and balance are errors naming the cell."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[82] == "\t0"
    lines[82] = f"\t{value}"
    return "\n".join(lines).encode("utf-8")


class EvidenceFromTheFileTest(ExternalCase):
    def test_findings_of_an_uploaded_report_point_at_the_line_and_survive_a_reupload(self):
        from gongkai.web.supervision import findings as F

        external.upload(self.county, 2021, [upload("altered.txt", altered("7"))], self.supervisor)
        items = [i for i in F.collect(self.county, 2021) if i.agency == self.kulan and i.rule == "row_total"]
        (item,) = items
        self.assertEqual(item.severity_label, "错误")
        (cell,) = [e for e in item.evidence if e.path == "applications.new.natural_person"]
        self.assertEqual((cell.value, cell.raw, cell.where), ("7", "7", "第83行"))
        F.decide(self.county, 2021, item.fingerprint, "confirmed", "总计漏填", self.supervisor)
        self.client.force_login(self.supervisor)
        page = self.client.get(self.sv("findings", 2021)).content.decode()
        self.assertIn("= <strong>7</strong>（原文“7”，第83行）", page)
        # The office uploads the agency's corrected-but-still-wrong file: a new content, the same finding.
        external.upload(self.county, 2021, [upload("altered again.txt", altered("8"))], self.supervisor)
        (again,) = [i for i in F.collect(self.county, 2021) if i.agency == self.kulan and i.rule == "row_total"]
        self.assertEqual(again.fingerprint, item.fingerprint)
        self.assertEqual(again.source, "外部上传 altered again.txt")
        self.assertEqual(again.decision.comment, "总计漏填")
