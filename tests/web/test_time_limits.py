"""Every time limit of the procedure enforced (issue 14 part 2), each refusal naming its article.

Dates by hand (see steps.py): received 2025-03-03, answer due 2025-03-31 (条例 Art 33 ¶1, 20 working days).
"""

from __future__ import annotations

from django.test import override_settings

from gongkai.web.agencies.models import AuditEntry
from gongkai.web.applications import deadlines

from .steps import D, StepsTestCase


class CorrectionPeriodTests(StepsTestCase):
    """条例 Art 30: 补正 once within 7 working days, with a reasonable period; 逾期不补正 only after it."""

    def test_no_supplement_only_after_the_period_ran_out(self):
        app = self.accepted()
        # Art 30: within 7 working days of 03-03 -> 03-04..07 (4), 03-10..12 (7): 2025-03-12 at the latest.
        self.ok(self.handler, app.number, "correction", requested_on="2025-03-05", period_until="2025-03-19",
                note="请明确所需信息的年份")
        self.assertEqual(self.fresh(app).correction_due_on, D(2025, 3, 19))
        self.refused(self.handler, app.number, "decide",
                     "补正期限至2025-03-19届满，期满前不能以“逾期不补正”办结（条例第三十条）",
                     outcome="other.no_supplement", replied_on="2025-03-19")
        self.ok(self.handler, app.number, "decide", outcome="other.no_supplement", replied_on="2025-03-20")
        self.assertEqual(self.fresh(app).outcome, "other.no_supplement")

    def test_correction_is_possible_in_processing_and_within_seven_working_days_only(self):
        app = self.accepted()
        self.assertEqual(app.state, "processing")  # no longer only in 审核
        self.refused(self.handler, app.number, "correction", "7个工作日内一次性告知补正，最迟为2025-03-12",
                     requested_on="2025-03-13", period_until="2025-03-27", note="请明确年份")
        self.refused(self.handler, app.number, "correction", "补正期限（2025-03-12）应晚于补正告知日期",
                     requested_on="2025-03-12", period_until="2025-03-12", note="请明确年份")
        self.ok(self.handler, app.number, "correction", requested_on="2025-03-12", period_until="2025-03-26",
                note="请明确年份")
        self.assertIsNone(self.fresh(app).due_on)  # the clock waits for the applicant
        # The supplement restarts the 20 working days from Monday 03-24: 03-25..28 (4), 03-31..04-03 (8),
        # 04-04 清明, 04-07..11 (13), 14..18 (18), 21, 22 (20) -> 2025-04-22.
        self.ok(self.handler, app.number, "supplement", received_on="2025-03-24")
        self.assertEqual(self.fresh(app).due_on, D(2025, 4, 22))
        self.refused(self.handler, app.number, "decide", "申请人已于2025-03-24补正",
                     outcome="other.no_supplement", replied_on="2025-04-01")

    def test_no_supplement_needs_a_request(self):
        app = self.accepted()
        self.refused(self.handler, app.number, "decide", "未告知补正的申请，不能以“逾期不补正”办结（条例第三十条）",
                     outcome="other.no_supplement", replied_on="2025-03-20")


class FeeTimeLimitTests(StepsTestCase):
    """国办函〔2020〕109号: a fee notice within the answer period; 20 working days to pay."""

    def test_unpaid_only_after_twenty_working_days_and_no_payment_after_them(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "fee_notice", scale="per_page", quantity=120, notice_on="2025-03-06")
        # 20 working days from 03-06: 03-07 (1), 03-10..14 (6), 17..21 (11), 24..28 (16), 03-31..04-03 (20)
        # -> the applicant may pay until 2025-04-03.
        self.refused(self.handler, app.number, "decide", "20个工作日内（至2025-04-03）缴费",
                     outcome="other.unpaid_fee", replied_on="2025-04-03")
        self.refused(self.handler, app.number, "fee_paid", "缴费期限已于2025-04-03届满", paid_on="2025-04-07")
        self.ok(self.handler, app.number, "decide", outcome="other.unpaid_fee", replied_on="2025-04-07")
        self.assertFalse(self.fresh(app).replied_late)  # the clock stood still while the fee was unpaid

    def test_no_fee_notice_after_the_answer_period(self):
        app = self.accepted()
        self.refused(self.handler, app.number, "fee_notice", "答复期限已于2025-03-31届满，不能再发出收费通知",
                     scale="per_page", quantity=120, notice_on="2025-04-01")
        self.assertFalse(self.fresh(app).pauses.exists())
        self.ok(self.handler, app.number, "fee_notice", scale="per_page", quantity=120, notice_on="2025-03-31")


