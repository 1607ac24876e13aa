"""The Django admin (back office): it cannot change published content or a workflow's states, and every
change it can make is in the project's audit trail, with the old and new values."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultiWidget
from django.test import override_settings

from gongkai.web.agencies.models import Agency, AuditEntry, Membership
from gongkai.web.appeals.models import Appeal
from gongkai.web.applications import services
from gongkai.web.applications.models import Attachment, ReplyTemplate
from gongkai.web.disclosures import workflow
from gongkai.web.disclosures.models import Category, Document
from gongkai.web.portal.models import Guide, Message
from gongkai.web.reports.models import AnnualReport, ProactiveFigures

from .base import BaseTestCase

D = dt.date


def admin_url(obj_or_model, view="change") -> str:
    from django.urls import reverse

    meta = obj_or_model._meta
    name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
    if view in ("change", "delete"):
        return reverse(name, args=[obj_or_model.pk])
    return reverse(name)


def form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged (inlines included)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            widget = field.field.widget
            if value is None or value is False or field.field.disabled:
                continue
            if isinstance(widget, MultiWidget):  # e.g. date_joined: a date and a time input
                for i, (part, sub) in enumerate(zip(widget.decompress(value), widget.widgets, strict=True)):
                    data[f"{field.html_name}_{i}"] = sub.format_value(part)
                continue
            data[field.html_name] = "on" if value is True else value if isinstance(value, list) else str(value)
    return data


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class BackOfficeTestCase(BaseTestCase):
    def setUp(self):
        self.root = get_user_model().objects.create_superuser("root", password="x", first_name="系统管理员")
        self.client.force_login(self.root)
        self.category = Category.objects.create(agency=self.agency, name="法规文件", order=1)

    def published(self) -> Document:
        doc = workflow.create(self.agency, self.editor, title="示范县公告", body="审发通过的正文。",
                              made_on=D(2025, 3, 3), category=self.category)
        workflow.submit(doc, self.editor)
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head)

    def admin_entries(self):
        return AuditEntry.objects.filter(action__startswith="admin_").order_by("id")


class WorkflowDataIsReadOnlyTests(BackOfficeTestCase):
    def test_it_cannot_change_a_published_documents_text(self):
        doc = self.published()
        url = admin_url(doc)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)  # shown, read-only
        self.assertNotContains(page, 'name="public_body"')
        self.assertNotContains(page, 'name="title"')
        data = {"title": "未经审核的标题", "body": "未经审核的正文", "public_title": "未经审核的标题",
                "public_body": "未经审核的正文", "state": "published", "attribute": "proactive"}
        self.assertEqual(self.client.post(url, data).status_code, 403)
        doc.refresh_from_db()
        self.assertEqual((doc.public_body, doc.public_title, doc.title),
                         ("审发通过的正文。", "示范县公告", "示范县公告"))
        self.assertEqual(self.client.get(admin_url(Document, "add")).status_code, 403)
        self.assertEqual(self.client.post(admin_url(doc, "delete"), {"post": "yes"}).status_code, 403)
        self.assertTrue(Document.objects.filter(pk=doc.pk).exists())
        r = self.client.get(f"/zfxxgk/county/documents/{doc.index_number.replace('/', '~')}/")
        self.assertNotContains(r, "未经审核")

    def test_it_cannot_change_a_workflows_state_anywhere(self):
        app = self.make_app()
        Attachment.objects.create(application=app, kind="application", uploaded_by=self.registrar,
                                  file=SimpleUploadedFile("a.txt", b"x"))
        report = AnnualReport.objects.create(agency=self.agency, year=2024, state="published", section5="原文")
        figures = ProactiveFigures.objects.create(agency=self.agency, year=2024, normative_issued=2)
        appeal = Appeal.objects.create(application=app, kind="reconsideration", filed_on=D(2025, 4, 1), body="示范市")
        message = Message.objects.create(agency=self.agency, subject="s", body="b")
        attempts = [(app, {"state": "archived", "outcome": "granted"}),
                    (report, {"state": "draft", "section5": "改过"}),
                    (figures, {"normative_issued": 99}),
                    (appeal, {"result": "corrected", "decided_on": "2025-05-01"}),
                    (message, {"handled": "on", "reply": "后台答复"})]
        for obj, data in attempts:
            with self.subTest(obj._meta.model_name):
                self.assertEqual(self.client.get(admin_url(obj)).status_code, 200)
                self.assertEqual(self.client.post(admin_url(obj), data).status_code, 403)
                self.assertEqual(self.client.get(admin_url(type(obj), "add")).status_code, 403)
                self.assertEqual(self.client.post(admin_url(obj, "delete"), {"post": "yes"}).status_code, 403)
        app.refresh_from_db()
        report.refresh_from_db()
        figures.refresh_from_db()
        appeal.refresh_from_db()
        message.refresh_from_db()
        self.assertEqual((app.state, report.state, report.section5, figures.normative_issued, appeal.result,
                          message.handled), ("registered", "published", "原文", 2, "pending", False))
        self.assertFalse(self.admin_entries().exists())

    def test_an_application_shows_no_personal_data_even_copied_into_a_text(self):
        app = self.make_app(description="请寄到示范县人民路1号")
        services.apply(app, self.reviewer, "correction", correction_note="已致电13800000000", reason="告知补正")
        page = self.client.get(admin_url(app))
        self.assertContains(page, app.number)
        self.assertContains(page, "已致电已隐去")
        for value in ("110101199003071234", "13800000000", "示范县人民路1号"):
            self.assertNotContains(page, value)
        app.refresh_from_db()
        self.assertEqual(app.correction_note, "已致电13800000000")

    def test_the_access_log_is_evidence(self):
        from gongkai.web.applications.models import PersonalDataView

        app = self.make_app()
        view = PersonalDataView.objects.create(application=app, user=self.handler, via="page", shown="联系电话")
        self.assertEqual(self.client.get(admin_url(view)).status_code, 200)
        self.assertEqual(self.client.post(admin_url(view), {"shown": "无"}).status_code, 403)
        self.assertEqual(self.client.post(admin_url(view, "delete"), {"post": "yes"}).status_code, 403)
        view.refresh_from_db()
        self.assertEqual(view.shown, "联系电话")


class ChangesAreAuditedTests(BackOfficeTestCase):
    def test_an_agencys_change_is_audited_with_old_and_new_values(self):
        url = admin_url(self.agency)
        data = form_data(self.client.get(url))
        data["name"] = "示范县人民政府办公室（政务公开办）"
        r = self.client.post(url, data)
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        entry = self.admin_entries().get()
        self.assertEqual((entry.agency, entry.actor, entry.subject, entry.action),
                         (self.agency, self.root, f"agency:{self.agency.pk}", "admin_change"))
        self.assertIn("机关名称由“示范县人民政府办公室”改为“示范县人民政府办公室（政务公开办）”", entry.reason)

    def test_roles_and_rest_days_added_or_removed_inline_are_audited(self):
        url = admin_url(self.other)
        page = self.client.get(url)
        data = form_data(page)
        prefix = "memberships"
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        # Remove the first role, add one for the county's editor, and a local rest day.
        data[f"{prefix}-0-DELETE"] = "on"
        data.update({f"{prefix}-TOTAL_FORMS": str(total + 1), f"{prefix}-{total}-user": str(self.editor.pk),
                     f"{prefix}-{total}-role": "editor", f"{prefix}-{total}-agency": str(self.other.pk)})
        data.update({"local_holidays-TOTAL_FORMS": "1", "local_holidays-0-date": "2025-06-02",
                     "local_holidays-0-name": "端午节（地方）", "local_holidays-0-agency": str(self.other.pk)})
        removed = page.context["inline_admin_formsets"][0].formset.forms[0].instance
        r = self.client.post(url, data)
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        self.assertFalse(Membership.objects.filter(pk=removed.pk).exists())
        self.assertTrue(Membership.objects.filter(user=self.editor, agency=self.other, role="editor").exists())
        entries = {e.action + ":" + e.subject.split(":")[0]: e for e in self.admin_entries()}
        self.assertEqual(set(entries), {"admin_delete:membership", "admin_add:membership", "admin_add:localholiday"})
        self.assertTrue(all(e.agency == self.other and e.actor == self.root for e in entries.values()))
        self.assertIn("角色为“信息编发”", entries["admin_add:membership"].reason)
        self.assertIn("editor", entries["admin_add:membership"].reason)
        self.assertIn("后台删除人员角色", entries["admin_delete:membership"].reason)
        self.assertIn("2025-06-02", entries["admin_add:localholiday"].reason)

    @override_settings(GONGKAI_TODAY=D(2025, 3, 10))
    def test_a_local_rest_day_added_or_removed_inline_recounts_that_agencys_open_deadlines(self):
        # Received Mon 2025-03-03, no holiday in March 2025: 03-04(1) .. 07(4) | 10(5) .. 14(9) | 17(10) ..
        # 21(14) | 24(15) .. 28(19) | Mon 03-31(20). A local rest day on Wed 03-19 pushes the 20th working
        # day to Tue 04-01; removing it brings 03-31 back.
        app = self.make_app(received=D(2025, 3, 3))
        self.assertEqual(app.due_on, D(2025, 3, 31))
        url = admin_url(self.agency)
        data = form_data(self.client.get(url))
        data.update({"local_holidays-TOTAL_FORMS": "1", "local_holidays-0-date": "2025-03-19",
                     "local_holidays-0-name": "地方纪念日", "local_holidays-0-agency": str(self.agency.pk)})
        self.assertEqual(self.client.post(url, data).status_code, 302)
        app.refresh_from_db()
        self.assertEqual(app.due_on, D(2025, 4, 1))
        recount = AuditEntry.objects.get(subject=f"application:{app.number}", action="recount")
        self.assertIn("本机关地方休息日变更", recount.reason)
        self.assertEqual(recount.actor, self.root)

        data = form_data(self.client.get(url))
        data["local_holidays-0-DELETE"] = "on"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        app.refresh_from_db()
        self.assertEqual(app.due_on, D(2025, 3, 31))

    def test_a_template_without_an_agency_is_audited_too(self):
        r = self.client.post(admin_url(ReplyTemplate, "add"),
                             {"outcome": "granted", "title": "答复告知书", "body": "{applicant}：您好。"})
        self.assertEqual(r.status_code, 302)
        entry = self.admin_entries().get()
        self.assertEqual((entry.agency, entry.action), (None, "admin_add"))
        self.assertIn("标题为“答复告知书”", entry.reason)

    def test_a_guide_change_and_a_bulk_deletion_are_audited(self):
        guide = Guide.objects.create(agency=self.agency, body="旧指南")
        data = form_data(self.client.get(admin_url(guide)))
        data["body"] = "新指南"
        self.assertEqual(self.client.post(admin_url(guide), data).status_code, 302)
        spare = Category.objects.create(agency=self.agency, name="备用目录")
        r = self.client.post(admin_url(Category, "changelist"),
                             {"action": "delete_selected", "_selected_action": [spare.pk], "post": "yes"})
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Category.objects.filter(pk=spare.pk).exists())
        change, deletion = self.admin_entries()
        self.assertIn("由“旧指南”改为“新指南”", change.reason)
        self.assertEqual((deletion.action, deletion.subject, deletion.agency),
                         ("admin_delete", f"category:{spare.pk}", self.agency))
        self.assertIn("备用目录", deletion.reason)

    def test_a_password_change_is_audited_without_the_password(self):
        url = f"/admin/auth/user/{self.head.pk}/password/"
        r = self.client.post(url, {"password1": "Zhong-Wen-2025!", "password2": "Zhong-Wen-2025!",
                                   "usable_password": "true", "set_usable_password": "true"})
        self.assertEqual(r.status_code, 302, r.content.decode()[:3000])
        self.head.refresh_from_db()
        self.assertTrue(self.head.check_password("Zhong-Wen-2025!"))
        entry = self.admin_entries().get()
        self.assertEqual((entry.subject, entry.agency, entry.actor), (f"user:{self.head.pk}", None, self.root))
        self.assertIn("密码已修改（内容不记录）", entry.reason)
        self.assertNotIn("Zhong-Wen", entry.reason)
        self.assertNotIn(self.head.password, entry.reason)

    def test_a_user_made_superuser_is_audited(self):
        url = admin_url(self.editor)
        data = form_data(self.client.get(url))
        data["is_superuser"] = "on"
        data["is_staff"] = "on"
        r = self.client.post(url, data)
        self.assertEqual(r.status_code, 302, r.context and r.context["adminform"].form.errors)
        entry = self.admin_entries().get()
        self.assertIn("由“否”改为“是”", entry.reason)
        self.assertEqual(entry.subject, f"user:{self.editor.pk}")

    def test_an_agency_deleted_in_the_back_office_leaves_its_entry(self):
        spare = Agency.objects.create(name="示范县备用机关", code="spare")
        r = self.client.post(admin_url(spare, "delete"), {"post": "yes"})
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Agency.objects.filter(pk=spare.pk).exists())
        entry = self.admin_entries().get()
        self.assertEqual((entry.action, entry.agency, entry.subject), ("admin_delete", None, f"agency:{spare.pk}"))
        self.assertIn("示范县备用机关", entry.reason)
