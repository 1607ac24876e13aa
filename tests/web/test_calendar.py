"""A year's national holiday schedule entered in the back office, and the deadlines that wait for it.

MADE-UP 2027 SCHEDULE, FOR TESTS ONLY. The State Council's notice for 2027 was not available when these
tests were written; the dates below are invented to exercise the mechanism and are NOT the official
arrangement:
- rest: Fri 2027-01-01 (元旦); Fri 2027-02-05 .. Sat 2027-02-13 (春节, 9 days with the weekend days
  02-06, 02-07 and 02-13 inside the span);
- make-up working days: Sun 2027-01-31 and Sat 2027-02-20.
December 2026 has no holiday in the package (chinese-calendar 1.11.0).

In the hand counts "(n)" marks the n-th counted working day.
"""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.agencies.models import AuditEntry, HolidaySchedule, LocalHoliday
from gongkai.web.applications.models import Application
from gongkai.web.portal.lookup import public_status

from .base import BaseTestCase

D = dt.date
FAKE = {
    "holidays": "2027-01-01 元旦\n2027-02-05 至 2027-02-13 春节",
    "workdays": "2027-01-31 春节\n2027-02-20 春节",
    "notice_number": "测试用虚构通知〔2026〕1号",
    "notice_date": "2026-12-01",
}
FAKE_SUMMARY = ("2027 年放假日：2027-01-01（元旦）、2027-02-05 至 2027-02-13（春节）；"
                "调休上班日：2027-01-31（春节）、2027-02-20（春节）；依据：测试用虚构通知〔2026〕1号，2026-12-01")


def due(app) -> dt.date | None:
    return Application.objects.get(pk=app.pk).due_on


class CalendarBase(BaseTestCase):
    def save(self, user=None, year=2027, status=200, **changes):
        self.client.force_login(user or self.admin)
        r = self.client.post(self.url("calendar_year", year), {**FAKE, **changes})
        self.assertEqual(r.status_code, status, r.content.decode()[:3000])
        return r

    def act(self, user, app, action, **data):
        self.client.force_login(user)
        return self.client.post(self.url("act", app.number, action), {f"{action}-{k}": v for k, v in data.items()})


