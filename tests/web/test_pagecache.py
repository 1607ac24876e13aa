"""The public pages from memory: a change shows at once, browsers revalidate, nothing per-user is kept.

Every page here is fetched twice around a change made the way staff make it (the workflow functions,
the back office's model saves), so a cache that missed an invalidation fails the second fetch.
"""

from __future__ import annotations

import html
import re

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from redis.backoff import NoBackoff
from redis.retry import Retry

from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Document
from gongkai.web.portal import pagecache, rendered
from gongkai.web.portal.models import Guide

from .test_portal import D, PortalTestCase, p


class PageCacheTestCase(PortalTestCase):
    def setUp(self):
        super().setUp()
        pagecache.forget_all()

    def get(self, url, **headers):
        return self.client.get(url, headers=headers)


class ChangesShowAtOnceTests(PageCacheTestCase):
    def test_a_second_visit_is_served_from_memory_with_one_read_of_the_shared_cache(self):
        self.publish("关于公布示范县权责清单的通知")
        first = self.get(p("portal_catalogue", "county"))
        with CaptureQueriesContext(connection) as queries:
            second = self.get(p("portal_catalogue", "county"))
        self.assertEqual(second.content, first.content)
        self.assertEqual(len(queries), 1, [q["sql"] for q in queries])  # the version token, nothing else
        self.assertIn("cache", queries[0]["sql"])

    def test_publication_revision_and_withdrawal_show_on_every_page_at_once(self):
        doc = self.publish("关于公布示范县权责清单的通知", body="第一版正文")
        pages = [p("portal_catalogue", "county"), p("portal_agency", "county"),
                 p("portal_document", "county", doc.index_number), p("portal_search", "county") + "?q=权责清单"]
        for url in pages:
            self.assertContains(self.get(url), "关于公布示范县权责清单的通知")
        self.publish("关于示范县第二份文件的通知")
        self.assertContains(self.get(pages[0]), "关于示范县第二份文件的通知")
        self.assertContains(self.get(pages[1]), "关于示范县第二份文件的通知")

        doc = workflow.edit(doc, self.editor, "更正错字", title="关于公布示范县权责清单（修订）的通知",
                            body="第二版正文")
        self.assertNotContains(self.get(pages[2]), "第二版正文")  # under review: still the signed-off text
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        workflow.approve(doc, self.head)
        self.assertContains(self.get(pages[2]), "第二版正文")
        self.assertContains(self.get(pages[0]), "权责清单（修订）")

        workflow.withdraw(doc, self.head, "已被新文件替代", on=D(2025, 3, 12))
        self.assertNotContains(self.get(pages[0]), "权责清单")
        self.assertNotContains(self.get(pages[1]), "权责清单")
        self.assertNotContains(self.get(pages[2]), "第二版正文")
        self.assertContains(self.get(pages[2]), "已被新文件替代")
        self.assertNotContains(self.get(pages[3]), "权责清单（修订）")

    def test_a_guide_edit_a_new_heading_and_a_report_publication_show_at_once(self):
        url = p("portal_guide", "county")
        self.assertNotContains(self.get(url), "本机关的公开指南由办公室编写")
        Guide.objects.create(agency=self.agency, body="本机关的公开指南由办公室编写。")
        self.assertContains(self.get(url), "本机关的公开指南由办公室编写")

        catalogue = p("portal_catalogue", "county")
        self.assertNotContains(self.get(catalogue), "规划计划")
        self.rules.name = "规划计划"
        self.rules.save()
        self.assertContains(self.get(catalogue), "规划计划")

        reports = p("portal_reports", "county")
        self.assertNotContains(self.get(reports), "2024年")
        self.publish_report(2024)
        self.assertContains(self.get(reports), "2024年")

    def test_a_new_token_from_another_worker_retires_every_page_this_worker_holds(self):
        doc = self.publish("关于公布示范县权责清单的通知")
        url = p("portal_catalogue", "county")
        self.assertContains(self.get(url), "权责清单")
        # A write that bypasses every hook: this worker keeps its page until someone writes a new token.
        Document.objects.filter(pk=doc.pk).update(public_title="未经流程改动的标题")
        self.assertContains(self.get(url), "权责清单")
        pagecache.bump()  # as another worker's commit does, through the shared cache
        self.assertContains(self.get(url), "未经流程改动的标题")


