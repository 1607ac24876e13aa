"""The shared cache down (Redis refused): the counted uses fail closed with a Chinese 503, the rest of
the public column keeps working, and the operator's log names the store's error, never the visitor.

A real Redis client against a port nothing listens on (127.0.0.1:1): the connection is refused at
once, as when the Redis server is stopped.
"""

from __future__ import annotations

from django.test import override_settings

from gongkai.web.applications.models import Application
from gongkai.web.portal import messages as M

from .test_api import API, ApiTestCase
from .test_portal import APPLICANT, PERSONAL, p

DOWN = {"default": {"BACKEND": "gongkai.web.limits.backends.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                    "KEY_PREFIX": "gongkai-down"}}


class CacheDownTests(ApiTestCase):
    def test_an_online_application_is_refused_with_503_and_nothing_is_stored(self):
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.limits.counters", "ERROR") as logs:
            r = self.client.post(p("portal_apply", "county"), APPLICANT)
        self.assertContains(r, M.LIMITS_UNAVAILABLE, status_code=503)
        self.assertFalse(Application.objects.exists())
        line = "\n".join(logs.output)
        self.assertIn("ConnectionError", line)
        for value in PERSONAL:
            self.assertNotIn(value, line)

    def test_a_status_lookup_is_refused_not_checked_uncounted(self):
        self.client.post(p("portal_apply", "county"), APPLICANT)  # the cache works: the application is in
        code = self.client.get(p("portal_applied", "county")).context["receipt"]["code"]
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.limits.counters", "ERROR"):
            r = self.client.post(p("portal_status", "county"), {"number": "COUNTY-2025-00001", "code": code})
        self.assertContains(r, M.LIMITS_UNAVAILABLE, status_code=503)
        self.assertNotContains(r, "办理状态", status_code=503)

    def test_the_api_answers_503_in_its_envelope(self):
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.limits.counters", "ERROR"):
            body = self.post("/agencies/county/applications", APPLICANT, 503)
            status = self.post("/agencies/county/status", {"number": "COUNTY-2025-00001", "code": "AAAAAAAA"}, 503)
        self.assertEnvelope(body, "limits_unavailable")
        self.assertEnvelope(status, "limits_unavailable")
        self.assertFalse(Application.objects.exists())

    def test_the_public_pages_still_answer(self):
        with override_settings(CACHES=DOWN):
            self.assertEqual(self.client.get(p("portal_agency", "county")).status_code, 200)
            self.assertEqual(self.client.get(API + "/agencies").status_code, 200)

    def test_a_change_made_while_the_cache_is_down_still_renews_the_pages_once_it_is_back(self):
        from gongkai.web.portal import pagecache

        before, _ = pagecache.version()
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.portal.pagecache", "ERROR") as logs:
            pagecache.bump()  # what a publication's commit calls: it must not fail the committed change
        self.assertIn("could not be written", logs.output[0])
        after, _ = pagecache.version()  # the cache answers again: the owed token is written first
        self.assertNotEqual(after, before)
        self.assertEqual(pagecache.version()[0], after)  # and only once