@override_settings(GONGKAI_TODAY=D(2027, 1, 20))
class ScheduleTestCase(CalendarBase):
    def test_entering_the_year_recounts_every_open_deadline_and_lists_what_moved(self):
        # a1 received Mon 2026-12-21; count from Tue 12-22: 22(1) 23(2) 24(3) 25(4) | 26-27 | 28(5) 29(6)
        # 30(7) 31(8) | Fri 01-01 元旦 | 02-03 | 01-04(9) .. 08(13) | 09-10 | 01-11(14) .. 15(18) | 16-17 |
        # Mon 01-18(19) Tue 01-19(20) -> 2027-01-19.
        # a2 received Fri 2027-01-15; count from Sat 01-16: 16-17 | 01-18(1) .. 22(5) | 23-24 | 01-25(6) ..
        # 29(10) | Sat 30 | Sun 31 make-up (11) | 02-01(12) .. 04(15) | 02-05 .. 02-13 春节 | Sun 14 |
        # 02-15(16) 16(17) 17(18) 18(19) Fri 02-19(20) -> 2027-02-19, across the (made-up) Spring Festival.
        # a3 received Mon 2026-11-02, all in 2026: 11-03(1) .. 06(4) | 09(5) .. 13(9) | 16(10) .. 20(14) |
        # 23(15) .. 27(19) | Mon 11-30(20): known before, does not move.
        a1, a2 = self.make_app(received=D(2026, 12, 21)), self.make_app(received=D(2027, 1, 15))
        a3 = self.make_app(received=D(2026, 11, 2))
        self.assertEqual((due(a1), due(a2), due(a3)), (None, None, D(2026, 11, 30)))
        r = self.save()
        self.assertContains(r, "已保存 2027 年放假安排。2 件办理中申请的答复期限随之变化。")
        self.assertContains(r, "答复期限有变化的申请（2 件）")
        html = r.content.decode()
        self.assertIn(f">{a1.number}</a></td>\n<td>期限待定</td><td>2027-01-19</td>", html)
        self.assertIn(f">{a2.number}</a></td>\n<td>期限待定</td><td>2027-02-19</td>", html)
        self.assertNotIn(a3.number, html)
        self.assertEqual((due(a1), due(a2), due(a3)), (D(2027, 1, 19), D(2027, 2, 19), D(2026, 11, 30)))
        # Audited: the schedule with its old and new values, and each moved application.
        entry = AuditEntry.objects.get(subject="calendar:2027")
        self.assertEqual((entry.action, entry.actor, entry.agency), ("schedule_saved", self.admin, self.agency))
        self.assertIn("原安排：无（未录入）", entry.reason)
        self.assertIn("新安排：" + FAKE_SUMMARY, entry.reason)
        self.assertIn("2 件办理中申请的答复期限随之变化", entry.reason)
        moved = AuditEntry.objects.get(subject=f"application:{a1.number}", action="recount")
        self.assertEqual(moved.reason, "2027 年全国放假安排变更，答复期限由 待定 改为 2027-01-19")
        self.assertFalse(AuditEntry.objects.filter(subject=f"application:{a3.number}", action="recount").exists())
        # The case's own page counts on it and says where the year's data comes from.
        self.client.force_login(self.handler)
        page = self.client.get(self.url("application", a2.number))
        self.assertContains(page, "答复期限：<strong>2027年2月19日</strong>")
        self.assertContains(page, "2027-02-05 至 2027-02-13：法定节假日（春节）")
        self.assertContains(page, "2027 年按录入的放假安排计算（测试用虚构通知〔2026〕1号，2026-12-01）")
        self.assertNotContains(page, "期限待定")
        row = HolidaySchedule.objects.get()
        self.assertEqual((row.year, row.notice_number, row.updated_by), (2027, "测试用虚构通知〔2026〕1号", self.admin))

    def test_a_change_is_audited_with_both_versions_and_moves_the_deadlines_again(self):
        a1, a2 = self.make_app(received=D(2026, 12, 21)), self.make_app(received=D(2027, 1, 15))
        self.save()
        # Mon 2027-01-18 added as a rest day. a1 loses its 19th day: ... 01-15(18) | 16-17 | 18 rest |
        # Tue 01-19(19) Wed 01-20(20). a2 loses its 1st: 01-19(1) .. 22(4) | 01-25(5) .. 29(9) | Sun 31 (10) |
        # 02-01(11) .. 04(14) | 春节 | 02-15(15) .. 19(19) | Sat 02-20 make-up (20) -> Sat 2027-02-20.
        r = self.save(holidays=FAKE["holidays"] + "\n2027-01-18 测试休息日")
        self.assertContains(r, "2 件办理中申请的答复期限随之变化")
        self.assertContains(r, "<td>2027-01-19</td><td>2027-01-20</td>")
        self.assertContains(r, "<td>2027-02-19</td><td>2027-02-20</td>")
        self.assertEqual((due(a1), due(a2)), (D(2027, 1, 20), D(2027, 2, 20)))
        latest = AuditEntry.objects.filter(subject="calendar:2027").last()
        self.assertIn("原安排：" + FAKE_SUMMARY, latest.reason)
        self.assertIn("2027-01-18（测试休息日）", latest.reason.split("新安排：")[1])
        # Saving the same again changes nothing and writes nothing.
        count = AuditEntry.objects.count()
        r = self.save(holidays=FAKE["holidays"] + "\n2027-01-18 测试休息日")
        self.assertContains(r, "2027 年放假安排没有变化，未重新保存。")
        self.assertEqual(AuditEntry.objects.count(), count)

    def test_removing_a_wrongly_entered_year_makes_its_deadlines_pending_again(self):
        a1 = self.make_app(received=D(2026, 12, 21))
        self.save()
        self.assertEqual(due(a1), D(2027, 1, 19))
        r = self.client.post(self.url("calendar_year", 2027), {"delete": "1"})
        self.assertContains(r, "已删除录入的 2027 年放假安排。1 件办理中申请的答复期限随之变化。")
        self.assertContains(r, "<td>2027-01-19</td><td>期限待定</td>")
        self.assertIsNone(due(a1))
        self.assertFalse(HolidaySchedule.objects.exists())
        entry = AuditEntry.objects.filter(subject="calendar:2027").last()
        self.assertEqual(entry.action, "schedule_deleted")
        self.assertIn("改按无安排（该年期限待定）", entry.reason)
        self.assertIn("原安排：" + FAKE_SUMMARY, entry.reason)

    def test_every_calendar_of_the_platform_uses_it_with_the_local_rest_days(self):
        # Received Tue 2026-12-08: 09(1) 10(2) 11(3) | 14(4) .. 18(8) | 21(9) .. 25(13) | 28(14) 29(15)
        # 30(16) 31(17) | Fri 01-01 元旦 | 02-03 | Mon 01-04(18) 05(19) Wed 01-06(20). With a local rest
        # day on Mon 2027-01-04 the 18th..20th are 01-05, 01-06, Thu 01-07.
        LocalHoliday.objects.create(agency=self.agency, date=D(2027, 1, 4), name="地方节日")
        self.save()
        self.assertIn(2027, self.agency.calendar().years)
        self.assertEqual(due(self.make_app(received=D(2026, 12, 8))), D(2027, 1, 7))
        self.assertEqual(self.agency.calendar().day(D(2027, 2, 8)).reason, "法定节假日（春节）")
        self.assertEqual(self.other.calendar().day(D(2027, 1, 4)).kind, "workday")  # not 东湖镇's local day

    def test_the_form_refuses_what_the_notice_cannot_say(self):
        cases = [
            ({"workdays": "2027-02-03 春节"}, "2027-02-03 是星期三，不能列为调休上班日"),
            ({"holidays": "2027-01-01 元旦\n2028-01-01 元旦"}, "2028-01-01 不属于 2027 年"),
            ({"holidays": "2027-01-01 元旦\n2027-02-30 春节"}, "放假日第 2 行“2027-02-30 春节”无法识别"),
            ({"workdays": "2027-01-01"}, "2027-01-01 同时列为放假日和调休上班日"),
            ({"holidays": ""}, "这个字段是必填项"),
            ({"notice_number": ""}, "这个字段是必填项"),
            ({"notice_date": "2027-02-01"}, "通知日期不能晚于今天（2027-01-20）"),
            ({"notice_date": "2024-11-01"}, "不会早于 2026 年发布"),
        ]
        for changes, message in cases:
            with self.subTest(message):
                r = self.save(status=400, **changes)
                self.assertContains(r, message, status_code=400)
        self.assertFalse(HolidaySchedule.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(subject__startswith="calendar:").exists())

    def test_a_year_the_package_knows_is_shown_for_correction(self):
        self.client.force_login(self.admin)
        r = self.client.get(self.url("calendar_year", 2026))
        self.assertContains(r, "现按系统内置日历计算")
        self.assertContains(r, "2026-02-15 至 2026-02-23 春节")  # prefilled from the package
        self.assertContains(r, "取自系统内置日历")
        r = self.client.get(self.url("calendar"))
        self.assertContains(r, "系统内置日历收录 2004—2026 年")
        self.assertContains(r, "尚未录入：2027 年")
        r = self.client.get(self.url("calendar") + "?year=2027")
        self.assertEqual(r["Location"], self.url("calendar_year", 2027))
        self.assertEqual(self.client.get(self.url("calendar_year", 1999)).status_code, 404)