class ConsultationTests(StepsTestCase):
    """Art 32 (third party) and 34 (other agency): 15 working days, then the pause ends by itself."""

    def test_an_unanswered_consultation_ends_by_itself_and_the_dashboard_shows_when(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "pause_start", kind="third_party", party="示范建设工程有限公司",
                start="2025-03-05")
        # 15 working days from 03-05: 03-06..07 (2), 03-10..14 (7), 17..21 (12), 24..26 (15) -> 2025-03-26.
        # The pause 03-05..03-26 holds 16 working days, so the answer is due 03-31 + 16: 04-01..03 (3),
        # 04-04 清明, 04-07..11 (8), 14..18 (13), 21..23 (16) -> 2025-04-23, known already.
        self.assertEqual(self.fresh(app).due_on, D(2025, 4, 23))
        with self.settings(GONGKAI_TODAY=D(2025, 3, 20)):
            r = self.client.get(self.url("dashboard"))
        self.assertContains(r, "征求意见期限至2025-03-26（条例第三十二条、第三十四条：15个工作日）")
        self.assertContains(r, "期限暂停计算")
        with self.settings(GONGKAI_TODAY=D(2025, 3, 27)):
            r = self.client.get(self.url("dashboard"))
            st = deadlines.status(self.fresh(app), self.agency.calendar())
        self.assertContains(r, "征求意见期限已于2025-03-26届满")
        self.assertEqual((st.waiting, st.deadline.due), ("", D(2025, 4, 23)))
        # 03-28..04-23 on 03-27: 03-27 itself is not counted; 03-28 (1), 03-31..04-03 (5), 07..11 (10),
        # 14..18 (15), 21..23 (18).
        self.assertEqual(st.days_left, 18)

    def test_the_consultation_keeps_whom_it_asked_their_answer_and_whether_they_agreed(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "pause_start", kind="other_agency", party="示范县自然资源局",
                start="2025-03-05")
        # Answered late on 04-01: the pause still ends on the 15th working day, 03-26.
        self.ok(self.handler, app.number, "pause_end", end="2025-04-01", agreed="no", answer="涉及在办案件，不同意公开")
        pause = self.fresh(app).pauses.get()
        self.assertEqual((pause.party, pause.answered_on, pause.end, pause.agreed, pause.answer),
                         ("示范县自然资源局", D(2025, 4, 1), D(2025, 3, 26), False, "涉及在办案件，不同意公开"))
        self.assertEqual(self.fresh(app).due_on, D(2025, 4, 23))
        r = self.client.get(self.url("application", app.number))
        self.assertContains(r, "征求其他机关意见（示范县自然资源局）：2025年3月5日 至 2025年3月26日；"
                               "2025年4月1日答复，不同意公开")
        self.assertTrue(AuditEntry.objects.filter(subject=f"application:{app.number}", action="pause_end",
                                                  reason__contains="不同意公开").exists())


