"""Issue 14 part 9: the clerk's day — the 登记台账 searched, filtered, paged and exported; 待我处理 per role.

Today is 2025-03-10 (BaseTestCase). The records are made directly (not through the workflow) so that
each one has exactly the state, dates and handler a filter is about.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from gongkai.web.agencies.models import Membership
from gongkai.web.applications.models import Application, PersonalDataView
from gongkai.web.disclosures.models import Document

from .base import BaseTestCase

D = dt.date


class ClerkTestCase(BaseTestCase):
    def setUp(self):
        self.n = 0

    def app(self, **fields) -> Application:
        self.n += 1
        data = {"agency": self.agency, "number": f"COUNTY-2025-{self.n:05d}", "channel": "online",
                "received_on": D(2025, 3, 3), "applicant_type": "natural_person", "applicant_name": "张三",
                "id_number": "110101199003071234", "phone": "13800000000", "address": "示范县人民路1号",
                "description": "2024年本县道路建设项目的招标文件", "state": "processing", "handler": self.handler}
        data.update(fields)
        return Application.objects.create(**data)

    def numbers(self, response):
        return [app.number for app in response.context["rows"]]


class ListTests(ClerkTestCase):
    def test_it_finds_by_applicant_subject_dates_handler_state_and_outcome(self):
        a = self.app(applicant_name="李四", description="东湖镇拆迁补偿方案", received_on=D(2025, 1, 6))
        b = self.app(phone="13911112222", handler=None, state="registered")
        c = self.app(state="archived", outcome="granted", replied_on=D(2025, 2, 1), received_on=D(2025, 1, 20),
                     replied_late=True)
        self.client.force_login(self.registrar)
        url = self.url("applications")
        self.assertEqual(self.numbers(self.client.get(url, {"applicant": "李四"})), [a.number])
        self.assertEqual(self.numbers(self.client.get(url, {"subject": "拆迁"})), [a.number])
        self.assertEqual(self.numbers(self.client.get(url, {"received_from": "2025-01-01",
                                                            "received_to": "2025-01-19"})), [a.number])
        self.assertEqual(self.numbers(self.client.get(url, {"handler": "none"})), [b.number])
        self.assertEqual(self.numbers(self.client.get(url, {"handler": self.handler.pk, "state": "archived"})),
                         [c.number])
        self.assertEqual(self.numbers(self.client.get(url, {"outcome": "granted"})), [c.number])
        self.assertEqual(set(self.numbers(self.client.get(url, {"outcome": "none"}))), {a.number, b.number})
        self.assertEqual(self.numbers(self.client.get(url, {"deadline": "late"})), [c.number])
        # The registrar works the case: a phone number finds its applicant.
        self.assertEqual(self.numbers(self.client.get(url, {"applicant": "13911112222"})), [b.number])
        r = self.client.get(url, {"received_from": "not a date"})
        self.assertContains(r, "收到之日 自：", status_code=400)

    def test_it_never_lets_a_role_without_need_to_know_search_by_personal_data(self):
        b = self.app(phone="13911112222")
        self.client.force_login(self.editor)
        url = self.url("applications")
        # A match would tell the editor whose number it is: the search answers nothing instead.
        self.assertEqual(self.numbers(self.client.get(url, {"applicant": "13911112222"})), [])
        self.assertEqual(self.numbers(self.client.get(url, {"applicant": "张三"})), [b.number])

    def test_it_filters_overdue_and_undetermined_cases(self):
        # Received 2025-01-06 (a Monday): 20 working days from 01-07, skipping the weekends and 春节
        # 01-28..02-04, counting the make-up days 01-26 and 02-08: due 2025-02-08, a month before today.
        late = self.app(received_on=D(2025, 1, 6))
        fresh = self.app(received_on=D(2025, 3, 7))
        # Received 2026-12-21: the 20 working days run into 2027, whose schedule nobody has entered.
        pending = self.app(received_on=D(2026, 12, 21))
        self.client.force_login(self.head)
        url = self.url("applications")
        self.assertEqual(self.numbers(self.client.get(url, {"deadline": "overdue"})), [late.number])
        self.assertEqual(self.numbers(self.client.get(url, {"deadline": "undetermined"})), [pending.number])
        self.assertIn(fresh.number, self.numbers(self.client.get(url)))

    def test_it_pages_fifty_at_a_time_keeping_the_search(self):
        for _ in range(53):
            self.app(description="道路建设")
        self.app(description="其他事项")
        self.client.force_login(self.registrar)
        url = self.url("applications")
        first = self.client.get(url, {"subject": "道路"})
        self.assertEqual(len(first.context["rows"]), 50)
        self.assertContains(first, "第1页，共2页")
        self.assertContains(first, "?subject=%E9%81%93%E8%B7%AF&amp;page=2")
        second = self.client.get(url, {"subject": "道路", "page": 2})
        self.assertEqual(len(second.context["rows"]), 3)
        self.assertEqual(self.client.get(url, {"page": 99}).context["page"].number, 2)  # the last page


class ExportTests(ClerkTestCase):
    def sheet(self, response):
        self.assertEqual(response["Content-Type"],
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return load_workbook(io.BytesIO(response.content)).active

    def test_it_exports_the_ledger_with_personal_data_for_the_case_roles_and_logs_it(self):
        a = self.app(applicant_name="=HYPERLINK(\"http://x\")")
        self.app(description="另一件", state="registered")
        self.client.force_login(self.registrar)
        sheet = self.sheet(self.client.get(self.url("ledger_export"), {"state": "processing"}))
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "示范县人民政府办公室政府信息公开申请登记台账")
        self.assertEqual(rows[1][:6], ("受理编号", "收到申请之日", "提交方式", "申请人类型", "申请人姓名或名称",
                                       "身份证明号码"))
        self.assertEqual(len(rows), 3)  # the title, the headers, and the one application found
        self.assertEqual(rows[2][0], a.number)
        self.assertEqual(rows[2][4], "'=HYPERLINK(\"http://x\")")  # a formula stays text
        self.assertEqual((rows[2][5], rows[2][6]), ("110101199003071234", "13800000000"))
        view = PersonalDataView.objects.get(application=a)
        self.assertEqual((view.user, view.shown), (self.registrar, "登记台账导出：身份证明号码、联系电话、通信地址"))

    def test_it_masks_personal_data_in_the_export_for_other_roles(self):
        self.app(description="请寄到示范县人民路1号，电话13800000000")
        self.client.force_login(self.editor)
        r = self.client.get(self.url("ledger_export"))
        row = list(self.sheet(r).iter_rows(values_only=True))[2]
        self.assertEqual(row[5:9], ("已隐去", "已隐去", "已隐去", None))  # no e-mail given: nothing to hide
        self.assertEqual(row[9], "请寄到已隐去，电话已隐去")
        with zipfile.ZipFile(io.BytesIO(r.content)) as xlsx:
            everything = "".join(xlsx.read(name).decode("utf-8", "replace") for name in xlsx.namelist())
        for value in ("110101199003071234", "13800000000", "人民路1号"):
            self.assertNotIn(value, everything)
        self.assertFalse(PersonalDataView.objects.exists())


class WaitingTests(ClerkTestCase):
    def sections(self, user):
        self.client.force_login(user)
        r = self.client.get(self.url("waiting_for_me"))
        self.assertEqual(r.status_code, 200)
        return {s.title: [a.number for a, _ in s.applications] + [d.title for d in s.documents]
                for s in r.context["sections"]}

    def test_it_lists_what_waits_for_each_role(self):
        registered = self.app(state="registered")
        review = self.app(state="review", handler=None)
        mine = self.app(received_on=D(2025, 3, 7))
        self.app(state="processing", handler=self.reviewer, received_on=D(2025, 3, 7))
        reply = self.app(state="reply", outcome="granted", replied_on=D(2025, 3, 7))
        self.assertEqual(self.sections(self.registrar), {"待提交审核": [registered.number], "待归档": [reply.number]})
        self.assertEqual(self.sections(self.reviewer), {"待审核": [review.number]})
        self.assertEqual(self.sections(self.handler), {"我承办的申请": [mine.number]})
        self.assertContains(self.client.get(self.url("waiting_for_me")), "待我处理")

    def test_it_gives_the_head_the_extensions_and_the_documents_to_sign_off(self):
        # Received 2025-02-10: the 20th working day is 2025-03-10 (today): due soon, no extension yet.
        soon = self.app(received_on=D(2025, 2, 10))
        self.app(received_on=D(2025, 2, 10), extension_days=10, extension_reason="x")  # extended already
        self.app(received_on=D(2025, 3, 7))  # weeks left
        Document.objects.create(agency=self.agency, index_number="X-1", title="关于道路建设的通知",
                                made_on=D(2025, 3, 1), state="sign_off", drafted_by=self.editor)
        Document.objects.create(agency=self.agency, index_number="X-2", title="草稿", made_on=D(2025, 3, 1),
                                drafted_by=self.editor)
        got = self.sections(self.head)
        self.assertEqual(got["延期待批"], [soon.number])
        self.assertEqual(got["主动公开信息待审发"], ["关于道路建设的通知"])
        self.assertContains(self.client.get(self.url("waiting_for_me")), "条例第三十三条第二款")

    def test_it_shows_a_clerk_with_several_roles_every_section_of_theirs(self):
        clerk = get_user_model().objects.create_user("clerk")
        for role in ("registrar", "handler"):
            Membership.objects.create(user=clerk, agency=self.agency, role=role)
        registered = self.app(state="registered")
        mine = self.app(handler=clerk, received_on=D(2025, 3, 7))
        self.assertEqual(self.sections(clerk), {"待提交审核": [registered.number], "我承办的申请": [mine.number]})

    def test_it_gives_the_first_reviewer_the_documents_to_review_and_nothing_of_the_applications(self):
        self.app(state="review")
        Document.objects.create(agency=self.agency, index_number="X-3", title="待初审的文件", made_on=D(2025, 3, 1),
                                state="first_review", drafted_by=self.editor)
        self.assertEqual(self.sections(self.first_reviewer), {"主动公开信息待初审": ["待初审的文件"]})
        self.assertEqual(self.sections(self.editor), {})
        self.assertContains(self.client.get(self.url("waiting_for_me")), "目前没有等待您处理的事项")


class PermissionTests(ClerkTestCase):
    def test_it_tells_the_permission_story_of_every_new_view(self):
        urls = [self.url("applications"), self.url("ledger_export"), self.url("waiting_for_me")]
        for url in urls:
            with self.subTest(url):
                self.client.logout()
                self.assertIn("/login/", self.client.get(url)["Location"])
                self.client.force_login(self.outsider)  # every role, but in 东湖镇
                self.assertEqual(self.client.get(url).status_code, 404)
                for role in ("registrar", "editor", "admin", "head"):
                    self.client.force_login(getattr(self, role))
                    self.assertEqual(self.client.get(url).status_code, 200)
                self.assertEqual(self.client.post(url).status_code, 405)
        self.client.force_login(self.registrar)
        self.assertEqual(self.client.get("/nowhere/applications/").status_code, 404)
