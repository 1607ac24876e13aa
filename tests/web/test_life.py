"""An application's whole life through the staff pages, once per outcome group.

Dates: received Monday 2025-03-03; March 2025 has no holiday, so the 20 working days from 03-04 end on
Monday 2025-03-31 (4 days in the week of 03-04, then three full weeks = 19, then 03-31 = 20).
"""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.agencies.models import AuditEntry
from gongkai.web.applications.models import Application

from .base import BaseTestCase

APPLICATION = {
    "channel": "post_signed", "received_on": "2025-03-03", "applicant_type": "natural_person",
    "applicant_name": "李四", "id_number": "110101198001011234", "phone": "13912345678",
    "address": "示范县和平街8号", "email": "", "description": "本县2024年财政预算执行情况", "delivery": "email",
}


# Today is after every date these stories record (dates in the future are refused, issue 14 part 8).
@override_settings(GONGKAI_TODAY=dt.date(2025, 4, 30))
class LifeTestCase(BaseTestCase):
    def post(self, user, number, action, **data):
        self.client.force_login(user)
        return self.client.post(self.url("act", number, action), {f"{action}-{k}": v for k, v in data.items()})

    def register_and_accept(self) -> str:
        self.client.force_login(self.registrar)
        r = self.client.post(self.url("register"), APPLICATION)
        self.assertEqual(r.status_code, 302)
        number = Application.objects.get().number
        self.assertEqual(number, "COUNTY-2025-00001")
        self.assertEqual(self.post(self.registrar, number, "submit").status_code, 302)
        self.assertEqual(self.post(self.reviewer, number, "accept", handler=self.handler.pk).status_code, 302)
        return number

    def decide(self, user, number, outcome, replied_on="2025-03-20"):
        r = self.post(user, number, "decide", outcome=outcome, replied_on=replied_on, reply_text="详见附件。")
        self.assertEqual(r.status_code, 302, r.content.decode()[:2000])

    def finish(self, number, outcome):
        """Archive, fetch both letters, and check the trail has one entry per step."""
        self.assertEqual(self.post(self.registrar, number, "archive", archived_on="2025-04-25").status_code, 302)
        app = Application.objects.get(number=number)
        self.assertEqual((app.state, app.outcome), ("archived", outcome))
        self.assertIsNone(app.due_on)
        self.client.force_login(self.handler)
        docx = self.client.get(self.url("letter", number, "docx"))
        self.assertEqual(docx.status_code, 200)
        self.assertTrue(docx.content.startswith(b"PK"))
        pdf = self.client.get(self.url("letter", number, "pdf"))
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        actions = list(AuditEntry.objects.filter(subject=f"application:{number}").values_list("action", flat=True))
        self.assertEqual(actions[0], "register")
        self.assertEqual(actions[-2:], ["decide", "archive"])
        return actions

    def test_it_counts_the_deadline_and_grants(self):
        number = self.register_and_accept()
        app = Application.objects.get(number=number)
        self.assertEqual(app.due_on, dt.date(2025, 3, 31))
        with self.settings(GONGKAI_TODAY=dt.date(2025, 3, 10)):
            r = self.client.get(self.url("dashboard"))
        self.assertContains(r, number)
        self.assertContains(r, "2025-03-31")
        self.assertContains(r, ">15<")  # 03-11..03-31: 4 + 5 + 5 + 1 working days left on 03-10
        self.decide(self.handler, number, "granted")
        self.finish(number, "granted")

    def test_it_partially_grants_after_an_extension_approved_by_the_head(self):
        number = self.register_and_accept()
        self.assertEqual(self.post(self.handler, number, "extend", days=20, reason="x").status_code, 403)
        self.assertEqual(self.post(self.head, number, "extend", days=20, reason="涉及面广",
                                   decided_on="2025-03-20", notified_on="2025-03-21").status_code, 302)
        # 20 more working days after 03-31: 04-01..03 (3), 04-04 清明 skipped, 04-07..11 (8), 14..18 (13),
        # 21..25 (18), Sunday 04-27 is a 劳动节 调休 working day (19), Monday 04-28 (20) -> 2025-04-28.
        self.assertEqual(Application.objects.get(number=number).due_on, dt.date(2025, 4, 28))
        self.assertEqual(self.post(self.head, number, "extend", days=5, reason="again").status_code, 409)
        self.decide(self.handler, number, "partial")
        self.finish(number, "partial")

    def test_it_pauses_for_a_third_party_and_denies(self):
        number = self.register_and_accept()
        self.post(self.handler, number, "pause_start", kind="third_party", party="示范建设公司", start="2025-03-05")
        # Clock stopped, but the third party's 15 working days (Art 32) end on 2025-03-26 (03-06..07: 2,
        # 10..14: 7, 17..21: 12, 24..26: 15), so the deadline is known at the latest: 03-31 plus the 16
        # working days 03-05..03-26 -> 04-01..03 (3), 04-04 清明, 04-07..11 (8), 14..18 (13), 21..23 (16).
        self.assertEqual(Application.objects.get(number=number).due_on, dt.date(2025, 4, 23))
        self.post(self.handler, number, "pause_end", end="2025-03-11", agreed="no")
        # 03-05..03-11 paused: 5 working days (05, 06, 07, 10, 11) not counted -> 03-31 + 5 = 2025-04-08
        # (04-01, 02, 03, then 04-04 清明 holiday, 04-07, 04-08).
        self.assertEqual(Application.objects.get(number=number).due_on, dt.date(2025, 4, 8))
        self.decide(self.handler, number, "denied.third_party")
        self.finish(number, "denied.third_party")

    def test_it_cannot_provide_information_it_does_not_hold(self):
        number = self.register_and_accept()
        self.decide(self.handler, number, "unable.not_held")
        self.finish(number, "unable.not_held")

    def test_it_lets_the_reviewer_close_a_complaint_without_a_handler(self):
        self.client.force_login(self.registrar)
        self.client.post(self.url("register"), APPLICATION)
        number = Application.objects.get().number
        self.post(self.registrar, number, "submit")
        self.decide(self.reviewer, number, "not_processed.complaint")
        self.finish(number, "not_processed.complaint")

    def test_it_restarts_the_clock_on_a_supplement_and_closes_an_unanswered_correction(self):
        self.client.force_login(self.registrar)
        self.client.post(self.url("register"), APPLICATION)
        number = Application.objects.get().number
        self.post(self.registrar, number, "submit")
        # Art 30: the 补正 request is due within 7 working days of 03-03, i.e. by 2025-03-12.
        late = self.post(self.reviewer, number, "correction", requested_on="2025-03-13", period_until="2025-03-27",
                         note="请明确年份")
        self.assertEqual(late.status_code, 400)
        self.assertContains(late, "2025-03-12", status_code=400)
        self.post(self.reviewer, number, "correction", requested_on="2025-03-05", period_until="2025-03-19",
                  note="请明确年份")
        self.assertIsNone(Application.objects.get(number=number).due_on)
        self.decide(self.reviewer, number, "other.no_supplement", replied_on="2025-03-28")
        self.finish(number, "other.no_supplement")

    def test_it_restarts_the_answer_clock_from_the_supplement(self):
        self.client.force_login(self.registrar)
        self.client.post(self.url("register"), APPLICATION)
        number = Application.objects.get().number
        self.post(self.registrar, number, "submit")
        self.post(self.reviewer, number, "correction", requested_on="2025-03-05", period_until="2025-03-19",
                  note="请明确年份")
        self.post(self.registrar, number, "supplement", received_on="2025-03-14")
        # Restart from Fri 03-14: 03-17..21 (5), 24..28 (10), 03-31..04-03 (14), 04-04 清明, 04-07..11 (19),
        # 04-14 (20) -> 2025-04-14.
        self.assertEqual(Application.objects.get(number=number).due_on, dt.date(2025, 4, 14))

    def test_it_notices_a_fee_and_closes_when_unpaid(self):
        number = self.register_and_accept()
        r = self.post(self.handler, number, "fee_notice", scale="per_page", quantity=2219, notice_on="2025-03-06")
        self.assertEqual(r.status_code, 302)
        app = Application.objects.get(number=number)
        self.assertEqual(app.fee_amount, 83460)  # the published fee notice
        self.assertIn("83,460", app.fee_explanation)
        self.assertIsNone(app.due_on)  # the clock waits for the payment
        self.decide(self.handler, number, "other.unpaid_fee", replied_on="2025-04-10")
        self.finish(number, "other.unpaid_fee")

    def test_it_refuses_closing_on_an_unpaid_fee_without_a_fee_notice(self):
        number = self.register_and_accept()
        r = self.post(self.handler, number, "decide", outcome="other.unpaid_fee", replied_on="2025-03-20")
        self.assertEqual(r.status_code, 400)
        self.assertEqual(Application.objects.get(number=number).state, "processing")

    def test_it_refuses_an_action_in_the_wrong_state(self):
        number = self.register_and_accept()
        r = self.post(self.registrar, number, "archive", archived_on="2025-03-25")
        self.assertEqual(r.status_code, 409)

    def test_it_keeps_personal_data_out_of_logs_and_lists(self):
        with self.assertLogs("gongkai", level="DEBUG") as logs:
            number = self.register_and_accept()
            import logging

            logging.getLogger("gongkai").debug("sentinel")
        joined = "\n".join(logs.output)
        for secret in (APPLICATION["id_number"], APPLICATION["phone"], APPLICATION["address"]):
            self.assertNotIn(secret, joined)
            self.assertNotContains(self.client.get(self.url("dashboard")), secret)
            self.assertNotContains(self.client.get(self.url("applications")), secret)
        audit = " ".join(AuditEntry.objects.values_list("reason", flat=True))
        self.assertNotIn(APPLICATION["id_number"], audit)
        self.assertIn(number, joined)
