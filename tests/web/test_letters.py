"""The reply letters right in law: each reply type cites its article, says what that article requires,
and ends with the remedy its outcome has (行政复议法 2023 Art 20, 23; 行政诉讼法 Art 45, 46), naming the
复议机关 and the court. The PDF embeds its CJK font."""

from __future__ import annotations

import datetime as dt

from gongkai.web.agencies.models import Agency
from gongkai.web.applications import letters, services
from gongkai.web.applications.forms import DecideForm
from gongkai.web.applications.models import NoticeSettings
from gongkai.web.applications.outcomes import ORDINARY, REFUSAL, REPLY_KINDS

from .base import BaseTestCase
from .notice_helpers import docx_text, fonts, pdf_text_of

D = dt.date
ACT = "《中华人民共和国政府信息公开条例》"
# The article each reply type must cite (条例 2019, 国务院令第711号), and one sentence of what it requires.
EXPECTED = {
    "granted.proactive": ("第三十六条第（一）项", "已经主动公开", "获取该政府信息的方式和途径"),
    "granted": ("第三十六条第（二）项", "属于公开范围", ""),
    "partial": ("第三十七条", "能够作区分处理", "不予公开的部分说明理由"),
    "denied.state_secret": ("第十四条", "不予公开", ""),
    "denied.prohibited_by_law": ("第十四条", "不予公开", ""),
    "denied.security_stability": ("第十四条", "不予公开", ""),
    "denied.third_party": ("第十五条、第三十二条", "不予公开", ""),
    "denied.internal_affairs": ("第十六条第一款", "不予公开", ""),
    "denied.process_information": ("第十六条第二款", "不予公开", ""),
    "denied.enforcement_files": ("第十六条第二款", "不予公开", ""),
    "denied.administrative_query": ("第三十六条第（七）项", "依照有关法律、行政法规的规定办理", ""),
    "unable.not_held": ("第三十六条第（四）项", "该政府信息不存在", ""),
    "unable.not_ours": ("第三十六条第（五）项", "不属于本机关负责公开", "负责公开该政府信息的行政机关"),
    "unable.needs_creation": ("第三十八条", "加工、分析", ""),
    "unable.still_unclear": ("第三十条", "补正后申请内容仍不明确", ""),
    "not_processed.complaint": ("第三十九条第一款", "信访、投诉、举报", "不作为政府信息公开申请处理"),
    "not_processed.duplicate": ("第三十六条第（六）项", "不予重复处理", ""),
    "not_processed.publication": ("第三十九条第二款", "公开出版物", "获取的途径"),
    "not_processed.excessive": ("第三十五条", "明显超过合理范围", "不予处理"),
    "not_processed.confirmation": ("第二条", "确认或者重新出具", ""),
    "other.no_supplement": ("第三十条", "逾期未补正", "不再处理"),
    "other.unpaid_fee": ("第四十二条", "逾期未按收费通知的要求缴纳", "不再处理"),
    "other.other": ("", "处理如下", ""),
}
REPLY = "答复内容示例：详见附件。"


class LetterTestCase(BaseTestCase):
    def setUp(self):
        NoticeSettings.objects.create(agency=self.agency, reconsideration_body="示范市人民政府", court="示范县人民法院")

    def decided(self, key: str, agency=None):
        kind = REPLY_KINDS[key]
        app = self.make_app()
        if agency is not None:
            app.agency = agency
            app.save(update_fields=["agency"])
        services.apply(app, self.handler, "decide", to_state="reply", outcome=kind.outcome, reply_kind=key,
                       legal_basis=kind.basis, reply_text=REPLY, replied_on=D(2025, 3, 20))
        return app

    def text(self, app) -> str:
        return "".join(letters.letter(app).paragraphs)


class LetterTextTests(LetterTestCase):
    def test_it_has_expectations_for_every_reply_type(self):
        self.assertEqual(set(EXPECTED), set(REPLY_KINDS))

    def test_each_reply_type_cites_its_article_and_says_what_it_requires(self):
        for key, (article, says, also) in EXPECTED.items():
            with self.subTest(key):
                text = self.text(self.decided(key))
                self.assertIn(f"{ACT}{article}", text)
                self.assertIn(says, text)
                self.assertIn(also, text)
                self.assertIn(REPLY, text)

    def test_the_confirmation_row_no_longer_cites_the_publications_paragraph(self):
        # (五)5 (要求确认或重新出具) has nothing to do with 39 ¶2, which is about publications only.
        self.assertNotIn("第三十九条第二款", self.text(self.decided("not_processed.confirmation")))
        self.assertNotIn("第三十九条", REPLY_KINDS["not_processed.confirmation"].basis)

    def test_the_four_not_processed_letters_are_different_texts(self):
        keys = ("not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
                "not_processed.excessive")
        bodies = {letters.default_body(k) for k in keys}
        self.assertEqual(len(bodies), 4)


