"""The dashboard: open applications with working days left, due-soon and overdue marked, each deadline
with how it was counted, on the national calendar plus the agency's local rest days."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.agencies.models import LocalHoliday
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .base import BaseTestCase


class DashboardTestCase(BaseTestCase):
    def test_it_counts_across_the_spring_festival(self):
        # Received Mon 2025-01-20. Working days from 01-21: 01-21..24 (4), Sun 01-26 is a 调休 working day
        # (5), 01-27 (6); 01-28..02-04 春节 rest days; Sat 02-08 调休 working day; 02-05..07 (9), 02-08 (10),
        # 02-10..14 (15), 02-17..21 (20) -> 2025-02-21, as CONTRACT.md's example says.
        app = self.make_app(received=dt.date(2025, 1, 20))
        self.assertEqual(app.due_on, dt.date(2025, 2, 21))
        self.client.force_login(self.handler)
        r = self.client.get(self.url("dashboard"))
        self.assertContains(r, "2025-02-21")
        self.assertContains(r, "春节")
        self.assertContains(r, "已超期")  # today is 2025-03-10 in these tests

    def test_it_skips_the_agencys_local_rest_days(self):
        # A local rest day on Mon 2025-02-10 (one of the 20 counted above) moves the deadline one working
        # day on: Mon 2025-02-24.
        LocalHoliday.objects.create(agency=self.agency, date=dt.date(2025, 2, 10), name="地方节日")
        app = self.make_app(received=dt.date(2025, 1, 20))
        self.assertEqual(app.due_on, dt.date(2025, 2, 24))

    @override_settings(GONGKAI_TODAY=dt.date(2025, 3, 25))
    def test_it_marks_due_soon_and_sorts_the_most_urgent_first(self):
        soon = self.make_app(received=dt.date(2025, 3, 3))  # due 03-31: 4 working days left on 03-25
        later = self.make_app(received=dt.date(2025, 3, 20))  # due 04-18
        late = self.make_app(received=dt.date(2025, 1, 20))  # due 02-21: overdue
        self.client.force_login(self.registrar)
        html = self.client.get(self.url("dashboard")).content.decode()
        self.assertLess(html.index(late.number), html.index(soon.number))
        self.assertLess(html.index(soon.number), html.index(later.number))
        self.assertIn('<tr class="soon">', html)
        self.assertIn('<tr class="overdue">', html)

    def test_it_shows_a_stopped_clock_while_waiting_for_the_applicant(self):
        app = self.make_app()
        services.apply(app, self.reviewer, "correction", correction_requested_on=dt.date(2025, 3, 4),
                       correction_note="请明确年份")
        self.assertIsNone(Application.objects.get(pk=app.pk).due_on)
        self.client.force_login(self.registrar)
        self.assertContains(self.client.get(self.url("dashboard")), "待申请人补正")

    @override_settings(GONGKAI_TODAY=dt.date(2099, 1, 5))
    def test_it_says_so_when_the_calendar_does_not_know_the_year(self):
        self.make_app()
        self.client.force_login(self.registrar)
        r = self.client.get(self.url("dashboard"))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "2099")
