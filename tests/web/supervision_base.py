"""A county with its agencies and the people of the supervision stories (shared by the supervision tests).

示范县人民政府 (code ``shifan``) supervises 东湖镇, 西山镇 (townships) and 县教育局 (a department);
邻县人民政府 (``linxian``) is another county with its own township and its own office. Each township has
a head and a reviewer; each county office one supervisor.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse

from gongkai.web.agencies.models import Agency, Membership


@override_settings(GONGKAI_TODAY=dt.date(2026, 1, 20))
class SupervisionTestCase(TestCase):
    YEAR = 2025

    @classmethod
    def setUpTestData(cls):
        cls.county = Agency.objects.create(name="示范县人民政府", code="shifan", level="government")
        cls.donghu = Agency.objects.create(name="示范县东湖镇人民政府", code="donghu", level="township",
                                           parent=cls.county)
        cls.xishan = Agency.objects.create(name="示范县西山镇人民政府", code="xishan", level="township",
                                           parent=cls.county)
        cls.jiaoyu = Agency.objects.create(name="示范县教育局", code="jiaoyu", level="department", parent=cls.county)
        cls.other_county = Agency.objects.create(name="邻县人民政府", code="linxian", level="government")
        cls.other_town = Agency.objects.create(name="邻县南岭镇人民政府", code="nanling", level="township",
                                               parent=cls.other_county)
        cls.supervisor = cls.person("gongkaiban", cls.county, "supervisor", email="gkb@shifan.example")
        cls.other_supervisor = cls.person("linxian_gkb", cls.other_county, "supervisor")
        cls.donghu_head = cls.person("donghu_head", cls.donghu, "head", email="head@donghu.example")
        cls.donghu_reviewer = cls.person("donghu_reviewer", cls.donghu, "reviewer", email="rev@donghu.example")
        cls.donghu_handler = cls.person("donghu_handler", cls.donghu, "handler")
        cls.xishan_head = cls.person("xishan_head", cls.xishan, "head", email="head@xishan.example")
        cls.xishan_reviewer = cls.person("xishan_reviewer", cls.xishan, "reviewer")

    @classmethod
    def person(cls, username, agency, role, email=""):
        user = get_user_model().objects.create_user(username, password="password", first_name=username, email=email)
        Membership.objects.create(user=user, agency=agency, role=role)
        return user

    def sv(self, name, *args, county=None):
        return reverse(f"supervision:{name}", args=[(county or self.county).code, *args])


def make_ready(agency, user, year=2025, section5="培训不足，将加强。"):
    """Give the agency's report what publication needs (no applications: every count 0): the Article 20
    figures and the three written sections, through the report app's own services."""
    from gongkai.web.reports import assemble, publication

    publication.save_figures(agency, year, user, {"normative_issued": 1, "normative_in_force": 4})
    texts = publication.report_row(agency, year)
    draft = assemble.draft_texts(assemble.assemble(agency, year))
    return publication.save_texts(texts, user, {"section1": draft[1], "section5": section5, "section6": "无。"})