class RemedyTests(LetterTestCase):
    def test_a_refusal_says_reconsideration_comes_first_then_fifteen_days_to_sue(self):
        # 行政复议法 Art 23(1)(四) and ¶2 (since 2024-01-01); 行政诉讼法 Art 45: 15 days after the decision.
        for key in [k for k, v in REPLY_KINDS.items() if v.remedy == REFUSAL]:
            with self.subTest(key):
                text = self.text(self.decided(key))
                self.assertIn("《中华人民共和国行政复议法》第二十三条第一款第（四）项和第二款", text)
                self.assertIn("应当先向示范市人民政府申请行政复议", text)
                self.assertIn("六十日内（该法第二十条第一款）", text)
                self.assertIn("十五日内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）", text)
                self.assertNotIn("六个月", text)

    def test_every_other_reply_offers_sixty_days_or_six_months(self):
        for key in [k for k, v in REPLY_KINDS.items() if v.remedy == ORDINARY]:
            with self.subTest(key):
                text = self.text(self.decided(key))
                self.assertIn("六十日内向示范市人民政府申请行政复议"
                              "（《中华人民共和国行政复议法》第二十条第一款）", text)
                self.assertIn("六个月内向示范县人民法院提起行政诉讼"
                              "（《中华人民共和国行政诉讼法》第四十六条第一款）", text)
                self.assertNotIn("应当先", text)

    def test_a_partial_disclosure_says_both(self):
        text = self.text(self.decided("partial"))
        self.assertIn("如对本告知书中不予公开部分的决定不服，应当先向示范市人民政府申请行政复议", text)
        self.assertIn("对本告知书其他内容不服的，可以自收到本告知书之日起六十日内向示范市人民政府申请行政复议，"
                      "或者六个月内向示范县人民法院提起行政诉讼", text)

    def test_the_reconsideration_body_is_the_nearest_government_above(self):
        # A township's is the county government (Art 24(二)); a department's its own level's (Art 24(一)).
        county = Agency.objects.create(name="示范县人民政府", code="gov", level="government")
        township = Agency.objects.create(name="示范县南山镇人民政府", code="nanshan", level="township", parent=county)
        text = self.text(self.decided("denied.third_party", agency=township))
        self.assertIn("应当先向示范县人民政府申请行政复议", text)
        self.assertIn("本机关所在地有管辖权的人民法院", self.text(self.decided("granted", agency=township)))

    def test_the_back_office_setting_overrides_the_hierarchy(self):
        self.assertIn("应当先向示范市人民政府申请行政复议", self.text(self.decided("denied.state_secret")))


class DecideFormTests(LetterTestCase):
    def form(self, **data):
        app = self.make_app()
        return DecideForm({"outcome": "", "replied_on": "2025-03-07", **data}, app=app)

    def test_no_reply_type_is_preselected(self):
        self.assertFalse(self.form().is_valid())

    def test_36_5_needs_the_responsible_agency_named(self):
        form = self.form(outcome="unable.not_ours")
        self.assertFalse(form.is_valid())
        self.assertIn("负责公开该政府信息的行政机关的名称、联系方式", str(form.errors))

    def test_a_reply_type_is_counted_in_its_row(self):
        form = self.form(outcome="granted.proactive", reply_text="见本县门户网站“政府信息公开”专栏。")
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual((form.cleaned_data["outcome"], form.cleaned_data["reply_kind"]),
                         ("granted", "granted.proactive"))
        self.assertEqual(form.cleaned_data["legal_basis"], f"{ACT}第三十六条第（一）项")


class LetterFileTests(LetterTestCase):
    def test_the_letter_opens_in_word_and_its_pdf_embeds_every_font(self):
        app = self.decided("denied.third_party")
        self.client.force_login(self.handler)
        docx = self.client.get(self.url("letter", app.number, "docx"))
        self.assertIn("应当先向示范市人民政府申请行政复议", docx_text(docx.content))
        pdf = self.client.get(self.url("letter", app.number, "pdf")).content
        self.assertIn("政府信息公开申请答复告知书", pdf_text_of(pdf))
        self.assertIn("示范县政办信公答〔2025〕1号", pdf_text_of(pdf))  # the 文号
        found = fonts(pdf)
        self.assertTrue(found)
        self.assertEqual([name for name, embedded in found if not embedded], [])
