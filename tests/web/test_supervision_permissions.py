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
