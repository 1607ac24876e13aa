"""Stored pages answered in front of Django's handler (pagecache.StoredPages, wsgi.py).

Every answer of the front is compared with what Django alone (the handler with StoredPageMiddleware)
gives for the same environ: status, the full header list in order, and the body. Whether Django was
entered is read from its request_started signal, which its handler sends first for every request.
"""

from __future__ import annotations

import io
import sys

from django.core.cache import cache, caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from gongkai.web.env import cache_from_url
from gongkai.web.portal import pagecache

from .test_pagecache import DOWN, PageCacheTestCase, p

REDIS = {"default": {"BACKEND": "gongkai.web.limits.backends.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0",
                     "KEY_PREFIX": "gongkai-test-pagecache-wsgi"}}


def environ(path: str, method: str = "GET", body: bytes = b"", **extra) -> dict:
    """The environ a WSGI server hands over: PATH_INFO as latin-1 of its UTF-8 bytes, as PEP 3333 says."""
    path_info, _, query = path.partition("?")
    env = {"REQUEST_METHOD": method, "SCRIPT_NAME": "", "PATH_INFO": path_info.encode().decode("latin1"),
           "QUERY_STRING": query, "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
           "HTTP_HOST": "testserver", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(body),
           "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http", "wsgi.version": (1, 0),
           "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False}
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    env.update(extra)
    return env


@override_settings(CACHES=REDIS)
class StoredPagesTestCase(PageCacheTestCase):
    def setUp(self):
        super().setUp()
        self.entered = 0
        request_started.connect(self.count, dispatch_uid="test_pagecache_wsgi")
        self.addCleanup(request_started.disconnect, dispatch_uid="test_pagecache_wsgi")
        self.addCleanup(cache.delete, pagecache.VERSION_KEY)
        self.url = p("portal_catalogue", "county")

    def count(self, **kwargs):
        self.entered += 1

    def call(self, app, env: dict) -> tuple[str, list, bytes]:
        """(status, headers, body) of one request; whether Django was entered is in self.django."""
        answer = []
        before = self.entered
        # As Django's test client does: the test's transaction lives on the connection Django's handler
        # would close at the end of a request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = app(env, lambda status, headers, exc_info=None: answer.append((status, list(headers))))
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        self.django = self.entered > before
        return answer[0][0], answer[0][1], body

    def both(self, *args, **extra) -> tuple[tuple, tuple]:
        """The answer of Django alone and of the front, each to a fresh ``environ(*args, **extra)``."""
        django = WSGIHandler()
        return (self.call(django, environ(*args, **extra)),
                self.call(pagecache.StoredPages(django), environ(*args, **extra)))

    def store(self, url=None):
        """The page rendered once through Django (and so stored)."""
        status, _, _ = self.call(pagecache.StoredPages(WSGIHandler()), environ(url or self.url))
        self.assertEqual(status, "200 OK")
        self.assertTrue(self.django)


class HitTests(StoredPagesTestCase):
    def test_a_hit_has_the_status_headers_and_body_django_gives_without_entering_django(self):
        self.publish("关于公布示范县权责清单的通知")
        self.store()
        (status, headers, body), front = self.both(self.url)
        self.assertFalse(self.django)
        self.assertEqual(front, (status, headers, body))
        self.assertEqual(status, "200 OK")
        self.assertIn("关于公布示范县权责清单的通知".encode(), body)
        names = [name for name, _ in headers]
        self.assertEqual(names, ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary", "X-Frame-Options",
                                 "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"])
        # The second hit comes from the headers kept with the page: still the same.
        self.assertEqual(self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url)), front)
        self.assertFalse(self.django)

    def test_head_a_signed_in_visitors_cookie_and_a_query_string_get_the_same_answer_as_from_django(self):
        self.store()
        self.store(self.url + "?page=2")
        for args, extra in (((self.url, "HEAD"), {}), ((self.url,), {"HTTP_COOKIE": "sessionid=abc; csrftoken=def"}),
                            ((self.url + "?page=2",), {})):
            django, front = self.both(*args, **extra)
            self.assertFalse(self.django)
            self.assertEqual(front, django)
            self.assertEqual(front[0], "200 OK")
            self.assertNotIn("Set-Cookie", [name for name, _ in front[1]])

    def test_304_and_412_as_django_answers_them(self):
        self.store()
        _, headers, _ = self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url))
        etag, modified = dict(headers)["ETag"], dict(headers)["Last-Modified"]
        for extra, status in (({"HTTP_IF_NONE_MATCH": etag}, "304 Not Modified"),
                              ({"HTTP_IF_MODIFIED_SINCE": modified}, "304 Not Modified"),
                              ({"HTTP_IF_NONE_MATCH": '"other"'}, "200 OK")):
            django, front = self.both(self.url, **extra)
            self.assertFalse(self.django, extra)
            self.assertEqual(front, django, extra)
            self.assertEqual(front[0], status, extra)
        with self.assertLogs("django.request", "WARNING") as logs:
            django, front = self.both(self.url, HTTP_IF_MATCH='"other"')
        self.assertFalse(self.django)
        self.assertEqual(front, django)
        self.assertEqual(front[0], "412 Precondition Failed")
        self.assertEqual(len(logs.records), 2)  # logged by Django's code, on both paths

    @override_settings(SECURE_HSTS_SECONDS=3600, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
    def test_over_https_the_answer_has_hsts_as_from_django_and_over_http_it_does_not(self):
        self.store()
        for proto in ("https", "http"):
            django, front = self.both(self.url, HTTP_X_FORWARDED_PROTO=proto)
            self.assertFalse(self.django)
            self.assertEqual(front, django)
            self.assertEqual("Strict-Transport-Security" in dict(front[1]), proto == "https")


class FallsThroughTests(StoredPagesTestCase):
    def test_a_host_not_allowed_gets_django_s_400(self):
        self.store()
        with self.assertLogs("django.security.DisallowedHost", "ERROR"):
            django, front = self.both(self.url, HTTP_HOST="evil.example")
        self.assertTrue(self.django)
        self.assertEqual(front, django)
        self.assertEqual(front[0], "400 Bad Request")

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_the_https_redirect_is_django_s(self):
        over_https = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"}
        self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url, **over_https))  # stored
        self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url, **over_https))
        self.assertFalse(self.django)
        django, front = self.both(self.url)
        self.assertTrue(self.django)
        self.assertEqual(front, django)
        self.assertEqual(front[0], "301 Moved Permanently")

    def test_a_post_and_a_get_with_a_body_go_to_django(self):
        self.store()
        for args, extra in (((self.url, "POST", b"a=1"), {}), ((self.url, "GET", b"a=1"), {}),
                            ((self.url,), {"CONTENT_LENGTH": str(30 * 1024 * 1024)})):
            django, front = self.both(*args, **extra)
            self.assertTrue(self.django)
            self.assertEqual(front, django)
        self.assertEqual(front[0], "413 Request Entity Too Large")

    def test_a_new_token_misses_and_the_page_shows_the_change(self):
        self.store()
        self.publish("关于示范县第二份文件的通知")  # in a test the commit never comes: the token is written here
        pagecache.bump()
        _, _, body = self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url))
        self.assertTrue(self.django)
        self.assertIn("关于示范县第二份文件的通知".encode(), body)
        self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url))
        self.assertFalse(self.django)  # stored again under the new token

    def test_a_miss_hands_its_token_to_django(self):
        self.store()
        env = environ(p("portal_agency", "county"))
        self.call(pagecache.StoredPages(WSGIHandler()), env)
        self.assertTrue(self.django)
        self.assertEqual(env[pagecache.FOUND][0][0], pagecache.version()[0])
        self.assertIn((pagecache.version()[0], p("portal_agency", "county")), pagecache._pages)

    def test_per_user_pages_are_never_answered_in_front(self):
        self.store()
        for url in (p("portal_apply", "county"), p("portal_status", "county"), p("portal_mailbox", "county")):
            for _ in range(2):
                status, _, _ = self.call(pagecache.StoredPages(WSGIHandler()), environ(url))
                self.assertEqual(status, "200 OK", url)
                self.assertTrue(self.django, url)

    def test_with_redis_down_the_pages_still_answer_and_the_failure_is_logged_once(self):
        self.store()
        with override_settings(CACHES=DOWN), self.assertLogs("gongkai.web.portal.pagecache", "WARNING") as logs:
            status, headers, body = self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url))
        self.assertTrue(self.django)
        self.assertIn("法规文件".encode(), body)
        self.assertEqual(status, "200 OK")
        self.assertNotIn("ETag", dict(headers))
        self.assertEqual(len(logs.records), 1)  # the front's read; Django did not ask the cache again

    @override_settings(CACHES={"default": cache_from_url(None)})
    def test_with_the_database_cache_the_middleware_answers_inside_django(self):
        self.store()
        django, front = self.both(self.url)
        self.assertTrue(self.django)
        self.assertEqual(front, django)
        self.assertIn("ETag", dict(front[1]))

    def test_a_different_middleware_order_turns_the_front_off(self):
        self.store()
        from django.conf import settings

        with override_settings(MIDDLEWARE=["django.middleware.security.SecurityMiddleware",
                                           *[m for m in settings.MIDDLEWARE if "security" not in m]]):
            self.call(pagecache.StoredPages(WSGIHandler()), environ(self.url))
        self.assertTrue(self.django)


@override_settings(CACHES=REDIS)
class TokenReaderTests(PageCacheTestCase):
    def tearDown(self):
        cache.delete(pagecache.VERSION_KEY)

    def test_the_kept_connection_reads_what_the_cache_holds(self):
        pagecache.bump()
        self.assertEqual(pagecache._read_token(), cache.get(pagecache.VERSION_KEY))
        first = pagecache._read_token()
        pagecache.bump()
        self.assertNotEqual(pagecache._read_token(), first)
        self.assertEqual(pagecache._read_token(), cache.get(pagecache.VERSION_KEY))
        cache.delete(pagecache.VERSION_KEY)
        self.assertIsNone(pagecache._read_token())

    def test_after_a_dropped_connection_the_next_read_opens_a_new_one(self):
        pagecache.bump()
        pagecache._read_token()
        read = caches["default"]._gongkai_read_token  # kept with the cache connection
        read.connection.disconnect()
        self.assertEqual(pagecache._read_token(), cache.get(pagecache.VERSION_KEY))
        self.assertIs(caches["default"]._gongkai_read_token, read)
        self.assertIsNotNone(read.connection._sock)  # connected again
