"""A live Django server with Debian's headless Chromium (Playwright) open beside it, for the browser tests."""

from __future__ import annotations

import os

from django.test import LiveServerTestCase

from ..chromium import launch, require_chromium


class LiveBrowserTestCase(LiveServerTestCase):
    """One browser per test class; each test opens its own pages (``self.browser.new_page``) as
    ``self.page`` in ``self.context``. ``password`` is the one its test users are made with."""

    password = ""

    @classmethod
    def setUpClass(cls):
        require_chromium()
        # Playwright's sync API keeps an event loop on this thread; the ORM calls of the test itself
        # are still plain synchronous calls, which Django would otherwise refuse.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = launch(cls.playwright)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def go(self, path: str):
        """Open ``path`` of the live server in ``self.page``; it must answer 200."""
        response = self.page.goto(self.live_server_url + path)
        self.assertIsNotNone(response)
        self.assertEqual(response.status, 200, path)
        return response

    def login(self, username: str):
        """Sign in through the login page, as a person would (cookies of an earlier login cleared)."""
        self.context.clear_cookies()
        self.go("/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(self.password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()
