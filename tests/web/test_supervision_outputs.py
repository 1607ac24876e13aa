"""The county office's outputs: the figures and findings XLSX read back with openpyxl, the 通报 form
pre-filled from the data, its DOCX read back and converted with LibreOffice and poppler (the page is
looked at: not blank), and the permission stories of every figures and outputs view.

Set GONGKAI_KEEP_TONGBAO=docs/supervision to keep the 通报's first page as docs/supervision/tongbao.png.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import docx
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.web.supervision import findings as evidence
from gongkai.web.supervision.models import ExternalReport, FindingDecision

from .supervision_figures_data import PERSONAL, FiguresTestCase
from .supervision_pdf import MIN_DARK, print_docx

TITLE = "关于2025年度政府信息公开工作年度报告情况的通报"


def rows_of(body: bytes, sheet: int = 0) -> list[tuple]:
    book = load_workbook(io.BytesIO(body))
    return list(book.worksheets[sheet].iter_rows(values_only=True))


class FiguresXlsxTestCase(FiguresTestCase):
    def setUp(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(self.sv("figures_xlsx", self.YEAR))
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        self.body = response.content
        self.rows = rows_of(self.body)
        self.header = list(self.rows[1])

    def row(self, label):
        return dict(zip(self.header, next(r for r in self.rows if r[0] == label), strict=True))

    def test_county_sum_row_holds_the_pages_numbers(self):
        total = self.row("所辖机关合计")
        # As worked out in test_supervision_figures: 78 new, 78 handled, 42 + 10 disclosed, 复议 27 (纠正 5).
        self.assertEqual((total["本年新收申请"], total["办理结果总计"], total["予以公开"], total["部分公开"]),
                         (78, 78, 42, 10))
        self.assertEqual((total["行政复议总计"], total["复议结果纠正"], total["行政诉讼总计"]), (27, 5, 4))
        self.assertEqual(total["公开率"], 0.6667)
        self.assertEqual(total["行政复议纠错率"], 0.1923)
        self.assertEqual(total["报告来源"], "4/5")  # four of the five members have a report
        self.assertEqual((total["超期未答复"], total["逾期答复"], total["超过二十个工作日公开"]), (2, 3, 1))
        # The page prints the same 公开率.
        page = self.client.get(self.sv("figures", self.YEAR))
        self.assertContains(page, "66.7%")

    def test_a_share_is_a_number_formatted_as_percent(self):
        book = load_workbook(io.BytesIO(self.body))
        sheet = book.worksheets[0]
        col = self.header.index("公开率") + 1
        cell = next(sheet.cell(r, col) for r in range(3, sheet.max_row + 1)
                    if sheet.cell(r, 1).value == "示范县东湖镇人民政府")
        self.assertEqual((cell.value, cell.number_format), (0.65, "0.0%"))  # 26 / 40

    def test_agency_without_a_report_and_the_own_report(self):
        missing = self.row("示范县南山镇人民政府")
        self.assertEqual(missing["报告来源"], "无报告")
        self.assertIsNone(missing["本年新收申请"])
        own = self.row("示范县人民政府（本级报告）")
        self.assertEqual((own["本年新收申请"], own["报告来源"]), (80, "报送第1次"))

    def test_rankings_sheet_lists_the_ranked_and_the_too_small(self):
        rows = rows_of(self.body, 1)
        start = rows.index(("公开率排名", None, None, None))
        block = rows[start + 3:start + 7]
        # 西山 first, then the tie of 北山 and 东湖 at 0.65; 教育局 (6 handled) too small.
        self.assertEqual(block, [(1, "示范县西山镇人民政府", 0.75, 12), (2, "示范县北山镇人民政府", 0.65, 20),
                                 (2, "示范县东湖镇人民政府", 0.65, 40),
                                 ("样本过少，不参与排名", "示范县教育局", None, None)])

    def test_no_personal_data_in_the_workbook(self):
        text = repr([rows_of(self.body, 0), rows_of(self.body, 1)])
        for value in (*PERSONAL, "道路建设项目的招标文件"):
            self.assertNotIn(value, text)
        self.assertNotIn("999", text)  # the other county's filing


class FindingsXlsxTestCase(FiguresTestCase):
    def test_findings_with_the_offices_decisions(self):
        items = evidence.collect(self.county, self.YEAR)
        self.assertTrue(items)
        first = items[0]
        FindingDecision.objects.create(county=self.county, agency=first.agency, year=self.YEAR,
                                       fingerprint=first.fingerprint, rule=first.rule, decision="confirmed",
                                       comment="请于2月10日前更正", decided_by=self.supervisor)
        self.client.force_login(self.supervisor)
        response = self.client.get(self.sv("findings_xlsx", self.YEAR))
        self.assertEqual(response.status_code, 200)
        rows = rows_of(response.content)
        self.assertEqual(rows[1], ("机关", "规则", "严重程度", "单元格", "说明", "条款", "处理决定", "意见"))
        data = rows[2:]
        self.assertEqual(len(data), len(items))
        decided = [r for r in data if r[6] == "确认"]
        self.assertEqual(len(decided), 1)
        self.assertEqual((decided[0][0], decided[0][1], decided[0][4], decided[0][7]),
                         (first.agency.name, first.rule, first.message, "请于2月10日前更正"))
        self.assertEqual({r[6] for r in data if r is not decided[0]}, {"待处理"})
        self.assertNotIn("邻县南岭镇人民政府", {r[0] for r in data})
        for value in PERSONAL:
            self.assertNotIn(value, repr(rows))


class TongbaoTestCase(FiguresTestCase):
    def setUp(self):
        self.items = evidence.collect(self.county, self.YEAR)
        donghu = [i for i in self.items if i.agency == self.donghu]
        self.confirmed, self.dismissed = donghu[0], donghu[1]
        for item, decision in ((self.confirmed, "confirmed"), (self.dismissed, "dismissed")):
            FindingDecision.objects.create(county=self.county, agency=item.agency, year=self.YEAR,
                                           fingerprint=item.fingerprint, rule=item.rule, decision=decision,
                                           comment="", decided_by=self.supervisor)
        self.client.force_login(self.supervisor)
        self.folder = Path(tempfile.mkdtemp(prefix="tongbao-"))

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def initial(self) -> dict:
        response = self.client.get(self.sv("tongbao", self.YEAR))
        self.assertEqual(response.status_code, 200)
        return response.context["form"].initial

    def test_the_draft_states_the_figures_and_the_confirmed_findings(self):
        text = self.initial()
        self.assertEqual(text["title"], TITLE)
        overview = text["overview"]
        # The board on 2026-01-20: the four members with a filing (submitted, none published) are filed
        # only; 南山镇 has nothing (not yet 缺报: the township deadline 01-31 has not passed).
        for phrase in ("应报送政府信息公开工作年度报告的机关共5个，其中已发布0个，已报送备案尚未发布4个，"
                       "尚未报送也未发布1个（示范县南山镇人民政府）。",
                       "本年新收政府信息公开申请78件，上年结转2件，办理结果总计78件",
                       "予以公开42件、部分公开10件，公开率66.7%",
                       "被申请行政复议27件（结果纠正5件），被提起行政诉讼4件（结果纠正1件）",
                       "超期未答复2件、逾期答复3件", "超过二十个工作日主动公开1件"):
            self.assertIn(phrase, overview)
        problems = text["problems"]
        self.assertTrue(problems.startswith("示范县东湖镇人民政府："), problems)
        self.assertIn(self.confirmed.message.rstrip("。；;. "), problems)
        if self.dismissed.message != self.confirmed.message:
            self.assertNotIn(self.dismissed.message.rstrip("。；;. "), problems)
        self.assertEqual(text["issuer"], "示范县人民政府政务公开办")
        self.assertEqual(text["date"], "2026年1月20日")  # GONGKAI_TODAY of the supervision tests

    def test_the_overview_counts_the_boards_states(self):
        # 西山镇's report is found published elsewhere (an upload matched to it): the board says 已发布.
        # So 1 published, 3 filed only (北山, 东湖, 教育局), 1 neither (南山) = the 5 expected members;
        # the county's own filing is not counted among them.
        ExternalReport.objects.create(county=self.county, agency=self.xishan, year=self.YEAR, label="西山.pdf",
                                      sha256="x" * 64, document={"published_on": "2026-01-15"})
        self.assertIn("机关共5个，其中已发布1个，已报送备案尚未发布3个，尚未报送也未发布1个（示范县南山镇人民政府）。",
                      self.initial()["overview"])

    def test_the_missed_deadlines_come_first_in_the_problems(self):
        # On 2026-02-05 every township's and the department's publication deadline (01-31, the statute's)
        # has passed: 北山, 东湖, 教育局 and 西山 filed on 01-20 (in time) and published nothing: 逾期未发布;
        # 南山 has nothing at all: 缺报. The county's own report (due 03-31) is not a member's.
        with override_settings(GONGKAI_TODAY=dt.date(2026, 2, 5)):
            problems = self.initial()["problems"]
        first, *rest = problems.split("\n")
        self.assertEqual(first, "报送和发布期限方面，逾期未发布：示范县北山镇人民政府、示范县东湖镇人民政府、"
                                "示范县教育局、示范县西山镇人民政府；缺报：示范县南山镇人民政府。")
        self.assertTrue(rest and rest[0].startswith("示范县东湖镇人民政府："), rest)  # then the confirmed findings

    def test_without_confirmed_findings_the_draft_says_so(self):
        FindingDecision.objects.filter(decision="confirmed").update(decision="dismissed")
        self.assertEqual(self.initial()["problems"], "经审查，未发现需要通报的问题。")

    def test_post_generates_the_docx_with_the_edited_wording_and_the_figures_table(self):
        data = {**self.initial(), "number": "示政公办〔2026〕3号", "addressee": "各乡镇人民政府，县教育局："}
        data["overview"] += "\n各乡镇要高度重视。"
        response = self.client.post(self.sv("tongbao", self.YEAR), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        document = docx.Document(io.BytesIO(response.content))
        paragraphs = [p.text for p in document.paragraphs]
        self.assertIn("示政公办〔2026〕3号", paragraphs)
        self.assertIn(TITLE, paragraphs)
        self.assertIn("各乡镇要高度重视。", paragraphs)
        self.assertIn("各乡镇人民政府，县教育局：", paragraphs)
        self.assertIn("二、发现的问题", paragraphs)
        rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
        self.assertEqual(rows[0], ["机关", "本年新收", "办理结果总计", "公开率", "行政复议", "行政诉讼", "超期未答复",
                                   "逾期答复"])
        # 东湖: 40 new and handled, 26/40 = 65.0 %, 复议 5, 诉讼 2, 1 overdue, 1 late; the members' sum:
        # 78, 78, 66.7 %, 27, 4, overdue 1 + 1 = 2, late 1 + 2 = 3; 南山 has no report.
        self.assertIn(["示范县东湖镇人民政府", "40", "40", "65.0%", "5", "2", "1", "1"], rows)
        self.assertIn(["示范县南山镇人民政府", "—", "—", "—", "—", "—", "0", "0"], rows)
        self.assertEqual(rows[-2], ["所辖机关合计", "78", "78", "66.7%", "27", "4", "2", "3"])
        # The county's own report (80 new, 42 + 10 of 78 disclosed, no section 四) and its own cases (none).
        self.assertEqual(rows[-1], ["示范县人民政府（本级报告）", "80", "78", "66.7%", "—", "—", "0", "0"])
        everything = "\n".join(paragraphs) + repr(rows)
        for value in PERSONAL:
            self.assertNotIn(value, everything)
        self.look(response.content)

    def test_an_invalid_post_shows_the_form_again(self):
        data = {**self.initial(), "title": ""}
        response = self.client.post(self.sv("tongbao", self.YEAR), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "生成通报（Word）", status_code=400)

    def look(self, body: bytes) -> None:
        """LibreOffice converts the DOCX to PDF; poppler renders page 1; it is not blank and says the numbers."""
        printed = print_docx(self.folder, body)
        self.assertIn(TITLE, printed.text)
        self.assertIn("本年新收政府信息公开申请78件", printed.text)
        png, dark = printed.png, printed.dark
        print(f"tongbao page 1: {dark:.2%} dark pixels")  # the measured share, for the report
        self.assertGreater(dark, MIN_DARK)
        keep = os.environ.get("GONGKAI_KEEP_TONGBAO")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / "tongbao.png").write_bytes(png.read_bytes())


class OutputsPermissionTestCase(FiguresTestCase):
    VIEWS = ("figures", "figures_xlsx", "findings_xlsx", "tongbao")

    def test_supervisor_of_the_county_may(self):
        self.client.force_login(self.supervisor)
        for name in self.VIEWS:
            with self.subTest(name):
                self.assertEqual(self.client.get(self.sv(name, self.YEAR)).status_code, 200)

    def test_supervisor_of_another_county_gets_404(self):
        self.client.force_login(self.other_supervisor)
        for name in self.VIEWS:
            with self.subTest(name):
                self.assertEqual(self.client.get(self.sv(name, self.YEAR)).status_code, 404)
        self.assertEqual(self.client.post(self.sv("tongbao", self.YEAR), {"title": "x"}).status_code, 404)

    def test_agency_staff_get_404_on_the_county_and_on_their_own_code(self):
        self.client.force_login(self.donghu_head)
        for name in self.VIEWS:
            with self.subTest(name):
                self.assertEqual(self.client.get(self.sv(name, self.YEAR)).status_code, 404)
                self.assertEqual(self.client.get(self.sv(name, self.YEAR, county=self.donghu)).status_code, 404)

    def test_anonymous_goes_to_login(self):
        for name in self.VIEWS:
            with self.subTest(name):
                response = self.client.get(self.sv(name, self.YEAR))
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("login"), response["Location"])
        response = self.client.post(self.sv("tongbao", self.YEAR), {"title": "x"})
        self.assertEqual(response.status_code, 302)
