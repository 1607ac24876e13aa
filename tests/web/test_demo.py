"""The demo the main job serves: every state present, deadlines counted, a report that assembles."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.http import HttpRequest
from django.test import TestCase, override_settings

from gongkai.web.agencies.models import Agency, HolidaySchedule, Membership
from gongkai.web.applications.models import Application, State
from gongkai.web.disclosures.models import Document
from gongkai.web.disclosures.models import State as DocState
from gongkai.web.portal.models import Message
from gongkai.web.reports import assemble
from gongkai.web.reports.models import AnnualReport


@override_settings(GONGKAI_TODAY=dt.date(2025, 11, 20))
class DemoTestCase(TestCase):
    def test_it_seeds_a_county_with_staff_and_applications_in_every_state(self):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        self.assertIn("county-registrar", out.getvalue())
        self.assertEqual(Agency.objects.count(), 3)
        # the seven staff roles and the county office's supervisor (政务公开办)
        self.assertEqual(Membership.objects.values("role").distinct().count(), 8)
        self.assertIn("gongkaiban", out.getvalue())
        # 西山乡's one clerk registers, handles and drafts documents, as in real townships (issue 14 part 9).
        clerk = Membership.objects.filter(user__username="xishan-clerk")
        self.assertEqual(set(clerk.values_list("role", flat=True)), {"registrar", "handler", "editor"})
        self.assertIn("xishan-clerk（党政办工作人员：登记员、承办人、信息编发员）", out.getvalue())
        self.assertTrue(Application.objects.filter(agency__code="xishan", handler__username="xishan-clerk").exists())
        states = set(Application.objects.values_list("state", flat=True))
        self.assertEqual(states, set(State.values))
        county = Agency.objects.get(code="county")
        report = assemble.assemble(county, 2024)
        rules = {f.rule for f in assemble.findings(county, 2024, report) if f.severity == "error"}
        self.assertFalse(rules & {"balance", "outcome_total", "row_total"})
        self.client.login(request=HttpRequest(), username="county-handler", password="gongkai-demo")
        self.assertContains(self.client.get("/county/"), "计算说明")
        # The public side: documents in every workflow state, and last year's county report published.
        self.assertEqual(set(Document.objects.values_list("state", flat=True)), set(DocState.values))
        self.assertEqual(AnnualReport.objects.get(agency=county, year=2024).state, "published")
        self.assertContains(self.client.get("/zfxxgk/county/reports/2024/"), "政府信息公开工作年度报告")
        self.assertEqual(Message.objects.filter(agency=county).count(), 3)
        call_command("seed_demo", "--if-empty", stdout=out)
        self.assertIn("跳过", out.getvalue())


class DemoPastTheCalendarTestCase(TestCase):
    """The demo on the day the calendar package runs out, and after: it still seeds every state, never
    seeds a 2027 schedule (it would pass invented dates off as the State Council's), and shows the
    cases whose deadline reaches into the unknown year as 期限待定."""

    def seed(self, pending: bool):
        call_command("seed_demo", stdout=io.StringIO())
        self.assertEqual(set(Application.objects.values_list("state", flat=True)), set(State.values))
        self.assertFalse(HolidaySchedule.objects.exists())
        self.client.login(request=HttpRequest(), username="county-head", password="gongkai-demo")
        html = self.client.get("/county/").content.decode()
        self.assertEqual('id="undetermined"' in html, pending)

    @override_settings(GONGKAI_TODAY=dt.date(2026, 12, 1))
    def test_it_seeds_on_2026_12_01(self):
        # 20 working days from 2026-12-01 end on 2026-12-29: nothing received by today reaches 2027 yet.
        self.seed(pending=False)
        self.assertEqual(Application.objects.order_by("-received_on").first().received_on, dt.date(2026, 12, 1))

    @override_settings(GONGKAI_TODAY=dt.date(2026, 12, 15))
    def test_it_seeds_when_deadlines_reach_into_2027(self):
        self.seed(pending=True)

    @override_settings(GONGKAI_TODAY=dt.date(2027, 3, 1))
    def test_it_seeds_in_2027_without_a_2027_schedule(self):
        self.seed(pending=True)
        self.assertTrue(Application.objects.filter(received_on__year=2027).exists())
        county = Agency.objects.get(code="county")
        self.assertEqual(assemble.assemble(county, 2026).year, 2026)
