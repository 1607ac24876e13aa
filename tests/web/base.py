"""Personas shared by the platform's tests: staff of every role in one county office, and an outsider.

Every view test reads as a story: the right role can, another agency's staff get 404, the wrong role
gets 403, an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.applications import services
from gongkai.web.applications.models import Application

ROLES = ("registrar", "handler", "reviewer", "head", "admin", "editor", "first_reviewer")


@override_settings(GONGKAI_TODAY=dt.date(2025, 3, 10))  # MEDIA_ROOT: tests/conftest.py
class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.agency = Agency.objects.create(name="示范县人民政府办公室", code="county", level="department")
        cls.other = Agency.objects.create(name="示范县东湖镇人民政府", code="donghu", level="township",
                                          parent=cls.agency)
        for role in ROLES:
            user = User.objects.create_user(role, password="password", first_name=role)
            Membership.objects.create(user=user, agency=cls.agency, role=role)
            setattr(cls, role, user)
        cls.outsider = User.objects.create_user("outsider", password="password")
        for role in ROLES:
            Membership.objects.create(user=cls.outsider, agency=cls.other, role=role)

    def make_app(self, received=dt.date(2025, 3, 3), **fields) -> Application:
        data = {"channel": "in_person", "received_on": received, "applicant_type": "natural_person",
                "applicant_name": "张三", "id_number": "110101199003071234", "phone": "13800000000",
                "address": "示范县人民路1号", "description": "2024年本县道路建设项目的招标文件"}
        data.update(fields)
        return services.register(self.agency, self.registrar, **data)

    def url(self, name: str, *args) -> str:
        from django.urls import reverse

        return reverse(name, args=[self.agency.code, *args])
