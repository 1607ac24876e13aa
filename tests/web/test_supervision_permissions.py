"""Permission stories of the county office's pages: its supervisor may, another county's supervisor and
an agency's own staff get 404 (they must not learn the page exists), anonymous visitors go to login."""

from __future__ import annotations

from django.urls import reverse

from .supervision_base import SupervisionTestCase


class BoardAccessTestCase(SupervisionTestCase):
    def test_supervisor_of_the_county_sees_the_board(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(self.sv("board", self.YEAR))
        self.assertEqual(response.status_code, 200)
        # The three agencies below the county and the county itself are on it; the other county's are not.
        for name in ("示范县人民政府", "示范县东湖镇人民政府", "示范县西山镇人民政府", "示范县教育局"):
            self.assertContains(response, name)
        self.assertNotContains(response, "邻县南岭镇人民政府")

    def test_supervisor_of_another_county_gets_404(self):
        self.client.force_login(self.other_supervisor)
        self.assertEqual(self.client.get(self.sv("board", self.YEAR)).status_code, 404)

    def test_township_head_gets_404_on_the_county_board(self):
        self.client.force_login(self.donghu_head)
        self.assertEqual(self.client.get(self.sv("board", self.YEAR)).status_code, 404)
        # nor can the head reach it through the township's own code: a township supervises nothing
        self.assertEqual(self.client.get(self.sv("board", self.YEAR, county=self.donghu)).status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.sv("board", self.YEAR))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_supervisor_role_opens_no_staff_page_of_the_county(self):
        # The role is not a staff role: the county's own case pages stay closed (404 like an outsider).
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(reverse("dashboard", args=[self.county.code])).status_code, 404)
        self.assertEqual(self.client.get(reverse("applications", args=[self.county.code])).status_code, 404)


class HomeTestCase(SupervisionTestCase):
    def test_a_supervisor_only_login_lands_on_the_supervision_pages(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, self.sv("home"), fetch_redirect_response=False)

    def test_staff_of_an_agency_that_has_a_supervisor_still_land_on_their_dashboard(self):
        # The county itself has a supervisor member; its own head must still find the county.
        head = self.person("county_head", self.county, "head")
        self.client.force_login(head)
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, reverse("dashboard", args=[self.county.code]), fetch_redirect_response=False)


# (url name, args after the county code, method, data): every page of S1's part of the office.
PAGES = [
    ("home", (), "get", None),
    ("board", (2025,), "get", None),
    ("rules", (), "get", None),
    ("roster", (), "post", {"agency": "donghu", "expected_from": "2024"}),
    ("reminders", (2025,), "get", None),
    ("reminders", (2025,), "post", {"agency": "donghu", "text": "请报送。"}),
    ("filing", (2025, "donghu"), "get", None),
    ("filing_decide", ("FILING",), "post", {"decision": "return", "comment": "请修改。"}),
]


class EveryPageTestCase(SupervisionTestCase):
    def setUp(self):
        from gongkai.web.supervision import filing

        from .supervision_base import make_ready

        make_ready(self.donghu, self.donghu_reviewer)
        self.filing = filing.submit(self.donghu, 2025, self.donghu_reviewer)

    def url(self, name, args, county=None):
        return self.sv(name, *[self.filing.pk if a == "FILING" else a for a in args], county=county)

    def call(self, name, args, method, data, county=None):
        return getattr(self.client, method)(self.url(name, args, county), data or {})

    def test_the_county_supervisor_may(self):
        self.client.force_login(self.supervisor)
        for name, args, method, data in PAGES:
            with self.subTest(page=name, method=method):
                self.assertIn(self.call(name, args, method, data).status_code, (200, 302))

    def test_another_countys_supervisor_gets_404_on_this_county_and_through_their_own(self):
        self.client.force_login(self.other_supervisor)
        for name, args, method, data in PAGES:
            with self.subTest(page=name, method=method):
                self.assertEqual(self.call(name, args, method, data).status_code, 404)
        # Through their own county's code, this county's township and filing are not in scope either.
        for name, args, method, data in PAGES:
            if "donghu" in args or "FILING" in args or (data or {}).get("agency") == "donghu":
                with self.subTest(own_county=name, method=method):
                    self.assertEqual(self.call(name, args, method, data, county=self.other_county).status_code, 404)

    def test_agency_staff_get_404_even_the_filing_agencys_head(self):
        for user in (self.donghu_head, self.donghu_reviewer, self.xishan_head):
            self.client.force_login(user)
            for name, args, method, data in PAGES:
                with self.subTest(user=user.username, page=name, method=method):
                    self.assertEqual(self.call(name, args, method, data).status_code, 404)

    def test_anonymous_visitors_are_sent_to_login(self):
        for name, args, method, data in PAGES:
            with self.subTest(page=name, method=method):
                r = self.call(name, args, method, data)
                self.assertEqual(r.status_code, 302)
                self.assertIn(reverse("login"), r["Location"])

    def test_nothing_was_changed_by_those_refused(self):
        from gongkai.web.supervision.models import Filing, Reminder, RosterEntry

        for user in (self.other_supervisor, self.donghu_head):
            self.client.force_login(user)
            for name, args, method, data in PAGES:
                self.call(name, args, method, data)
        self.client.logout()
        for name, args, method, data in PAGES:
            self.call(name, args, method, data)
        self.assertEqual(Filing.objects.get().state, "submitted")
        self.assertFalse(Reminder.objects.exists())
        self.assertFalse(RosterEntry.objects.exists())

    def test_post_only_steps_refuse_get(self):
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(self.url("filing_decide", ("FILING",))).status_code, 405)
        self.assertEqual(self.client.get(self.url("roster", ())).status_code, 405)


class AgencySidePagesTestCase(SupervisionTestCase):
    """The agency's own steps: filing its report (reviewer or head of that agency) and marking a reminder
    of its county read (its staff)."""

    def test_report_file_and_reminder_read(self):
        from gongkai.web.supervision import reminders

        from .supervision_base import make_ready

        make_ready(self.donghu, self.donghu_reviewer)
        reminder = reminders.send(self.county, self.donghu, 2025, "请报送。", self.supervisor)
        file_url = reverse("report_file", args=["donghu", 2025])
        read_url = reverse("supervision:reminder_read", args=["donghu", reminder.pk])
        self.assertIn(reverse("login"), self.client.post(file_url)["Location"])
        self.assertIn(reverse("login"), self.client.post(read_url)["Location"])
        for user, file_status, read_status in ((self.supervisor, 404, 404), (self.xishan_head, 404, 404),
                                               (self.donghu_handler, 403, 302), (self.donghu_reviewer, 302, 302)):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.post(file_url).status_code, file_status)
                self.assertEqual(self.client.post(read_url).status_code, read_status)
        self.assertEqual(self.client.get(file_url).status_code, 405)


class BackOfficeTestCase(SupervisionTestCase):
    def test_the_supervision_records_are_listed_read_only(self):
        from django.contrib.auth import get_user_model

        from gongkai.web.supervision import filing

        from .supervision_base import make_ready

        make_ready(self.donghu, self.donghu_reviewer)
        filing.submit(self.donghu, 2025, self.donghu_reviewer)
        admin_user = get_user_model().objects.create_superuser("root", password="password")
        self.client.force_login(admin_user)
        for model in ("countyrules", "leveldeadline", "rosterentry", "filing", "externalreport", "findingdecision",
                      "reminder"):
            with self.subTest(model=model):
                self.assertEqual(self.client.get(f"/admin/supervision/{model}/").status_code, 200)
                self.assertEqual(self.client.get(f"/admin/supervision/{model}/add/").status_code, 403)
