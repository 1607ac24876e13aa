"""The JSON twin of the public site: each endpoint's answer by hand, the one error envelope, and the
OpenAPI schema that lists every endpoint with a Chinese summary.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.test import override_settings

from gongkai.web.applications.models import Application
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category
from gongkai.web.portal.models import Guide, Message
from gongkai.web.reports.models import AnnualReport

from .test_portal import APPLICANT, FAST_HASHER, PortalTestCase

D = dt.date
API = "/zfxxgk/api"


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class ApiTestCase(PortalTestCase):
    def get(self, path, status=200, **params):
        r = self.client.get(API + path, params)
        self.assertEqual(r.status_code, status, r.content)
        self.assertTrue(r["Content-Type"].startswith("application/json"), r["Content-Type"])
        return r.json()

    def post(self, path, body, status=200):
        r = self.client.post(API + path, body, content_type="application/json")
        self.assertEqual(r.status_code, status, r.content)
        return r.json()

    def assertEnvelope(self, body, code):
        self.assertEqual(set(body), {"error"})
        self.assertEqual(body["error"]["code"], code)
        self.assertRegex(body["error"]["message"], r"[\u4e00-\u9fff]")


class ReadingTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.doc = self.publish("示范县城乡环境卫生整治实施方案", "整治农村生活垃圾。", doc_number="示政发〔2025〕1号")
        self.budget = self.publish("2025年县财政局部门预算", "一般公共预算收入表。", self.finance)

    def test_agencies_lists_parents_before_children(self):
        self.assertEqual(self.get("/agencies"), [
            {"code": "county", "name": "示范县人民政府办公室", "level": "department", "level_display": "政府部门",
             "parent": None, "url": "/zfxxgk/county/"},
            {"code": "donghu", "name": "示范县东湖镇人民政府", "level": "township", "level_display": "乡镇（街道）",
             "parent": "county", "url": "/zfxxgk/donghu/"},
        ])

    def test_agency_has_children_categories_and_latest(self):
        body = self.get("/agencies/county")
        self.assertEqual(body["agency"]["name"], "示范县人民政府办公室")
        self.assertEqual([c["code"] for c in body["children"]], ["donghu"])
        self.assertEqual(body["categories"], [{"id": self.rules.pk, "name": "法规文件", "count": 1},
                                              {"id": self.finance.pk, "name": "财政信息", "count": 1}])
        self.assertEqual([d["title"] for d in body["latest"]],
                         ["2025年县财政局部门预算", "示范县城乡环境卫生整治实施方案"])

    def test_categories(self):
        self.assertEqual([c["count"] for c in self.get("/agencies/county/categories")], [1, 1])

    def test_documents_filtered_searched_and_paginated(self):
        body = self.get("/agencies/county/documents")
        self.assertEqual((body["count"], body["page"], body["pages"], body["per_page"]), (2, 1, 1, 20))
        self.assertEqual(body["items"][1], {
            "index_number": "COUNTY/2025-00001", "title": "示范县城乡环境卫生整治实施方案",
            "doc_number": "示政发〔2025〕1号", "category": "法规文件", "category_id": self.rules.pk,
            "published_on": "2025-03-10", "url": "/zfxxgk/county/documents/COUNTY~2025-00001/",
            "api_url": "/zfxxgk/api/agencies/county/documents/COUNTY~2025-00001"})
        body = self.get("/agencies/county/documents", category=self.finance.pk)
        self.assertEqual([d["title"] for d in body["items"]], ["2025年县财政局部门预算"])
        body = self.get("/agencies/county/documents", q="环境卫生")
        self.assertEqual([d["index_number"] for d in body["items"]], ["COUNTY/2025-00001"])
        self.assertEqual(self.get("/agencies/county/documents", q="高速公路")["count"], 0)
        self.assertEqual(self.get("/agencies/county/documents", q="预算", category=self.rules.pk)["count"], 0)

    def test_documents_refuse_a_bad_query_or_category(self):
        self.assertEnvelope(self.get("/agencies/county/documents", 400, q="环" * 51), "bad_query")
        theirs = Category.objects.create(agency=self.other, name="镇务公开")
        self.assertEnvelope(self.get("/agencies/county/documents", 404, category=theirs.pk), "not_found")
        body = self.get("/agencies/county/documents", 400, page=0)
        self.assertEnvelope(body, "invalid")
        self.assertIn("page", body["error"]["fields"])

    def test_one_document_and_a_withdrawn_one(self):
        body = self.get("/agencies/county/documents/COUNTY~2025-00001")
        self.assertEqual((body["body"], body["version"], body["channels"], body["withdrawn"], body["files"]),
                         ("整治农村生活垃圾。", 1, ["政府网站"], False, []))
        workflow.withdraw(self.doc, self.head, "内容已过时", on=D(2025, 3, 12))
        body = self.get("/agencies/county/documents/COUNTY~2025-00001")
        self.assertEqual((body["withdrawn"], body["withdrawn_on"], body["withdrawn_reason"]),
                         (True, "2025-03-12", "内容已过时"))
        self.assertEqual(self.get("/agencies/county/documents")["count"], 1)

    def test_drafts_and_other_agencies_documents_are_404(self):
        draft = workflow.create(self.agency, self.editor, title="草稿", made_on=D(2025, 3, 3), category=self.rules)
        self.assertEnvelope(self.get(f"/agencies/county/documents/{draft.index_number.replace('/', '~')}", 404),
                            "not_found")
        self.assertEnvelope(self.get("/agencies/donghu/documents/COUNTY~2025-00001", 404), "not_found")
        self.assertEnvelope(self.get("/agencies/nowhere", 404), "not_found")

    def test_guide_default_then_written(self):
        body = self.get("/agencies/county/guide")
        self.assertEqual((body["title"], body["is_default"], body["updated_at"]),
                         ("示范县人民政府办公室政府信息公开指南", True, None))
        self.assertIn("救济途径", body["body"])
        Guide.objects.create(agency=self.agency, body="本机关自编指南。")
        body = self.get("/agencies/county/guide")
        self.assertEqual((body["body"], body["is_default"]), ("本机关自编指南。", False))

    def test_reports_published_only_with_the_snapshot(self):
        self.publish_report(2024)
        AnnualReport.objects.create(agency=self.agency, year=2023)
        self.assertEqual(self.get("/agencies/county/reports"), [{
            "year": 2024, "published_on": "2025-01-20", "url": "/zfxxgk/county/reports/2024/",
            "api_url": "/zfxxgk/api/agencies/county/reports/2024",
            "downloads": {"docx": "/zfxxgk/county/reports/2024/report.docx",
                          "pdf": "/zfxxgk/county/reports/2024/report.pdf"}}])
        body = self.get("/agencies/county/reports/2024")
        self.assertEqual(body["report"]["applications"]["new"]["total"], 0)
        self.assertEqual(body["report"]["proactive"]["normative_documents"]["in_force"], 9)
        self.assertEnvelope(self.get("/agencies/county/reports/2023", 404), "not_found")


class StatusAndFormTests(ApiTestCase):
    def test_apply_then_look_up_the_status(self):
        body = self.post("/agencies/county/applications", APPLICANT, 201)
        self.assertEqual((body["number"], body["received_on"], body["status_url"]),
                         ("COUNTY-2025-00001", "2025-03-10", "/zfxxgk/county/status/"))
        self.assertEqual(Application.objects.get().channel, "online")
        status = self.post("/agencies/county/status", {"number": body["number"], "code": body["code"]})
        self.assertEqual(status, {
            "number": "COUNTY-2025-00001", "state": "registered", "state_display": "登记",
            "received_on": "2025-03-10", "due_on": "2025-04-08", "deadline_note": "", "outcome": "",
            "outcome_display": "", "replied_on": None})

    def test_apply_refuses_malformed_data_with_field_messages(self):
        body = self.post("/agencies/county/applications", {**APPLICANT, "phone": "12"}, 400)
        self.assertEnvelope(body, "invalid")
        self.assertIn("联系电话格式不正确", body["error"]["fields"]["phone"])
        body = self.post("/agencies/county/applications", {"applicant_name": "张三"}, 400)
        self.assertEnvelope(body, "invalid")
        self.assertFalse(Application.objects.exists())

    def test_wrong_code_and_unknown_number_look_alike_then_the_limit(self):
        number = self.post("/agencies/county/applications", APPLICANT, 201)["number"]
        wrong = self.post("/agencies/county/status", {"number": number, "code": "AAAAAAAA"}, 404)
        unknown = self.post("/agencies/county/status", {"number": "COUNTY-2025-00077", "code": "AAAAAAAA"}, 404)
        self.assertEqual(wrong, unknown)
        self.assertEqual(wrong["error"]["message"], "受理编号或查询码不正确，请核对后重新输入。")
        for _ in range(settings.GONGKAI_LOOKUP_FAILURES_PER_CLIENT - 2):
            self.post("/agencies/county/status", {"number": number, "code": "AAAAAAAA"}, 404)
        self.assertEnvelope(self.post("/agencies/county/status", {"number": number, "code": "AAAAAAAA"}, 429),
                            "too_many_attempts")

    def test_messages(self):
        self.assertEqual(self.post("/agencies/county/messages", {"subject": "建议", "body": "增加年份筛选"}, 201),
                         {"received": True})
        self.assertEqual(Message.objects.get().subject, "建议")
        self.assertEnvelope(self.post("/agencies/county/messages", {"subject": "", "body": ""}, 400), "invalid")


class EnvelopeAndSchemaTests(ApiTestCase):
    def test_every_failure_has_the_envelope(self):
        self.assertEnvelope(self.get("/no-such-endpoint", 404), "not_found")
        r = self.client.delete(API + "/agencies")
        self.assertEqual(r.status_code, 405)
        self.assertEnvelope(r.json(), "method_not_allowed")
        r = self.client.post(API + "/agencies/county/status", "not json", content_type="application/json")
        self.assertEqual(r.status_code, 400)
        self.assertEnvelope(r.json(), "invalid")

    def test_openapi_lists_every_endpoint_in_chinese(self):
        schema = self.get("/openapi.json")
        self.assertEqual(schema["info"]["title"], "政府信息公开专栏 API")
        expected = {
            "/zfxxgk/api/agencies": {"get"},
            "/zfxxgk/api/agencies/{code}": {"get"},
            "/zfxxgk/api/agencies/{code}/guide": {"get"},
            "/zfxxgk/api/agencies/{code}/categories": {"get"},
            "/zfxxgk/api/agencies/{code}/documents": {"get"},
            "/zfxxgk/api/agencies/{code}/documents/{index}": {"get"},
            "/zfxxgk/api/agencies/{code}/reports": {"get"},
            "/zfxxgk/api/agencies/{code}/reports/{year}": {"get"},
            "/zfxxgk/api/agencies/{code}/status": {"post"},
            "/zfxxgk/api/agencies/{code}/applications": {"post"},
            "/zfxxgk/api/agencies/{code}/messages": {"post"},
        }
        self.assertEqual({path: set(ops) for path, ops in schema["paths"].items()}, expected)
        for path, ops in schema["paths"].items():
            for op in ops.values():
                self.assertRegex(op["summary"], r"[\u4e00-\u9fff]", path)
        self.assertEqual(self.client.get(API + "/docs").status_code, 200)


class ApiDocsTestCase(PortalTestCase):
    def test_it_serves_the_api_docs_with_its_own_files_not_a_cdn(self):
        import re

        page = self.client.get("/zfxxgk/api/docs").content.decode()
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
        self.assertIn("/static/ninja/swagger-ui-bundle.js", assets)
        self.assertFalse([a for a in assets if a.startswith(("http:", "https:", "//"))])
        for asset in assets:
            with self.subTest(asset):
                response = self.client.get(asset)
                self.assertEqual(response.status_code, 200)
                self.assertGreater(len(b"".join(response.streaming_content)), 100)