@override_settings(GONGKAI_TODAY=D(2027, 1, 20))
class SchedulePermissionTestCase(CalendarBase):
    def test_only_the_administrator_gets_in(self):
        for name, args in (("calendar", ()), ("calendar_year", (2027,))):
            url = self.url(name, *args)
            self.client.logout()
            r = self.client.get(url)
            self.assertEqual(r.status_code, 302)
            self.assertIn("/login/", r["Location"])
            self.client.force_login(self.admin)
            self.assertEqual(self.client.get(url).status_code, 200)
            for role in ("registrar", "handler", "reviewer", "head", "editor", "first_reviewer"):
                with self.subTest(name, role=role):
                    self.client.force_login(getattr(self, role))
                    self.assertEqual(self.client.get(url).status_code, 403)
                    self.assertEqual(self.client.post(self.url("calendar_year", 2027), FAKE).status_code, 403)
            self.client.force_login(self.outsider)  # every role, but in 东湖镇
            self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.admin)
        self.assertEqual(self.client.post(self.url("calendar"), {}).status_code, 405)
        self.assertEqual(self.client.put(self.url("calendar_year", 2027)).status_code, 405)
        self.assertFalse(HolidaySchedule.objects.exists())

    def test_a_township_administrator_may_look_but_not_change_it(self):
        # 东湖镇 has a parent (the county office): its administrator sees the schedule, read-only.
        self.save()
        self.client.force_login(self.outsider)
        url = f"/{self.other.code}/calendar/2027/"
        r = self.client.get(url)
        self.assertContains(r, "只能查看")
        self.assertContains(r, "2027-02-05 至 2027-02-13 春节")
        self.assertNotContains(r, "<button type=\"submit\">保存</button>", html=False)
        self.assertEqual(self.client.post(url, {**FAKE, "holidays": "2027-01-01"}).status_code, 403)
        self.assertEqual(self.client.post(url, {"delete": "1"}).status_code, 403)
        self.assertEqual(HolidaySchedule.objects.get().holidays[0], {"date": "2027-01-01", "name": "元旦"})
        self.assertEqual(len(HolidaySchedule.objects.get().holidays), 10)

    def test_the_django_admin_cannot_change_it_behind_the_audit(self):
        from django.contrib import admin

        model_admin = admin.site._registry[HolidaySchedule]
        self.assertFalse(model_admin.has_add_permission(None))
        self.assertFalse(model_admin.has_change_permission(None))
        self.assertFalse(model_admin.has_delete_permission(None))


