"""Staff login throttling (django-axes) and Django's password validators, through the real login page.

Why the test client suffices here: axes counts in the database, which every worker shares; what
needs proving is who gets locked (this username from this address, behind the proxy too), what they
see, and that the right password does not get through a lockout.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings

from gongkai.web.agencies import messages as AM

PASSWORD = "gongkai-demo"


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])  # not what is tested
class LoginThrottleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_user("county-handler", password=PASSWORD)
        get_user_model().objects.create_user("county-head", password=PASSWORD)

    def login(self, username="county-handler", password=PASSWORD, **extra):
        return self.client.post("/login/", {"username": username, "password": password}, **extra)

    def fail(self, times, **extra):
        for _ in range(times):
            self.assertEqual(self.login(password="wrong-password", **extra).status_code, 200)

    def lock(self, **extra):
        """The limit-th wrong password is answered with the lockout page already."""
        self.fail(settings.AXES_FAILURE_LIMIT - 1, **extra)
        self.assertEqual(self.login(password="wrong-password", **extra).status_code, 429)

    def test_it_accepts_the_demo_password(self):
        self.assertRedirects(self.login(), "/", fetch_redirect_response=False)

    def test_it_locks_the_username_from_that_address_after_the_limit(self):
        limit = settings.AXES_FAILURE_LIMIT
        self.fail(limit - 1)
        locked = self.login(password="wrong-password")  # the limit-th failure locks
        self.assertEqual(locked.status_code, 429)
        message = AM.LOGIN_LOCKED.format(username="county-handler", limit=limit,
                                         minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
        self.assertContains(locked, message, status_code=429)
        # The right password does not get through the lockout.
        r = self.login()
        self.assertContains(r, "登录已暂停", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_lockout_is_per_username_and_address(self):
        self.lock()
        self.assertEqual(self.login().status_code, 429)
        # Another colleague on the same machine, and the same person from another address, still log in.
        self.assertEqual(self.login("county-head").status_code, 302)
        self.client.logout()
        self.assertEqual(self.login(REMOTE_ADDR="10.0.0.9").status_code, 302)

    @override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
    def test_behind_the_proxy_the_forwarded_address_is_locked_not_the_proxy(self):
        self.lock(HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(self.login(HTTP_X_FORWARDED_FOR="203.0.113.7").status_code, 429)
        self.assertEqual(self.login(HTTP_X_FORWARDED_FOR="203.0.113.8").status_code, 302)

    def test_a_success_before_the_limit_starts_the_count_again(self):
        self.fail(settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.login().status_code, 302)
        self.client.logout()
        self.fail(settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.login().status_code, 302)


class PasswordValidatorTests(TestCase):
    def test_the_demo_password_passes(self):
        validate_password(PASSWORD)

    def test_weak_passwords_are_refused_in_chinese(self):
        cases = {"1": "密码太短", "password123": "太常见", "1234567890123": "只包含数字"}
        for password, words in cases.items():
            with self.subTest(password=password), self.assertRaises(ValidationError) as caught:
                validate_password(password)
            self.assertIn(words, " ".join(caught.exception.messages))

    def test_the_back_office_refuses_a_weak_password(self):
        user = get_user_model().objects.create_user("clerk", password=PASSWORD)
        form = AdminPasswordChangeForm(user, {"password1": "1", "password2": "1"})
        self.assertFalse(form.is_valid())
        self.assertIn("密码太短", " ".join(form.errors["password2"]))
