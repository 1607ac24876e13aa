"""Dates validated everywhere (issue 14 part 8): nothing in the future, nothing before receipt, and
receipts before 2019-05-15 (when the revised 条例, 国务院令第711号, came into force: Art 56) refused
with a sentence saying which rules applied then. Today is 2025-04-30 (steps.py).
"""

from __future__ import annotations

from gongkai.web.applications.models import Application

from .steps import D, StepsTestCase

APPLICATION = {
    "channel": "in_person", "applicant_type": "natural_person", "applicant_name": "王五",
    "id_number": "", "phone": "13700000000", "address": "", "email": "", "description": "本乡2024年低保名单",
    "delivery": "paper",
}


class ReceiptDateTests(StepsTestCase):
    def register(self, received):
        self.client.force_login(self.registrar)
        return self.client.post(self.url("register"), {**APPLICATION, "received_on": received})

    def test_a_receipt_in_the_future_is_refused(self):
        r = self.register("2025-05-01")
        self.assertContains(r, "收到申请之日（2025-05-01）晚于今天（2025-04-30），不能登记尚未发生的日期",
                            status_code=400)
        self.assertFalse(Application.objects.exists())

    def test_a_receipt_before_the_2019_rules_is_refused_with_the_rules_then(self):
        for day in ("1900-01-01", "2019-05-14"):
            r = self.register(day)
            self.assertContains(r, "国务院令第492号", status_code=400)
            self.assertContains(r, "答复期限为15个工作日", status_code=400)
        self.assertFalse(Application.objects.exists())

    def test_the_first_day_of_the_2019_rules_and_today_are_accepted(self):
        self.assertEqual(self.register("2019-05-15").status_code, 302)
        self.assertEqual(self.register("2025-04-30").status_code, 302)
        self.assertEqual(sorted(Application.objects.values_list("received_on", flat=True)),
                         [D(2019, 5, 15), D(2025, 4, 30)])


class StepDateTests(StepsTestCase):
    def test_a_reply_in_the_future_or_before_receipt_is_refused(self):
        app = self.accepted()
        self.refused(self.handler, app.number, "decide", "答复日期（2025-05-06）晚于今天（2025-04-30）",
                     outcome="granted", replied_on="2025-05-06")
        self.refused(self.handler, app.number, "decide", "答复日期（2025-03-02）不能早于收到申请之日（2025-03-03）",
                     outcome="granted", replied_on="2025-03-02")

    def test_an_archive_date_before_the_reply_is_refused(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-20")
        self.refused(self.registrar, app.number, "archive", "归档日期（2025-03-19）不能早于答复日期（2025-03-20）",
                     archived_on="2025-03-19")
        self.refused(self.registrar, app.number, "archive", "晚于今天", archived_on="2025-05-02")
        self.ok(self.registrar, app.number, "archive", archived_on="2025-03-20")

    def test_supplement_consultation_and_payment_dates_are_checked(self):
        app = self.accepted()
        self.refused(self.handler, app.number, "correction", "补正告知日期（2025-03-01）不能早于收到申请之日",
                     requested_on="2025-03-01", period_until="2025-03-19", note="x")
        self.ok(self.handler, app.number, "correction", requested_on="2025-03-05", period_until="2025-03-19",
                note="请明确年份")
        self.refused(self.handler, app.number, "supplement", "不能早于补正告知日期（2025-03-05）",
                     received_on="2025-03-04")
        self.ok(self.handler, app.number, "supplement", received_on="2025-03-07")
        # Supplemented Friday 03-07 (Art 30: the clock starts again): 03-10..31 (16), 04-01..03 (19),
        # 04-04 清明 and the weekend skipped, 04-07 (20) -> 2025-04-07.
        self.assertEqual(self.fresh(app).due_on, D(2025, 4, 7))
        self.refused(self.handler, app.number, "decide", "不能早于收到补正申请之日（2025-03-07）",
                     outcome="granted", replied_on="2025-03-06")
        self.refused(self.handler, app.number, "pause_start", "晚于今天", kind="third_party", party="甲公司",
                     start="2025-05-05")
        self.ok(self.handler, app.number, "pause_start", kind="third_party", party="甲公司", start="2025-03-10")
        self.refused(self.handler, app.number, "pause_end", "不能早于开始日期（2025-03-10）", end="2025-03-09",
                     agreed="yes")
        self.ok(self.handler, app.number, "pause_end", end="2025-03-12", agreed="yes")
        self.ok(self.handler, app.number, "fee_notice", scale="per_page", quantity=120, notice_on="2025-03-14")
        self.refused(self.handler, app.number, "fee_paid", "不能早于收到收费通知之日（2025-03-14）",
                     paid_on="2025-03-13")
        self.refused(self.handler, app.number, "fee_paid", "晚于今天", paid_on="2025-05-02")
        self.ok(self.handler, app.number, "fee_paid", paid_on="2025-03-20")

    def test_a_notice_date_in_the_future_is_refused(self):
        app = self.accepted()
        self.refused(self.head, app.number, "extend", "晚于今天", days=10, reason="x", decided_on="2025-05-02",
                     notified_on="2025-05-02")
        self.refused(self.handler, app.number, "art35_ask", "晚于今天", asked_on="2025-05-02", reason="x")


class AppealDateTests(StepsTestCase):
    """An appeal is filed after the application came in, decided after it was filed, and neither in the future."""

    def test_appeal_dates_are_checked(self):
        from gongkai.web.appeals.models import Appeal

        app = self.accepted()
        self.client.force_login(self.head)
        new = {"number": app.number, "kind": "reconsideration", "body": "示范市人民政府"}
        r = self.client.post(self.url("appeal_new"), {**new, "filed_on": "2025-05-06"})
        self.assertContains(r, "立案（受理）日期（2025-05-06）晚于今天（2025-04-30）", status_code=400)
        r = self.client.post(self.url("appeal_new"), {**new, "filed_on": "2025-03-01"})
        self.assertContains(r, "不能早于该申请的收到申请之日（2025-03-03）", status_code=400)
        self.assertFalse(Appeal.objects.exists())
        self.assertEqual(self.client.post(self.url("appeal_new"), {**new, "filed_on": "2025-04-10"}).status_code, 302)
        appeal = Appeal.objects.get()
        r = self.client.post(self.url("appeal_result", appeal.pk), {"result": "upheld", "decided_on": "2025-04-09"})
        self.assertContains(r, "审结日期（2025-04-09）不能早于立案（受理）日期（2025-04-10）", status_code=400)
        r = self.client.post(self.url("appeal_result", appeal.pk), {"result": "upheld", "decided_on": "2025-05-09"})
        self.assertContains(r, "晚于今天", status_code=400)
        self.assertEqual(self.client.post(self.url("appeal_result", appeal.pk),
                                          {"result": "upheld", "decided_on": "2025-04-25"}).status_code, 302)
        self.assertEqual(Appeal.objects.get().decided_on, D(2025, 4, 25))