@override_settings(GONGKAI_TODAY=D(2026, 12, 10))
class PendingDeadlineTestCase(CalendarBase):
    """期限待定 and 人工核定. Received Tue 2026-12-08 the count runs into 2027 (see
    test_every_calendar_of_the_platform_uses_it_with_the_local_rest_days: 2027-01-06 on the made-up
    schedule); received Mon 2026-11-02 it is 2026-11-30, overdue on 2026-12-10."""

    def setUp(self):
        self.pending = self.make_app(received=D(2026, 12, 8))
        self.late = self.make_app(received=D(2026, 11, 2))

    def test_the_dashboard_shows_pending_deadlines_first(self):
        self.assertIsNone(due(self.pending))
        self.client.force_login(self.registrar)
        html = self.client.get(self.url("dashboard")).content.decode()
        self.assertIn("期限待定 1 件：所跨年份的全国放假安排尚未录入", html)
        banner = html.index('id="undetermined"')
        self.assertLess(banner, html.index("<table>"))
        self.assertLess(html.index(self.pending.number, banner), html.index("<table>"))
        rows = html[html.index("<table>"):]
        self.assertLess(rows.index(self.pending.number), rows.index(self.late.number))  # before the overdue one
        self.assertIn('<tr class="undetermined">', rows)
        self.assertIn('<span class="badge undetermined">期限待定</span>', rows)
        self.assertIn("期限待定 <span class=\"badge undetermined\">1</span> 件", html)

    def test_the_application_page_says_so_and_offers_the_head_a_manual_deadline(self):
        self.client.force_login(self.handler)
        r = self.client.get(self.url("application", self.pending.number))
        self.assertContains(r, '<strong class="badge undetermined">期限待定</strong>')
        self.assertContains(r, "答复期限跨入 2027 年，而 2027 年的全国放假安排尚未录入")
        self.assertNotContains(r, "人工核定答复期限</button>")
        self.client.force_login(self.head)
        r = self.client.get(self.url("application", self.pending.number))
        self.assertContains(r, "人工核定答复期限</button>")
        self.assertContains(r, "录入 2027 年全国放假安排后，将自动改按工作日计算答复期限")
        r = self.client.get(self.url("application", self.late.number))  # a known deadline: nothing to set
        self.assertNotContains(r, "人工核定答复期限</button>")

    def test_the_head_sets_a_deadline_by_hand_until_the_year_is_entered(self):
        r = self.act(self.head, self.pending, "manual_due", due_on="2027-01-07", reason="参照往年元旦安排估算")
        self.assertEqual(r.status_code, 302)
        self.assertEqual(due(self.pending), D(2027, 1, 7))
        entry = AuditEntry.objects.filter(subject=f"application:{self.pending.number}").last()
        self.assertEqual((entry.action, entry.actor), ("manual_due", self.head))
        self.assertEqual(entry.reason,
                         "负责人人工核定答复期限为 2027-01-07（2027 年全国放假安排尚未录入）：参照往年元旦安排估算")
        self.client.force_login(self.handler)
        page = self.client.get(self.url("application", self.pending.number))
        self.assertContains(page, '答复期限：<strong>2027年1月7日</strong> <span class="badge manual">人工核定</span>')
        self.assertContains(page, "核定理由：参照往年元旦安排估算")
        self.assertContains(page, "28 天后到期（自然日）")  # 2026-12-10 -> 2027-01-07
        dash = self.client.get(self.url("dashboard")).content.decode()
        self.assertIn('2027年1月7日 <span class="badge manual">人工核定</span>', dash)
        self.assertNotIn('id="undetermined"', dash)  # decided: no longer pending
        # The head may correct it; the trail keeps both dates.
        self.act(self.head, self.pending, "manual_due", due_on="2027-01-08", reason="更正")
        self.assertEqual(AuditEntry.objects.filter(subject=f"application:{self.pending.number}").last().reason,
                         "负责人将人工核定的答复期限由 2027-01-07 改为 2027-01-08（2027 年全国放假安排尚未录入）：更正")
        # Once the year is entered the count takes over (2027-01-06, see the class docstring).
        r = self.save(notice_date="2026-12-09")
        self.assertContains(r, "<td>2027-01-08</td><td>2027-01-06</td>")
        self.assertEqual(due(self.pending), D(2027, 1, 6))
        self.client.force_login(self.handler)
        page = self.client.get(self.url("application", self.pending.number))
        self.assertContains(page, "答复期限：<strong>2027年1月6日</strong>")
        self.assertContains(page, "已录入全国放假安排，答复期限按工作日计算；"
                                  "原人工核定的期限 2027-01-08（更正）不再适用。")

    def test_the_manual_deadline_is_checked(self):
        for value, message in (("2026-12-08", "答复期限应晚于收到申请之日（2026-12-08）"),
                               ("2027-12-09", "不应晚于收到申请之日后一年（2027-12-08）")):
            r = self.act(self.head, self.pending, "manual_due", due_on=value, reason="x")
            self.assertContains(r, message, status_code=400)
        self.assertEqual(self.act(self.head, self.pending, "manual_due", due_on="2027-01-07").status_code, 400)
        self.assertIsNone(due(self.pending))
        # A deadline that can be counted is not set by hand.
        r = self.act(self.head, self.late, "manual_due", due_on="2026-12-31", reason="x")
        self.assertEqual(r.status_code, 409)
        self.assertEqual(due(self.late), D(2026, 11, 30))

    def test_permission_stories_of_the_manual_deadline(self):
        url = self.url("act", self.pending.number, "manual_due")
        data = {"manual_due-due_on": "2027-01-07", "manual_due-reason": "x"}
        r = self.client.post(url, data)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/login/", r["Location"])
        for role in ("registrar", "handler", "reviewer", "admin", "editor", "first_reviewer"):
            with self.subTest(role=role):
                self.client.force_login(getattr(self, role))
                self.assertEqual(self.client.post(url, data).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.post(url, data).status_code, 404)
        self.client.force_login(self.head)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertIsNone(due(self.pending))
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(due(self.pending), D(2027, 1, 7))

    def test_the_public_status_page_says_it_plainly(self):
        status = public_status(Application.objects.get(pk=self.pending.pk))
        self.assertIsNone(status["due_on"])
        self.assertEqual(status["deadline_note"], "答复期限待定：2027 年的全国节假日安排公布后，按工作日确定答复期限。")
        self.act(self.head, self.pending, "manual_due", due_on="2027-01-07", reason="内部理由")
        status = public_status(Application.objects.get(pk=self.pending.pk))
        self.assertEqual(status["due_on"], D(2027, 1, 7))
        self.assertNotIn("内部理由", status["deadline_note"])


@override_settings(GONGKAI_TODAY=D(2027, 1, 5))
class TodayInAnUnknownYearTestCase(CalendarBase):
    def test_a_known_deadline_stays_known_and_overdue(self):
        # Received Mon 2026-11-02: due Mon 2026-11-30 (all in 2026). Today, 2027-01-05, is in a year not
        # entered: the working days since cannot be counted, but it is overdue all the same.
        app = self.make_app(received=D(2026, 11, 2))
        self.assertEqual(due(app), D(2026, 11, 30))
        self.client.force_login(self.handler)
        html = self.client.get(self.url("dashboard")).content.decode()
        self.assertIn('<tr class="overdue">', html)
        self.assertIn('<span class="badge">已超期</span>', html)
        self.assertNotIn('id="undetermined"', html)
        page = self.client.get(self.url("application", app.number))
        self.assertContains(page, '<strong>2026年11月30日</strong>，<span class="badge overdue">已超期</span>')
        self.assertNotContains(page, "期限待定")