class HeadersTests(PageCacheTestCase):
    def test_pages_carry_validators_and_answer_304_when_nothing_changed(self):
        self.publish("关于公布示范县权责清单的通知")
        url = p("portal_catalogue", "county")
        r = self.get(url)
        self.assertEqual(r["Cache-Control"], "public, max-age=0")
        self.assertIn("Last-Modified", r)
        etag = r["ETag"]
        self.assertEqual(self.get(url, if_none_match=etag).status_code, 304)
        self.assertEqual(self.get(url, if_modified_since=r["Last-Modified"]).status_code, 304)
        self.publish("关于示范县第二份文件的通知")
        again = self.get(url, if_none_match=etag)
        self.assertEqual(again.status_code, 200)
        self.assertNotEqual(again["ETag"], etag)

    @override_settings(GONGKAI_PUBLIC_MAX_AGE=60)
    def test_the_max_age_is_a_setting(self):
        self.assertEqual(self.get(p("portal_county"))["Cache-Control"], "public, max-age=60")


class StoredPageMiddlewareTests(PageCacheTestCase):
    """A stored page is answered before sessions and authentication: still with the site's headers,
    still only for an allowed host, and never touching the session of a signed-in visitor."""

    def test_a_stored_page_is_answered_without_the_view_and_with_the_security_headers(self):
        self.publish("关于公布示范县权责清单的通知")
        url = p("portal_catalogue", "county")
        first = self.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = self.get(url)
        self.assertEqual(len(queries), 1)  # the token; no session, user or document query
        self.assertEqual(second.content, first.content)
        for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
            self.assertEqual(second.get(header), first.get(header), header)
        self.assertEqual(second["X-Frame-Options"], "DENY")

    def test_a_host_not_allowed_gets_400_even_for_a_stored_page(self):
        url = p("portal_catalogue", "county")
        self.assertEqual(self.get(url).status_code, 200)
        self.assertEqual(self.client.get(url, HTTP_HOST="evil.example").status_code, 400)

    def test_a_signed_in_visitor_gets_the_stored_page_and_keeps_the_session_untouched(self):
        url = p("portal_catalogue", "county")
        self.get(url)
        self.client.force_login(self.head)
        key = self.client.session.session_key
        r = self.get(url)
        self.assertNotIn("sessionid", r.cookies)
        self.assertNotIn("Cookie", r.get("Vary", ""))
        self.assertEqual(self.client.session.session_key, key)
        self.assertEqual(self.client.get(p("documents", "county")).status_code, 200)  # still signed in

    def test_a_change_is_seen_by_the_middleware_at_once(self):
        url = p("portal_catalogue", "county")
        self.assertNotContains(self.get(url), "关于示范县第三份文件的通知")
        self.get(url)  # stored
        self.publish("关于示范县第三份文件的通知")
        self.assertContains(self.get(url), "关于示范县第三份文件的通知")


class NothingPrivateTests(PageCacheTestCase):
    def test_forms_the_status_lookup_and_staff_pages_are_never_kept(self):
        self.client.force_login(self.editor)
        for url in (p("portal_apply", "county"), p("portal_status", "county"), p("portal_mailbox", "county"),
                    p("documents", "county")):
            r = self.get(url)
            self.assertEqual(r.status_code, 200, url)
            self.assertNotIn("public", r.get("Cache-Control", ""), url)
            self.assertNotIn("ETag", r, url)
        self.assertEqual(pagecache._pages, {})

    def test_a_page_that_reads_the_session_or_a_csrf_token_is_not_kept(self):
        factory = RequestFactory()

        @pagecache.public_page
        def with_token(request):
            return HttpResponse(get_token(request))

        @pagecache.public_page
        def with_session(request):
            return HttpResponse(str(request.session.get("name")))

        from django.contrib.sessions.backends.db import SessionStore

        first, second = with_token(factory.get("/t/")), with_token(factory.get("/t/"))
        self.assertNotEqual(first.content, second.content)
        request = factory.get("/s/")
        request.session = SessionStore()
        with_session(request)
        self.assertEqual(pagecache._pages, {})

    def test_a_staff_visitor_gets_the_same_bytes_as_anyone(self):
        self.publish("关于公布示范县权责清单的通知")
        url = p("portal_catalogue", "county")
        anonymous = self.get(url).content
        self.client.force_login(self.head)
        staff = self.get(url).content
        self.assertEqual(staff, anonymous)
        self.assertNotIn("退出".encode(), staff)
        self.assertNotIn(b"csrfmiddlewaretoken", staff)


@override_settings(CACHES={"default": {"BACKEND": "gongkai.web.limits.backends.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": "gongkai-test-pagecache"}})
class RedisTokenTests(PageCacheTestCase):
    def test_with_redis_the_token_changes_only_once_the_change_commits(self):
        before = pagecache.version()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            pagecache.changed()
        self.assertEqual(pagecache.version(), before)  # not yet committed: nobody may render under a new token
        for callback in callbacks:
            callback()
        self.assertNotEqual(pagecache.version(), before)
        cache.delete(pagecache.VERSION_KEY)


