"""What a search that misses the page cache is spared, and that it stays exact: the agency's row read
once per page-cache token (public.agency_for), a distinct query's page not stored until it is asked
again (pagecache._asked_before), and the portal's links reversed once (public.links)."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_script_prefix, reverse, set_script_prefix

from gongkai.web.agencies.models import Agency
from gongkai.web.disclosures import search
from gongkai.web.disclosures.models import Category
from gongkai.web.portal import pagecache, public

from .test_search import SearchTestCase, p


class AgencyRowTests(SearchTestCase):
    def test_the_second_search_reads_no_agency_row_and_an_agency_edit_shows_at_once(self):
        self.publish("关于公布示范县权责清单的通知")
        url = p("portal_search", "county")
        self.client.get(url, {"q": "权责清单"})
        with CaptureQueriesContext(connection) as queries:
            r = self.client.get(url, {"q": "示范县"})
        self.assertContains(r, "关于公布示范县权责清单的通知")
        self.assertFalse([q["sql"] for q in queries if Agency._meta.db_table in q["sql"]])
        self.agency.name = "示范县人民政府办公室（更名）"
        self.agency.save()
        self.assertContains(self.client.get(url, {"q": "通知"}), "示范县人民政府办公室（更名）")

    def test_each_caller_gets_its_own_copy(self):
        url = p("portal_search", "county")
        request = self.client.get(url, {"q": "通知"}).wsgi_request  # holds the token it was answered under
        first = public.agency_for(request, "county")
        first.name = "被某个视图改动的名称"
        self.assertNotEqual(public.agency_for(request, "county").name, "被某个视图改动的名称")
        self.assertNotContains(self.client.get(url, {"q": "通知"}), "被某个视图改动的名称")

    def test_an_unknown_agency_is_still_a_404(self):
        self.assertEqual(self.client.get(p("portal_search", "nosuch"), {"q": "通知"}).status_code, 404)
        self.assertEqual(self.client.get(p("portal_search", "nosuch"), {"q": "通知"}).status_code, 404)


class StoredWhenAskedAgainTests(SearchTestCase):
    def test_a_query_is_stored_on_its_second_ask_and_then_revalidates(self):
        self.publish("关于公布示范县权责清单的通知")
        url = p("portal_search", "county") + "?q=权责清单"
        first = self.client.get(url)
        self.assertNotIn("ETag", first)  # asked once: rendered, not stored
        self.assertEqual(len(pagecache._pages), 0)
        second = self.client.get(url)
        self.assertEqual(second.content, first.content)
        self.assertIn("ETag", second)
        self.assertEqual(len(pagecache._pages), 1)
        with CaptureQueriesContext(connection) as queries:
            third = self.client.get(url, headers={"if-none-match": second["ETag"]})
        self.assertEqual(third.status_code, 304)
        self.assertEqual(len(queries), 1, [q["sql"] for q in queries])  # the token, nothing else

    def test_a_change_between_the_two_asks_shows_on_the_second(self):
        url = p("portal_search", "county") + "?q=权责清单"
        self.assertContains(self.client.get(url), "共0条")
        self.publish("关于公布示范县权责清单的通知")
        self.assertContains(self.client.get(url), "共1条")
        self.assertContains(self.client.get(url), "共1条")

    def test_the_search_form_without_a_query_is_stored_at_once(self):
        first = self.client.get(p("portal_search", "county"))
        self.assertIn("ETag", first)


class LinksTests(SearchTestCase):
    def test_the_links_are_what_reverse_gives_under_the_script_prefix_of_the_moment(self):
        names = {"county": ("portal_county",), "api": ("portal_api:openapi-view",),
                 "search": ("portal_search", "county"), "mailbox": ("portal_mailbox", "county")}
        old = get_script_prefix()
        try:
            for prefix in ("/", "/gov/"):
                set_script_prefix(prefix)
                links = public.links("county")
                for key, (name, *args) in names.items():
                    self.assertEqual(links[key], reverse(name, args=args))
                self.assertEqual(links["documents"] + "X~1/", reverse("portal_document", args=["county", "X~1"]))
                self.assertTrue(links["county"].startswith(prefix))
        finally:
            set_script_prefix(old)
        self.assertNotIn("search", public.links(None))

    def test_the_row_of_sections_marks_the_page_shown_and_follows_the_script_prefix(self):
        for name, label in (("portal_search", "检索"), ("portal_guide", "公开指南"), ("portal_catalogue", "公开目录")):
            text = self.client.get(p(name, "county")).content.decode()
            text = re.search(r'<nav class="sections".*?</nav>', text, re.S).group(0)
            current = re.findall(r'<li><a href="([^"]+)" aria-current="page">([^<]+)</a></li>', text)
            self.assertEqual(current, [(p(name, "county"), label)])
        old = get_script_prefix()
        try:
            set_script_prefix("/gov/")
            self.assertIn('href="/gov/zfxxgk/county/guide/"', public.nav("county", "home"))
            self.assertNotIn("aria-current", public.nav("county", None))
        finally:
            set_script_prefix(old)


class HeadingNamesTests(SearchTestCase):
    def test_a_heading_renamed_shows_at_once_and_the_statement_joins_no_heading(self):
        self.publish("关于公布示范县权责清单的通知", category=self.finance)
        url = p("portal_search", "county")
        self.assertContains(self.client.get(url, {"q": "权责清单"}), "财政信息 · ")
        with CaptureQueriesContext(connection) as queries:
            self.assertContains(self.client.get(url, {"q": "示范县"}), "财政信息 · ")
        self.assertFalse([q["sql"] for q in queries if Category._meta.db_table in q["sql"]])
        self.finance.name = "财政预决算"
        self.finance.save()
        self.assertContains(self.client.get(url, {"q": "通知"}), "财政预决算 · ")

    def test_a_heading_missing_from_the_names_handed_in_is_read_from_the_database(self):
        self.publish("关于公布示范县权责清单的通知", category=self.finance)
        given = search.page(self.agency.pk, "权责清单", 1, 20, {self.rules.pk: "法规文件"})
        joined = search.page(self.agency.pk, "权责清单", 1, 20)
        self.assertEqual([h.category for h in given.object_list], ["财政信息"])
        self.assertEqual(list(given.object_list), list(joined.object_list))
