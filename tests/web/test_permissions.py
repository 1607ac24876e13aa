"""Permission stories for every staff view: the right role can, another agency's staff get 404, the
wrong role gets 403, anonymous visitors are redirected to the login page, a wrong method gets 405."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.web.appeals.models import Appeal
from gongkai.web.applications import services
from gongkai.web.applications.models import Attachment

from .base import BaseTestCase

# (url name, extra args, method, data, roles that may, a role that may not or None)
VIEWS = [
    ("dashboard", (), "get", None, ("registrar", "handler", "reviewer", "head", "admin"), None),
    ("applications", (), "get", None, ("registrar", "admin"), None),
    ("ledger_export", (), "get", None, ("registrar", "editor"), None),
    ("waiting_for_me", (), "get", None, ("head", "editor"), None),
    ("register", (), "get", None, ("registrar",), "handler"),
    ("application", ("N",), "get", None, ("handler", "admin"), None),
    ("letter", ("N", "pdf"), "get", None, ("reviewer",), None),
    # Need-to-know (applications/privacy.py): the files of a case are for the four case roles only.
    ("attachment", ("N", "F"), "get", None, ("registrar", "handler", "reviewer", "head"), "editor"),
    ("personal_data_log", (), "get", None, ("head", "admin"), "registrar"),
    ("appeals", (), "get", None, ("head",), None),
    ("appeal_new", (), "get", None, ("handler", "reviewer", "head"), "registrar"),
    ("appeal_result", ("A",), "get", None, ("reviewer",), "registrar"),
    ("reports", (), "get", None, ("registrar",), None),
    ("report", (2025,), "get", None, ("head", "handler"), None),
    ("report_texts", (2025,), "get", None, ("reviewer", "head"), "handler"),
    ("report_figures", (2025,), "get", None, ("head",), "registrar"),
    ("report_export", (2025, "md"), "get", None, ("handler",), None),
    ("report_publish", (2025,), "post", {"published_on": "2026-01-20"}, ("head",), "reviewer"),
    ("report_correct", (2025,), "post", {}, ("head",), "reviewer"),
    ("calendar", (), "get", None, ("admin",), "head"),
    ("calendar_year", (2027,), "get", None, ("admin",), "registrar"),
]


class PermissionTestCase(BaseTestCase):
    def setUp(self):
        self.app = self.make_app()
        services.apply(self.app, self.handler, "decide", to_state="reply", outcome="granted", legal_basis="x",
                       replied_on=dt.date(2025, 3, 20))
        self.file = Attachment.objects.create(application=self.app, kind="application", uploaded_by=self.registrar,
                                              file=SimpleUploadedFile("申请书.txt", b"x"))
        self.appeal = Appeal.objects.create(application=self.app, kind="reconsideration",
                                            filed_on=dt.date(2025, 4, 1), body="示范市人民政府")

    def resolve(self, args):
        subst = {"N": self.app.number, "F": self.file.pk, "A": self.appeal.pk}
        return [subst.get(a, a) if isinstance(a, str) else a for a in args]

    def call(self, name, args, method, data):
        url = self.url(name, *self.resolve(args))
        return getattr(self.client, method)(url, data or {})

    def test_it_redirects_anonymous_visitors_to_the_login_page(self):
        for name, args, method, data, _, _ in VIEWS:
            with self.subTest(name):
                r = self.call(name, args, method, data)
                self.assertEqual(r.status_code, 302)
                self.assertIn("/login/", r["Location"])

    def test_it_hides_everything_from_another_agencys_staff(self):
        self.client.force_login(self.outsider)  # holds every role, but in 东湖镇
        for name, args, method, data, _, _ in VIEWS:
            with self.subTest(name):
                self.assertEqual(self.call(name, args, method, data).status_code, 404)

    def test_it_lets_the_right_roles_in(self):
        for name, args, method, data, roles, _ in VIEWS:
            for role in roles:
                with self.subTest(name, role=role):
                    self.client.force_login(getattr(self, role))
                    r = self.call(name, args, method, data)
                    # report_publish refuses (409) this year's report: section 二 figures are missing.
                    may_refuse = ("report_publish", "report_export", "report_correct")
                    self.assertIn(r.status_code, (200, 302, 409) if name in may_refuse
                                  else (200,))

    def test_it_forbids_the_wrong_role(self):
        for name, args, method, data, _, wrong in VIEWS:
            if wrong is None:
                continue
            with self.subTest(name, role=wrong):
                self.client.force_login(getattr(self, wrong))
                self.assertEqual(self.call(name, args, method, data).status_code, 403)

    def test_it_forbids_actions_to_the_wrong_role_and_hides_them_from_outsiders(self):
        fresh = self.make_app()
        url = self.url("act", fresh.number, "submit")
        self.client.force_login(self.handler)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.client.force_login(self.registrar)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(self.client.post(self.url("act", fresh.number, "nonsense")).status_code, 404)
        self.assertEqual(self.client.post(url).status_code, 302)

    def test_it_returns_404_for_a_bad_number(self):
        self.client.force_login(self.registrar)
        self.assertEqual(self.client.get(self.url("application", "COUNTY-2025-99999")).status_code, 404)

    def test_it_takes_attachments_from_the_case_roles_only(self):
        self.client.force_login(self.handler)
        r = self.client.post(self.url("attach", self.app.number),
                             {"kind": "delivery", "file": SimpleUploadedFile("送达回证.pdf", b"%PDF-1.4")})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.app.attachments.count(), 2)
        # The editor may see the case (masked) but not add files to it: they carry personal data.
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(self.url("application", self.app.number)),
                               self.url("attach", self.app.number))
        r = self.client.post(self.url("attach", self.app.number),
                             {"kind": "delivery", "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(self.app.attachments.count(), 2)
        self.client.force_login(self.outsider)
        r = self.client.post(self.url("attach", self.app.number),
                             {"kind": "delivery", "file": SimpleUploadedFile("x.pdf", b"x")})
        self.assertEqual(r.status_code, 404)
