"""Corrections (issue 14 part 6): any recorded step put right or annulled by the head with a reason, a
wrongly closed case reopened, both versions kept in the audit, and the annual report counting the
corrected records. Dates by hand as in steps.py (received 2025-03-03, due 2025-03-31).
"""

from __future__ import annotations

from gongkai.web.agencies.models import AuditEntry
from gongkai.web.applications.models import Application
from gongkai.web.reports import assemble

from .steps import D, StepsTestCase


def trail(app) -> list[tuple[str, str]]:
    return list(AuditEntry.objects.filter(subject=f"application:{app.number}").values_list("action", "reason"))


class AmendTests(StepsTestCase):
    def test_the_head_corrects_the_receipt_date_and_the_deadline_follows(self):
        app = self.accepted()
        self.ok(self.head, app.number, "amend", field="received_on", value="2025-03-04", reason="登记时录错日期")
        # Received Tuesday 03-04: 20 working days from 03-05 end on Tuesday 04-01 (03-05..31 is 19).
        app = self.fresh(app)
        self.assertEqual((app.received_on, app.due_on), (D(2025, 3, 4), D(2025, 4, 1)))
        self.assertIn(("amend", "更正“收到申请之日”：原为 2025-03-03，改为 2025-03-04。理由：登记时录错日期"),
                      trail(app))

    def test_a_correction_is_checked_like_the_step(self):
        app = self.accepted()
        self.refused(self.head, app.number, "amend", "晚于今天（2025-04-30）", field="received_on", value="2025-05-06",
                     reason="x")
        self.refused(self.head, app.number, "amend", "适用修订前的", field="received_on", value="2019-05-14",
                     reason="x")
        self.refused(self.head, app.number, "amend", "更正后的值与原值相同", field="received_on", value="2025-03-03",
                     reason="x")
        self.refused(self.head, app.number, "amend", "“答复日期”尚未登记，无可更正", field="replied_on",
                     value="2025-03-20", reason="x")
        self.refused(self.head, app.number, "amend", "请按“年-月-日”填写日期", field="received_on", value="3月4日",
                     reason="x")

    def test_coded_values_are_offered_as_chinese_options(self):
        app = self.accepted()
        self.client.force_login(self.head)
        page = self.client.get(self.url("application", app.number)).content.decode()
        form = page[page.index('name="amend-choice"'):]
        form = form[:form.index("</select>")]
        # One group per coded field, each option in Chinese; its value names the field it belongs to.
        self.assertIn('<optgroup label="提交方式">', form)
        self.assertIn('<option value="channel:post_signed">邮寄（需签收）</option>', form)
        self.assertIn('<optgroup label="办理结果（答复类型）">', form)
        self.assertIn('<option value="reply_kind:denied.state_secret">（三）1.属于国家秘密</option>', form)
        self.assertNotIn("代码", page)

    def test_a_chinese_option_corrects_the_channel_and_the_audit_says_it_in_chinese(self):
        app = self.accepted()
        self.ok(self.head, app.number, "amend", field="channel", choice="channel:post_signed", reason="实为邮寄")
        self.assertEqual(self.fresh(app).channel, "post_signed")
        self.assertIn(("amend", "更正“提交方式”：原为 当面提交，改为 邮寄（需签收）。理由：实为邮寄"), trail(app))

    def test_an_option_of_another_field_or_none_is_refused(self):
        app = self.accepted()
        self.refused(self.head, app.number, "amend", "所选的选项“（三）1.属于国家秘密”不属于“提交方式”",
                     field="channel", choice="reply_kind:denied.state_secret", reason="x")
        self.refused(self.head, app.number, "amend", "请在“更正后的选项”中选择更正后的提交方式", field="channel",
                     reason="x")
        self.refused(self.head, app.number, "amend", "请填写更正后的收到申请之日", field="received_on", reason="x")
        self.refused(self.head, app.number, "amend", "更正后的值与原值相同", field="channel",
                     choice="channel:in_person", reason="x")
        # A value typed for a coded field must be one of its options (code or Chinese label), and the
        # refusal lists them in Chinese.
        r = self.refused(self.head, app.number, "amend", "“邮件”不是“提交方式”的可选项", field="channel", value="邮件",
                         reason="x")
        self.assertContains(r, "当面提交、邮寄（需签收）", status_code=400)
        self.ok(self.head, app.number, "amend", field="channel", value="传真", reason="按来件更正")
        self.assertEqual(self.fresh(app).channel, "fax")

    def test_a_corrected_reply_date_after_the_deadline_marks_the_reply_late(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-28")
        self.assertFalse(self.fresh(app).replied_late)
        self.ok(self.head, app.number, "amend", field="replied_on", value="2025-04-02", reason="按送达回证更正")
        self.assertTrue(self.fresh(app).replied_late)

    def test_the_annual_report_counts_the_corrected_outcome(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-28")
        self.ok(self.registrar, app.number, "archive", archived_on="2025-04-01")
        report = assemble.assemble(self.agency, 2025)
        self.assertEqual((report.applications.value("granted", "total"),
                          report.applications.value("denied.state_secret", "total")), (1, 0))
        self.ok(self.head, app.number, "amend", field="reply_kind", value="denied.state_secret",
                reason="实际答复为不予公开，登记有误")
        app = self.fresh(app)
        self.assertEqual((app.outcome, app.reply_kind, app.state), ("denied.state_secret", "denied.state_secret",
                                                                    "archived"))
        report = assemble.assemble(self.agency, 2025)
        self.assertEqual((report.applications.value("granted", "total"),
                          report.applications.value("denied.state_secret", "total")), (0, 1))
        amend = next(r for a, r in trail(app) if a == "amend")
        self.assertIn("原为 （一）予以公开（第三十六条第（二）项），改为 （三）1.属于国家秘密", amend)


class AnnulTests(StepsTestCase):
    def test_an_extension_recorded_by_mistake_is_annulled(self):
        app = self.accepted()
        self.ok(self.head, app.number, "extend", days=20, reason="档案需调取", decided_on="2025-03-28",
                notified_on="2025-03-28")
        self.assertEqual(self.fresh(app).due_on, D(2025, 4, 28))
        self.refused(self.head, app.number, "annul", "该步骤尚未登记，无可撤销", step="fee", reason="x")
        self.ok(self.head, app.number, "annul", step="extend", reason="误点延期，实际未批准")
        app = self.fresh(app)
        self.assertEqual((app.extension_days, app.extension_decided_on, app.due_on), (0, None, D(2025, 3, 31)))
        annul = next(r for a, r in trail(app) if a == "annul")
        self.assertIn("延期（工作日）：20", annul)
        self.assertIn("延期告知日期：2025-03-28", annul)
        # Nothing is left to annul: the step is no longer offered.
        self.assertEqual(self.post(self.head, app.number, "annul", step="extend", reason="x").status_code, 409)

    def test_a_fee_notice_is_annulled_with_its_pause(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "fee_notice", scale="per_page", quantity=120, notice_on="2025-03-06")
        self.assertIsNone(self.fresh(app).due_on)
        self.ok(self.head, app.number, "annul", step="fee", reason="不应收费")
        app = self.fresh(app)
        self.assertEqual((app.fee_amount, app.fee_notice_on, app.pauses.count(), app.due_on),
                         (None, None, 0, D(2025, 3, 31)))
        self.assertIn("信息处理费（元）：1100", next(r for a, r in trail(app) if a == "annul"))

    def test_a_consultation_is_annulled(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "pause_start", kind="third_party", party="甲公司", start="2025-03-05")
        self.ok(self.head, app.number, "annul", step="consultation", reason="不涉及第三方")
        app = self.fresh(app)
        self.assertEqual((app.pauses.count(), app.due_on), (0, D(2025, 3, 31)))
        self.assertIn("甲公司", next(r for a, r in trail(app) if a == "annul"))


class ReopenTests(StepsTestCase):
    def test_a_wrongly_closed_case_is_reopened_and_the_report_follows(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "decide", outcome="unable.not_held", replied_on="2025-03-20")
        self.ok(self.registrar, app.number, "archive", archived_on="2025-03-21")
        self.assertEqual(assemble.assemble(self.agency, 2025).applications.value("unable.not_held", "total"), 1)
        self.ok(self.head, app.number, "reopen", reason="信息实际由本机关保存，检索有误")
        app = self.fresh(app)
        self.assertEqual((app.state, app.outcome, app.replied_on, app.archived_on, app.due_on),
                         ("processing", "", None, None, D(2025, 3, 31)))
        reopen = next(r for a, r in trail(app) if a == "reopen")
        self.assertIn("原记录：（四）1.经检索没有所申请的信息（第三十六条第（四）项）", reopen)
        self.assertIn("2025-03-20答复，2025-03-21归档", reopen)
        report = assemble.assemble(self.agency, 2025)
        self.assertEqual(report.applications.value("unable.not_held", "total"), 0)
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-28")
        self.assertEqual(assemble.assemble(self.agency, 2025).applications.value("granted", "total"), 1)

    def test_an_open_case_cannot_be_reopened(self):
        app = self.accepted()
        self.assertEqual(self.post(self.head, app.number, "reopen", reason="x").status_code, 409)


class PermissionTests(StepsTestCase):
    """amend, annul, reopen: the head only; other roles 403, other agencies 404, anonymous to login."""

    def test_every_correction_view_story(self):
        app = self.accepted()
        self.ok(self.handler, app.number, "correction", requested_on="2025-03-05", period_until="2025-03-19",
                note="请明确年份")
        self.ok(self.handler, app.number, "supplement", received_on="2025-03-10")
        self.ok(self.handler, app.number, "decide", outcome="granted", replied_on="2025-03-28")
        steps = {"amend": {"field": "replied_on", "value": "2025-03-27", "reason": "x"},
                 "annul": {"step": "correction", "reason": "x"}, "reopen": {"reason": "x"}}
        for action, data in steps.items():
            url = self.url("act", app.number, action)
            body = {f"{action}-{k}": v for k, v in data.items()}
            for user in (self.registrar, self.handler, self.reviewer, self.admin):
                self.client.force_login(user)
                self.assertEqual(self.client.post(url, body).status_code, 403, (action, user.username))
            self.client.force_login(self.outsider)
            self.assertEqual(self.client.post(url, body).status_code, 404, action)
            self.client.logout()
            self.assertEqual(self.client.post(url, body).status_code, 302, action)
        app = Application.objects.get(pk=app.pk)
        self.assertEqual((app.state, app.replied_on), ("reply", D(2025, 3, 28)))
        self.client.force_login(self.head)
        page = self.client.get(self.url("application", app.number))
        for label in ("更正记录", "撤销步骤", "重新办理（撤销办结）"):
            self.assertContains(page, label)
        self.client.force_login(self.handler)
        self.assertNotContains(self.client.get(self.url("application", app.number)), "更正记录")
