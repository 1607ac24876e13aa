"""The roster and deadline board: the states worked out by hand, the local deadlines, the roster
exceptions, what is due within 7 days, the rules page and the reminders (in-app and by e-mail)."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.db import transaction
from django.test import SimpleTestCase, override_settings
from django.utils import timezone

from gongkai.web.agencies.models import Agency, AuditEntry
from gongkai.web.applications.models import Application
from gongkai.web.reports import publication
from gongkai.web.supervision import board as B
from gongkai.web.supervision import filing as F
from gongkai.web.supervision import reminders as R
from gongkai.web.supervision.models import CountyRules, ExternalReport, LevelDeadline, Reminder, RosterEntry
from gongkai.web.supervision.sources import reports_of

from .supervision_base import SupervisionTestCase, make_ready

D = dt.date
# 怀化-like local deadlines for a 2025 report: file by 2026-01-26, publish by 2026-01-28.
HUAIHUA = B.Deadlines(D(2026, 1, 26), D(2026, 1, 28), True)


class ClassifyTestCase(SimpleTestCase):
    def status(self, today, required=True, **facts):
        return B.classify(B.Facts(**facts), HUAIHUA, today, required)

    def test_nothing_before_the_deadlines_is_not_started_and_the_filing_is_due_soon(self):
        s = self.status(D(2026, 1, 20))
        self.assertEqual((s.state, s.stage), ("not_started", "not_started"))
        # 2026-01-26 minus 2026-01-20 = 6 days: within the 7 days (0..6) -> stands out
        self.assertEqual((s.due.what, s.due.date, s.due.days), ("filing", D(2026, 1, 26), 6))
        self.assertEqual(s.due.text, "6天后报送截止（2026-01-26）")

    def test_seven_days_ahead_is_not_yet_due_soon(self):
        # 2026-01-19 -> 2026-01-26 is 7 days: outside 0..6
        self.assertIsNone(self.status(D(2026, 1, 19)).due)

    def test_the_deadline_day_itself_is_due_today_not_late(self):
        s = self.status(D(2026, 1, 26), has_draft=True)
        self.assertEqual((s.state, s.due.days, s.due.text), ("draft", 0, "今天报送截止（2026-01-26）"))

    def test_filing_deadline_passed_without_a_filing_is_overdue_keeping_the_stage(self):
        s = self.status(D(2026, 1, 27), has_draft=True)
        self.assertEqual((s.state, s.stage), ("overdue", "draft"))
        self.assertEqual((s.due.what, s.due.days), ("publish", 1))  # 01-28 is one day away

    def test_without_the_filing_requirement_only_the_publication_deadline_counts(self):
        s = self.status(D(2026, 1, 27), required=False, has_draft=True)
        self.assertEqual((s.state, s.due.what), ("draft", "publish"))

    def test_after_the_final_deadline_nothing_at_all_is_missing_and_a_draft_or_a_filing_is_overdue(self):
        self.assertEqual(self.status(D(2026, 1, 29)).state, "missing")
        self.assertEqual((self.status(D(2026, 1, 29), has_draft=True).state,
                          self.status(D(2026, 1, 29), has_draft=True).stage), ("overdue", "draft"))
        s = self.status(D(2026, 1, 29), filing_state="accepted", filings=1, first_filed_on=D(2026, 1, 25))
        self.assertEqual((s.state, s.stage, s.late_filing), ("overdue", "accepted", False))

    def test_filing_stages(self):
        for filing_state, state in (("submitted", "submitted"), ("returned", "returned"), ("accepted", "accepted")):
            s = self.status(D(2026, 1, 20), filing_state=filing_state, filings=1, first_filed_on=D(2026, 1, 19))
            self.assertEqual(s.state, state)
            # filed: the next deadline is the publication's, 8 days away: not due soon
            self.assertIsNone(s.due)

    def test_published_on_the_deadline_is_in_time_after_it_is_marked_late(self):
        on_time = self.status(D(2026, 2, 10), published_on=D(2026, 1, 28), published_where="platform")
        late = self.status(D(2026, 2, 10), published_on=D(2026, 1, 30), published_where="platform",
                           first_filed_on=D(2026, 1, 27), filings=1, filing_state="accepted")
        self.assertEqual((on_time.state, on_time.late_publication), ("published", False))
        self.assertEqual((late.state, late.late_publication, late.late_filing), ("published", True, True))


class DeadlinesTestCase(SupervisionTestCase):
    def test_defaults_follow_the_statute_and_a_level_row_overrides_them(self):
        d = B.deadlines_for(self.county, 2025)
        self.assertEqual((d["government"].filing, d["government"].publish), (D(2026, 3, 31), D(2026, 3, 31)))
        self.assertEqual((d["township"].publish, d["department"].publish), (D(2026, 1, 31), D(2026, 1, 31)))
        self.assertFalse(d["township"].configured)
        LevelDeadline.objects.create(county=self.county, level="township", filing_month=1, filing_day=26,
                                     publish_month=1, publish_day=28)
        d = B.deadlines_for(self.county, 2025)
        self.assertEqual((d["township"].filing, d["township"].publish, d["township"].configured),
                         (D(2026, 1, 26), D(2026, 1, 28), True))


@override_settings(GONGKAI_TODAY=D(2026, 1, 22))
class BoardPageTestCase(SupervisionTestCase):
    """The county on 2026-01-22 with 先备案后公布 on and townships filing by 01-26, publishing by 01-28:
    示范县人民政府  nothing (government: default 03-31 for both)      -> 未起草
    东湖镇          filed, waiting                                     -> 已报送, publication due in 6 days
    西山镇          filed, accepted, published on 2026-01-21           -> 已发布
    县教育局        expected from 2026 only (created in 2026)          -> not on the 2025 roster
    counts: 未起草 1, 已报送 1, 已发布 1, every other state 0."""

    def setUp(self):
        CountyRules.objects.create(county=self.county, filing_first=True)
        LevelDeadline.objects.create(county=self.county, level="township", filing_month=1, filing_day=26,
                                     publish_month=1, publish_day=28)
        RosterEntry.objects.create(county=self.county, agency=self.jiaoyu, expected_from=2026)
        make_ready(self.donghu, self.donghu_reviewer)
        F.submit(self.donghu, 2025, self.donghu_reviewer)
        make_ready(self.xishan, self.xishan_reviewer)
        F.decide(F.submit(self.xishan, 2025, self.xishan_reviewer), self.supervisor, True, "")
        texts = publication.report_row(self.xishan, 2025)
        self.assertEqual(publication.publish(texts, self.xishan_head, D(2026, 1, 21)), [])

    def test_states_counts_and_what_is_due_soon(self):
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 1, 22))}
        self.assertEqual(rows["shifan"].status.state, "not_started")
        self.assertEqual(rows["donghu"].status.state, "submitted")
        self.assertEqual(rows["xishan"].status.state, "published")
        self.assertIsNone(rows["jiaoyu"].status)
        self.assertEqual(rows["donghu"].status.due.text, "6天后发布截止（2026-01-28）")
        counts = B.counts(list(rows.values()))
        self.assertEqual(counts, {"not_started": 1, "draft": 0, "submitted": 1, "returned": 0, "accepted": 0,
                                  "published": 1, "overdue": 0, "missing": 0})

    def test_the_page_shows_them(self):
        self.client.force_login(self.supervisor)
        r = self.client.get(self.sv("board", 2025))
        self.assertContains(r, '<li class="count-submitted"><span class="badge state-submitted">已报送</span> 1</li>',
                            html=True)
        self.assertContains(r, '<li class="count-missing"><span class="badge state-missing">缺报</span> 0</li>',
                            html=True)
        self.assertContains(r, 'class="state-submitted soon" data-agency="donghu"')
        self.assertContains(r, "6天后发布截止（2026-01-28）")  # the text, not colour alone
        self.assertContains(r, "7天内截止（1个机关）")
        body = r.content.decode()
        # the department expected from 2026 only is listed apart, not in the table
        self.assertIn("本年度不要求报送", body)
        self.assertLess(body.index("本年度不要求报送"), body.index("示范县教育局"))

    def test_each_row_links_to_the_agency_over_the_years_and_to_its_filings(self):
        self.client.force_login(self.supervisor)
        body = self.client.get(self.sv("board", 2025)).content.decode()
        # The three expected rows (示范县, 东湖镇, 西山镇) link to their over-the-years page; the county
        # has never filed, so only the two townships link to a filing page.
        for code in ("shifan", "donghu", "xishan"):
            self.assertIn(f'href="{self.sv("agency_years", code)}"', body)
        for code in ("donghu", "xishan"):
            self.assertIn(f'href="{self.sv("filing", 2025, code)}"', body)
        self.assertNotIn(f'href="{self.sv("filing", 2025, "shifan")}"', body)
        # and the links lead somewhere the supervisor may go
        self.assertEqual(self.client.get(self.sv("agency_years", "donghu")).status_code, 200)

    def test_after_the_deadlines_the_board_shows_late_and_missing(self):
        # On 2026-01-29: 东湖镇 still waiting -> 逾期（已报送）; 示范县人民政府 (03-31) still 未起草;
        # with 西山镇 published on 01-21 -> 已发布 in time.
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 1, 29))}
        self.assertEqual((rows["donghu"].status.state, rows["donghu"].status.stage), ("overdue", "submitted"))
        self.assertEqual(rows["shifan"].status.state, "not_started")
        self.assertEqual((rows["xishan"].status.state, rows["xishan"].status.late_publication), ("published", False))
        # On 2026-04-01 the county's own report (due 03-31, nothing at all) is 缺报.
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 4, 1))}
        self.assertEqual(rows["shifan"].status.state, "missing")


class LateFilingTestCase(SupervisionTestCase):
    def test_a_filing_after_the_filing_deadline_by_the_projects_clock_is_marked(self):
        CountyRules.objects.create(county=self.county, filing_first=True)
        LevelDeadline.objects.create(county=self.county, level="township", filing_month=1, filing_day=26,
                                     publish_month=1, publish_day=28)
        make_ready(self.donghu, self.donghu_reviewer)
        make_ready(self.xishan, self.xishan_reviewer)
        with override_settings(GONGKAI_TODAY=D(2026, 1, 26)):  # the last day allowed
            F.submit(self.xishan, 2025, self.xishan_reviewer)
        with override_settings(GONGKAI_TODAY=D(2026, 1, 27)):  # one day late
            late = F.submit(self.donghu, 2025, self.donghu_reviewer)
        self.assertEqual(late.submitted_on, D(2026, 1, 27))
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 1, 27))}
        self.assertEqual((rows["donghu"].status.state, rows["donghu"].status.late_filing), ("submitted", True))
        self.assertEqual((rows["xishan"].status.state, rows["xishan"].status.late_filing), ("submitted", False))
        self.client.force_login(self.supervisor)
        with override_settings(GONGKAI_TODAY=D(2026, 1, 27)):
            page = self.client.get(self.sv("board", 2025)).content.decode()
        self.assertEqual(page.count('<span class="mark late-filing">逾期报送</span>'), 1)


class RulesPageTestCase(SupervisionTestCase):
    def test_the_supervisor_sets_the_rule_and_the_deadlines_audited(self):
        self.client.force_login(self.supervisor)
        r = self.client.get(self.sv("rules"))
        self.assertContains(r, 'value="01-31"')  # township default shown
        data = {"filing_first": "on", "government_filing": "03-20", "government_publish": "03-31",
                "department_filing": "01-26", "department_publish": "01-28",
                "township_filing": "01-26", "township_publish": "01-28"}
        self.assertEqual(self.client.post(self.sv("rules"), data).status_code, 302)
        self.assertTrue(CountyRules.objects.get(county=self.county).filing_first)
        d = LevelDeadline.objects.get(county=self.county, level="township")
        self.assertEqual((d.filing_month, d.filing_day, d.publish_month, d.publish_day), (1, 26, 1, 28))
        entry = AuditEntry.objects.get(action="supervision_rules")
        self.assertIn("先备案后公布：开启", entry.reason)
        self.assertIn("乡镇（街道）：默认 → 报送01-26 发布01-28", entry.reason)
        # the same values again: no change, no second entry
        self.client.post(self.sv("rules"), data)
        self.assertEqual(AuditEntry.objects.filter(action="supervision_rules").count(), 1)

    def test_the_own_report_aggregates_switch_is_saved_shown_and_audited(self):
        self.client.force_login(self.supervisor)
        self.assertContains(self.client.get(self.sv("rules")), "本级报告为汇总报告")
        data = {"own_report_aggregates": "on", "government_filing": "03-31", "government_publish": "03-31",
                "department_filing": "01-31", "department_publish": "01-31",
                "township_filing": "01-31", "township_publish": "01-31"}
        self.assertEqual(self.client.post(self.sv("rules"), data).status_code, 302)
        rules = CountyRules.objects.get(county=self.county)
        self.assertEqual((rules.own_report_aggregates, rules.filing_first), (True, False))
        entry = AuditEntry.objects.get(action="supervision_rules")
        self.assertIn("本级报告为汇总报告：是", entry.reason)
        self.assertNotIn("先备案后公布", entry.reason)  # it was off and stays off
        self.assertIn('name="own_report_aggregates" id="id_own_report_aggregates" checked',
                      self.client.get(self.sv("rules")).content.decode())
        del data["own_report_aggregates"]
        self.client.post(self.sv("rules"), data)
        self.assertFalse(CountyRules.objects.get(county=self.county).own_report_aggregates)
        self.assertIn("本级报告为汇总报告：否", AuditEntry.objects.filter(action="supervision_rules").last().reason)

    def test_a_filing_date_after_publication_or_not_a_date_is_refused(self):
        self.client.force_login(self.supervisor)
        data = {"government_filing": "03-31", "government_publish": "03-31", "department_filing": "02-30",
                "department_publish": "01-28", "township_filing": "01-29", "township_publish": "01-28"}
        r = self.client.post(self.sv("rules"), data)
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "“02-30”不是有效的月-日", status_code=400)
        self.assertContains(r, "乡镇（街道）的报送截止日期晚于发布截止日期", status_code=400)
        self.assertFalse(LevelDeadline.objects.exists())

    def test_the_roster_years_of_an_agency(self):
        self.client.force_login(self.supervisor)
        r = self.client.post(self.sv("roster"), {"agency": "jiaoyu", "expected_from": "2026", "expected_until": ""})
        self.assertEqual(r.status_code, 302)
        entry = RosterEntry.objects.get(county=self.county, agency=self.jiaoyu)
        self.assertEqual((entry.expected_from, entry.expected_until), (2026, None))
        # an agency of another county cannot be put on this roster
        r = self.client.post(self.sv("roster"), {"agency": "nanling", "expected_from": "2026"})
        self.assertEqual(r.status_code, 404)
        # both blank: the exception is removed
        self.client.post(self.sv("roster"), {"agency": "jiaoyu", "expected_from": "", "expected_until": ""})
        self.assertFalse(RosterEntry.objects.exists())
        self.assertEqual(AuditEntry.objects.filter(action="supervision_roster").count(), 2)


class RemindersTestCase(SupervisionTestCase):
    def test_a_reminder_to_one_agency_in_app_and_by_mail_then_read_by_its_staff(self):
        self.client.force_login(self.supervisor)
        with self.captureOnCommitCallbacks(execute=True):  # the mail leaves once the reminder is committed
            r = self.client.post(self.sv("reminders", 2025), {"agency": "donghu", "text": "请于1月26日前报送。"})
        self.assertEqual(r.status_code, 302)
        reminder = Reminder.objects.get()
        # 东湖镇's staff with an address: head@ and rev@ (the handler has none) -> 2 mails, one each
        self.assertEqual(reminder.emailed_to, 2)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["head@donghu.example", "rev@donghu.example"])
        self.assertIn("请于1月26日前报送。", mail.outbox[0].body)
        self.assertEqual(mail.outbox[0].subject, "【示范县人民政府政务公开办】2025年度政府信息公开工作年度报告提醒")
        self.assertTrue(AuditEntry.objects.filter(action="supervision_remind", agency=self.county).exists())
        # the township's dashboard shows it until one of its staff marks it read
        self.client.force_login(self.donghu_handler)
        dashboard = self.client.get(f"/{self.donghu.code}/")
        self.assertContains(dashboard, "请于1月26日前报送。")
        read_url = f"/{self.donghu.code}/supervision/reminders/{reminder.pk}/read/"
        self.assertEqual(self.client.post(read_url).status_code, 302)
        reminder.refresh_from_db()
        self.assertEqual(reminder.read_by, self.donghu_handler)
        self.assertNotContains(self.client.get(f"/{self.donghu.code}/"), "请于1月26日前报送。")
        # another agency's staff cannot mark it (404), nor see it
        self.client.force_login(self.xishan_head)
        self.assertEqual(self.client.post(f"/{self.xishan.code}/supervision/reminders/{reminder.pk}/read/").status_code,
                         404)
        self.assertEqual(self.client.post(read_url).status_code, 404)
        # the supervisor's list says it was read, on the day it was in Beijing (between 16:00 and 24:00
        # UTC that is the next day's date)
        self.client.force_login(self.supervisor)
        self.assertContains(self.client.get(self.sv("reminders", 2025)),
                            timezone.localtime(reminder.read_at).strftime("%Y-%m-%d"))

    def test_the_mail_leaves_only_once_the_reminder_is_committed(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            reminder = R.send(self.county, self.donghu, 2025, "请报送。", self.supervisor)
        # Not sent yet: waiting for the commit (one callback), the row says it is for two addresses.
        self.assertEqual((len(mail.outbox), len(callbacks), reminder.emailed_to), (0, 1, 2))
        callbacks[0]()
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(Reminder.objects.get().emailed_to, 2)

    def test_a_rolled_back_reminder_sends_no_mail(self):
        with (self.captureOnCommitCallbacks(execute=True) as callbacks, self.assertRaises(RuntimeError),
              transaction.atomic()):
            R.send(self.county, self.donghu, 2025, "请报送。", self.supervisor)
            raise RuntimeError("the caller's transaction fails after the reminder")
        self.assertEqual((len(callbacks), len(mail.outbox), Reminder.objects.count()), (0, 0, 0))

    def test_to_all_not_yet_filed(self):
        # 西山镇 has filed (waiting): not reminded. 东湖镇 and 县教育局 have not: 2 reminders. The county
        # itself has not filed either, but its own report is the office's work: not reminded, not counted.
        make_ready(self.xishan, self.xishan_reviewer)
        F.submit(self.xishan, 2025, self.xishan_reviewer)
        self.client.force_login(self.supervisor)
        self.assertContains(self.client.get(self.sv("board", 2025)), "向所有尚未报送的机关（2个）发送提醒")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.sv("reminders", 2025), {"text": "请按期报送。"})
        self.assertEqual(sorted(Reminder.objects.values_list("agency__code", flat=True)), ["donghu", "jiaoyu"])
        # mails: 东湖镇's two addresses; the county and the bureau have no staff with an address
        self.assertEqual(len(mail.outbox), 2)

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="localhost")
    def test_without_mail_configured_the_reminder_is_in_app_only(self):
        self.client.force_login(self.supervisor)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.sv("reminders", 2025), {"agency": "donghu", "text": "请报送。"})
        self.assertEqual(Reminder.objects.get().emailed_to, 0)
        self.assertEqual(len(mail.outbox), 0)

    def test_no_reminder_outside_the_county(self):
        self.client.force_login(self.supervisor)
        r = self.client.post(self.sv("reminders", 2025), {"agency": "nanling", "text": "x"})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(Reminder.objects.exists())


class ApplicationsUntouchedTestCase(SupervisionTestCase):
    def test_the_board_reads_no_application(self):
        # An open application in a township changes nothing on the board (the board counts reports only).
        Application.objects.create(agency=self.donghu, number="X-1", channel="online", received_on=D(2025, 5, 1),
                                   applicant_type="natural_person", applicant_name="李四", description="x")
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 1, 20))}
        self.assertEqual(rows["donghu"].status.state, "not_started")


class BoardQueriesTestCase(SupervisionTestCase):
    def test_the_board_costs_the_same_queries_for_4_or_44_agencies(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from gongkai.web.agencies.models import Agency

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                rows = B.board(self.county, 2025, D(2026, 1, 20))
            self.assertEqual(len(rows), len(B.supervised(self.county)))
            return len(captured)

        few = queries()
        for i in range(40):
            Agency.objects.create(name=f"示范县第{i}社区", code=f"sq{i}", level="township", parent=self.donghu)
        many = queries()
        print(f"board queries: {few} for 4 agencies, {many} for 44")
        self.assertEqual(few, many)


class UploadsAgreeTestCase(SupervisionTestCase):
    """The board and sources.reports_of count the same uploads: by the county, or by an agency above it
    (here a city office over 示范县), never by a sibling county (邻县, which matched one to 西山镇)."""

    def setUp(self):
        from .supervision_figures_data import report_json

        self.city = Agency.objects.create(name="示范市人民政府", code="shifanshi", level="government")
        Agency.objects.filter(pk=self.county.pk).update(parent=self.city)
        self.county.refresh_from_db()
        Agency.objects.filter(pk=self.other_county.pk).update(parent=self.city)

        def upload(by, agency, sha):
            ExternalReport.objects.create(county=by, agency=agency, year=2025, label=f"{agency.code}.pdf",
                                          sha256=sha * 64, document={**report_json(agency.name, 2025, {"new": 3}),
                                                                     "published_on": "2026-01-15"})
        upload(self.county, self.jiaoyu, "a")  # the county's own upload
        upload(self.city, self.donghu, "b")  # the city office's, above the county
        upload(self.other_county, self.xishan, "c")  # a sibling county's: counts for nobody here

    def test_the_board_and_the_sources_agree(self):
        rows = {r.agency.code: r for r in B.board(self.county, 2025, D(2026, 1, 20))}
        published = sorted(c for c, r in rows.items() if r.facts.published_where == "external")
        sourced = sorted(s.agency.code for s in reports_of(self.county, 2025).values() if s.source == "external")
        self.assertEqual(published, ["donghu", "jiaoyu"])
        self.assertEqual(sourced, ["donghu", "jiaoyu"])
        self.assertEqual(rows["donghu"].facts.published_on, D(2026, 1, 15))
        self.assertEqual(rows["xishan"].status.state, "not_started")