class DownloadsRenderedOnceTests(PageCacheTestCase):
    def download(self, **headers):
        r = self.get(p("portal_report_download", "county", 2024, "docx"), **headers)
        return r, r.content

    def test_a_report_is_rendered_once_per_published_version_and_then_served_from_storage(self):
        report = self.publish_report(2024)
        r, first = self.download()
        self.assertEqual(first[:2], b"PK")
        self.assertIn('filename="county-2024.docx"', r["Content-Disposition"])
        stored = rendered.path_for(report.snapshot, "docx")
        self.assertEqual(stored.read_bytes(), first)
        stored.write_bytes(b"PK served from storage")  # what a second request sends is the stored file
        r, second = self.download()
        self.assertEqual(second, b"PK served from storage")
        self.assertEqual(self.get(p("portal_report_download", "county", 2024, "docx"),
                                  if_none_match=r["ETag"]).status_code, 304)

        report.snapshot = {**report.snapshot, "title": "更正后的年度报告"}  # another version: another file
        report.save()
        r, third = self.download()
        self.assertEqual(third[:2], b"PK")
        self.assertNotEqual(third, b"PK served from storage")
        self.assertNotEqual(rendered.path_for(report.snapshot, "docx"), stored)


class KeysetPagesAndStoredCountsTests(PageCacheTestCase):
    NEXT = re.compile(r'href="\?(page=\d+&amp;after=[0-9-]+~\d+)">下一页')

    def test_next_pages_follow_the_last_row_shown_and_nothing_is_counted_again(self):
        Document.objects.bulk_create([
            Document(agency=self.agency, index_number=f"X/2025-{i:05d}", title=f"t{i}", public_title=f"批量信息{i}号",
                     made_on=D(2025, 1, 1), category=self.rules, public_category=self.rules,
                     public_channels="on_website", drafted_by=self.editor, public_version=1,
                     published_on=D(2025, 1, 2 + i % 3), state="published") for i in range(45)])
        url = p("portal_catalogue", "county")
        by_offset = [self.titles(self.get(f"{url}?page={n}")) for n in (1, 2, 3)]
        self.assertEqual([len(t) for t in by_offset], [20, 20, 5])
        by_cursor, page = [], self.get(url)
        while True:
            by_cursor.append(self.titles(page))
            found = self.NEXT.search(page.content.decode())
            if not found:
                break
            page = self.get(f"{url}?{html.unescape(found.group(1))}")
        self.assertEqual(by_cursor, by_offset)

        pagecache.forget_all()  # this worker's pages gone; the counts stay stored under the same token
        with CaptureQueriesContext(connection) as queries:
            r = self.get(f"{url}?{html.unescape(self.NEXT.search(self.get(url).content.decode()).group(1))}")
        self.assertContains(r, "第2页，共3页")
        self.assertContains(r, "全部信息（共45条）")
        sql = " ".join(q["sql"] for q in queries).upper()
        self.assertNotIn("COUNT(", sql)
        self.assertNotIn("OFFSET", sql)

    def test_a_publication_is_counted_at_once(self):
        url = p("portal_catalogue", "county")
        self.assertContains(self.get(url), "全部信息（共0条）")
        self.publish("关于公布示范县权责清单的通知", category=self.finance)
        r = self.get(url)
        self.assertContains(r, "全部信息（共1条）")
        self.assertContains(r, "财政信息</a>（1）")

    def test_the_api_list_reads_the_stored_counts_too(self):
        doc = self.publish("关于公布示范县权责清单的通知")
        url = "/zfxxgk/api/agencies/county/documents"
        self.assertEqual(self.get(url).json()["count"], 1)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.get(url).json()["count"], 1)
        self.assertNotIn("COUNT(", " ".join(q["sql"] for q in queries).upper())
        workflow.withdraw(doc, self.head, "已被新文件替代", on=D(2025, 3, 12))
        self.assertEqual(self.get(url).json()["count"], 0)
        self.assertEqual(self.get(url).json()["items"], [])

    def test_a_malformed_cursor_is_read_as_the_page_number_alone(self):
        url = p("portal_catalogue", "county")
        for after in ("x", "2025-13-40~1", "2025-01-01~", "~5"):
            self.assertEqual(self.client.get(url, {"page": 1, "after": after}).status_code, 200, after)

    @staticmethod
    def titles(response) -> list[str]:
        return re.findall(r"批量信息\d+号", response.content.decode())



# Nothing listens on port 1; no retries, so the refusal comes at once.
DOWN = {"default": {"BACKEND": "gongkai.web.limits.backends.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                    "OPTIONS": {"retry": Retry(NoBackoff(), 0)}}}


class SharedCacheDownTests(PageCacheTestCase):
    def test_pages_are_rendered_uncached_when_the_shared_cache_does_not_answer(self):
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.portal.pagecache", "WARNING"):
            r = self.get(p("portal_county"))
        self.assertContains(r, "示范县人民政府办公室")
        self.assertNotIn("ETag", r)
        self.assertEqual(pagecache._pages, {})
