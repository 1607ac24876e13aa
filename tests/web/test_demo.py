"""The demo the main job serves: every state present, deadlines counted, a report that assembles."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.test import TestCase, override_settings

from gongkai.web.agencies.models import Agency, Membership
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
        self.assertEqual(Membership.objects.values("role").distinct().count(), 7)
        states = set(Application.objects.values_list("state", flat=True))
        self.assertEqual(states, set(State.values))
        county = Agency.objects.get(code="county")
        report = assemble.assemble(county, 2024)
        rules = {f.rule for f in assemble.findings(county, 2024, report) if f.severity == "error"}
        self.assertFalse(rules & {"balance", "outcome_total", "row_total"})
        self.client.login(username="county-handler", password="gongkai-demo")
        self.assertContains(self.client.get("/county/"), "计算说明")
        # The public side: documents in every workflow state, and last year's county report published.
        self.assertEqual(set(Document.objects.values_list("state", flat=True)), set(DocState.values))
        self.assertEqual(AnnualReport.objects.get(agency=county, year=2024).state, "published")
        self.assertContains(self.client.get("/zfxxgk/county/reports/2024/"), "政府信息公开工作年度报告")
        self.assertEqual(Message.objects.filter(agency=county).count(), 3)
        call_command("seed_demo", "--if-empty", stdout=out)
        self.assertIn("跳过", out.getvalue())