class ExtensionTests(StepsTestCase):
    """Art 33 ¶2: one extension of at most 20 working days, decided and told before the deadline."""

    def test_an_extension_after_the_deadline_is_refused(self):
        app = self.accepted()
        self.refused(self.head, app.number, "extend",
                     "答复期限已于2025-03-31届满，延期应在期限届满前决定并告知申请人（条例第三十三条第二款）",
                     days=20, reason="档案需调取", decided_on="2025-04-01", notified_on="2025-04-01")
        self.refused(self.head, app.number, "extend", "答复期限已于2025-03-31届满",
                     days=20, reason="档案需调取", decided_on="2025-03-31", notified_on="2025-04-01")
        self.refused(self.head, app.number, "extend", "不能早于负责人批准日期",
                     days=20, reason="档案需调取", decided_on="2025-03-28", notified_on="2025-03-27")
        self.assertEqual(self.post(self.head, app.number, "extend", days=21, reason="x", decided_on="2025-03-28",
                                   notified_on="2025-03-28").status_code, 400)

    def test_one_extension_with_its_notice_date(self):
        app = self.accepted()
        self.ok(self.head, app.number, "extend", days=20, reason="档案需调取", decided_on="2025-03-28",
                notified_on="2025-03-31")
        app = self.fresh(app)
        # 20 more after 03-31: 04-01..03 (3), 04-07..11 (8), 14..18 (13), 21..25 (18), Sun 04-27 (19), 04-28.
        self.assertEqual((app.due_on, app.extension_decided_on, app.extension_notified_on),
                         (D(2025, 4, 28), D(2025, 3, 28), D(2025, 3, 31)))
        self.assertEqual(self.post(self.head, app.number, "extend", days=5, reason="x", decided_on="2025-04-01",
                                   notified_on="2025-04-01").status_code, 409)  # one extension only


class Article35Tests(StepsTestCase):
    """Art 35: reasons first, then 不予处理 or a reasonable longer period."""

    def test_reasons_are_asked_before_a_longer_period_or_a_refusal(self):
        app = self.accepted()
        self.assertEqual(self.post(self.head, app.number, "delay", days=40, reason="一月内申请120件").status_code, 409)
        self.refused(self.handler, app.number, "decide", "依条例第三十五条，须先要求申请人说明理由",
                     outcome="not_processed.excessive", replied_on="2025-03-20")
        self.ok(self.handler, app.number, "art35_ask", asked_on="2025-03-07", reason="一月内申请120件")
        self.ok(self.head, app.number, "delay", days=40, reason="理由合理，但数量大")
        # 40 working days from 03-04: 03-04..31 (20), 04-01..03 (23), 07..11 (28), 14..18 (33), 21..25 (38),
        # Sun 04-27 (39), 04-28 (40) -> 2025-04-28.
        app = self.fresh(app)
        self.assertEqual((app.art35_asked_on, app.delayed_days, app.due_on), (D(2025, 3, 7), 40, D(2025, 4, 28)))

    def test_refusal_after_the_reasons_were_asked(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "art35_ask", asked_on="2025-03-07", reason="一月内申请120件")
        self.ok(self.handler, app.number, "decide", outcome="not_processed.excessive", replied_on="2025-03-21")


class LateReplyTests(StepsTestCase):
    """Art 33: a reply after the deadline is recorded as late and shown as such."""

    def test_a_reply_after_the_deadline_is_marked_late(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-04-01")
        self.assertTrue(self.fresh(app).replied_late)
        self.assertContains(self.client.get(self.url("application", app.number)), 'id="replied-late"')
        self.assertContains(self.client.get(self.url("applications")), "逾期答复")
        self.assertTrue(AuditEntry.objects.filter(action="decide", reason__contains="逾期答复（答复期限为2025-03-31）")
                        .exists())

    def test_a_reply_on_the_last_day_is_in_time(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-31")
        self.assertFalse(self.fresh(app).replied_late)
        self.assertNotContains(self.client.get(self.url("application", app.number)), 'id="replied-late"')


class PermissionTests(StepsTestCase):
    """The new step (Art 35 reasons) and the changed ones: right role, wrong role, other agency, anonymous."""

    def test_art35_ask_story(self):
        app = self.accepted()
        data = {"art35_ask-asked_on": "2025-03-07", "art35_ask-reason": "x"}
        url = self.url("act", app.number, "art35_ask")
        self.client.force_login(self.registrar)
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.post(url, data).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertIsNone(self.fresh(app).art35_asked_on)
        self.client.force_login(self.head)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(self.fresh(app).art35_asked_on, D(2025, 3, 7))

    @override_settings(GONGKAI_TODAY=D(2025, 3, 10))
    def test_the_registrar_cannot_request_a_correction(self):
        app = self.accepted()
        self.assertEqual(self.post(self.registrar, app.number, "correction", requested_on="2025-03-05",
                                   period_until="2025-03-19", note="x").status_code, 403)
