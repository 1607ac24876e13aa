"""Issue 14 part 9: the error pages are Chinese like every other page (Django's own say "Not Found")."""

from __future__ import annotations

from django.test import Client, RequestFactory

from gongkai.web import errors, urls

from .base import BaseTestCase

ENGLISH = ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF", "Django", "requested resource")


class ErrorPageTestCase(BaseTestCase):
    def assertChinese(self, response, status, title):
        self.assertEqual(response.status_code, status)
        self.assertContains(response, f"<h1>{title}</h1>", status_code=status)
        self.assertContains(response, 'lang="zh-CN"', status_code=status)
        for word in ENGLISH:
            self.assertNotContains(response, word, status_code=status)

    def test_it_answers_a_missing_page_in_chinese(self):
        self.assertChinese(self.client.get("/zfxxgk/nowhere/nothing/"), 404, "页面不存在")
        self.client.force_login(self.registrar)
        # An Http404 raised with an English reason ("no such kind") never shows it.
        r = self.client.get(self.url("report_export", 2025, "exe"))
        self.assertChinese(r, 404, "页面不存在")
        self.assertNotContains(r, "no such kind", status_code=404)

    def test_it_answers_a_forbidden_step_in_chinese(self):
        self.client.force_login(self.handler)
        self.assertChinese(self.client.get(self.url("register")), 403, "没有权限")

    def test_it_answers_a_server_error_in_chinese_without_the_database(self):
        self.assertIs(urls.handler500, errors.server_error)
        self.assertChinese(errors.server_error(RequestFactory().get("/")), 500, "系统出现错误")
        self.assertChinese(errors.bad_request(RequestFactory().get("/")), 400, "请求无效")

    def test_it_answers_a_failed_csrf_check_in_chinese(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.registrar)
        self.assertChinese(client.post(self.url("register"), {}), 403, "页面已过期")
