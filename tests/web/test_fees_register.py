"""信息处理费 from the register (issue 14 part 3; 国办函〔2020〕109号).

按件计收: per applicant and calendar month, applications 1–10 free, 11–30 at 100 元, 31–40 at 200 元,
41–50 at 300 元 ... each application priced on its own band (the 31st costs 200 元, not the 2,200 元 the
month's first 31 would cost together: 20 × 100 + 1 × 200). 按量计收: pages 1–30 free, 31–100 at 10 元,
101–200 at 20 元, above 200 at 40 元.
"""

from __future__ import annotations

from gongkai.clock.fees import application_fee, per_application_fee
from gongkai.web.applications.fees import month_rank
from gongkai.web.applications.models import Application, Pause

from .notice_helpers import docx_text
from .steps import D, StepsTestCase


class RankTests(StepsTestCase):
    def series(self, n, **fields):
        """``n`` applications of one applicant (same identity number), two a day from 2025-03-01."""
        return [self.make_app(received=D(2025, 3, 1 + i // 2), **fields) for i in range(n)]

    def test_the_rank_is_counted_from_the_records_of_the_same_applicant_and_month(self):
        apps = self.series(12)
        # Received 03-01..03-06, two a day, in that order: the same day is ranked by registration.
        self.assertEqual([month_rank(a) for a in apps], list(range(1, 13)))
        # Another month and another agency do not count; nor does another person.
        self.make_app(received=D(2025, 2, 28))
        self.make_app(received=D(2025, 3, 2), id_number="110101198001011234", applicant_name="李四")
        self.assertEqual(month_rank(apps[-1]), 12)
        # The rank is per agency (国办函〔2020〕109号 prices the applications made to one organ): the same
        # applicant's applications to the township (another agency, its own register) leave it at 12, and
        # the township's first is its 1st.
        from gongkai.web.applications import services

        there = [services.register(self.other, self.registrar, channel="in_person", received_on=D(2025, 3, 2),
                                   applicant_type="natural_person", applicant_name="张三", id_number=apps[0].id_number,
                                   phone="13800000000", address="示范县人民路1号", description="镇里的信息")
                 for _ in range(3)]
        self.assertEqual(month_rank(apps[-1]), 12)
        self.assertEqual([month_rank(a) for a in there], [1, 2, 3])

    def test_without_an_identity_number_name_and_contact_decide(self):
        a = self.make_app(received=D(2025, 3, 3), id_number="", phone="13900000001")
        b = self.make_app(received=D(2025, 3, 4), id_number="", phone="13900000001")
        c = self.make_app(received=D(2025, 3, 5), id_number="", phone="13900000002")  # another 张三
        d = self.make_app(received=D(2025, 3, 6), id_number="", phone="", email="zs@example.cn")
        self.assertEqual([month_rank(x) for x in (a, b, c, d)], [1, 2, 1, 1])

    def test_the_31st_application_costs_its_bands_price_and_the_notice_shows_it(self):
        apps = self.series(31)
        self.assertEqual(per_application_fee(31).total, 2200)  # what the old code billed
        last = apps[-1]  # received 03-16, after 30 others
        self.assertEqual(month_rank(last), 31)
        self.ok(self.registrar, last.number, "submit")
        self.ok(self.reviewer, last.number, "accept", handler=self.handler.pk)
        self.ok(self.handler, last.number, "fee_notice", scale="per_application", notice_on="2025-03-17")
        app = Application.objects.get(pk=last.pk)
        self.assertEqual((app.fee_amount, app.fee_quantity, app.fee_scale), (200, 31, "per_application"))
        self.assertIn("第 31 件申请，属第 31–40 件档，按该档标准每件 200 元计收", app.fee_explanation)
        self.assertEqual(app.fee_explanation, application_fee(31).explain())
        self.client.force_login(self.handler)
        r = self.client.get(self.url("notice_file", app.number, "fee", "docx"), {"date": "2025-03-17"})
        self.assertEqual(r.status_code, 200)
        text = docx_text(r.content)
        self.assertIn("收费数额：200元", text)
        self.assertIn("第 31 件：1 件 × 200 元 = 200 元", text)

    def test_the_eleventh_costs_100_and_the_tenth_gets_no_notice(self):
        apps = self.series(11)
        for app in apps[9:]:
            self.ok(self.registrar, app.number, "submit")
            self.ok(self.reviewer, app.number, "accept", handler=self.handler.pk)
        tenth, eleventh = apps[9], apps[10]
        before = Application.objects.get(pk=tenth.pk).due_on
        # A 0元 notice is not sent, and so never pauses the clock.
        self.refused(self.handler, tenth.number, "fee_notice", "信息处理费为0元，不发收费通知，答复期限照常计算",
                     scale="per_application", notice_on="2025-03-12")
        self.assertFalse(Pause.objects.filter(application=tenth).exists())
        self.assertEqual(Application.objects.get(pk=tenth.pk).due_on, before)
        self.ok(self.handler, eleventh.number, "fee_notice", scale="per_application", notice_on="2025-03-12")
        self.assertEqual(Application.objects.get(pk=eleventh.pk).fee_amount, 100)


class PageScaleTests(StepsTestCase):
    def test_pages_are_priced_on_the_page_scale_with_limits(self):
        app = self.accepted()
        # 30 pages are free: no notice.
        self.refused(self.handler, app.number, "fee_notice", "0元", scale="per_page", quantity=30,
                     notice_on="2025-03-06")
        self.refused(self.handler, app.number, "fee_notice", "按量计收须填写页数", scale="per_page",
                     notice_on="2025-03-06")
        self.refused(self.handler, app.number, "fee_notice", "页数 100001 超过 100000 页", scale="per_page",
                     quantity=100001, notice_on="2025-03-06")
        # 120 pages: 31–100 is 70 × 10 = 700, 101–120 is 20 × 20 = 400 -> 1,100 元.
        self.ok(self.handler, app.number, "fee_notice", scale="per_page", quantity=120, notice_on="2025-03-06")
        app = Application.objects.get(pk=app.pk)
        self.assertEqual(app.fee_amount, 1100)
        self.assertIn("第 101–120 页：20 页 × 20 元 = 400 元", app.fee_explanation)
        # The pause of the clock runs from the notice (国办函〔2020〕109号).
        self.assertEqual(list(app.pauses.values_list("kind", "start")), [("fee", D(2025, 3, 6))])
