"""County figures: sums, shares, 纠错率, the platform's counts, rankings with the small-sample guard, the
county's own report against its members, and the page (charts without a CDN, no personal data).
The data and the hand-worked numbers: tests/web/supervision_figures_data.py."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from gongkai.corpus import measures
from gongkai.report import schema
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, State
from gongkai.web.supervision import figures as F
from gongkai.web.supervision import filing
from gongkai.web.supervision.models import CountyRules

from .supervision_base import SupervisionTestCase, make_ready
from .supervision_figures_data import PERSONAL, FiguresTestCase


class CountySumsTestCase(FiguresTestCase):
    def setUp(self):
        self.f = F.county_figures(self.county, self.YEAR)
        self.by_code = {m.agency.code: m for m in self.f.members}

    def test_members_are_the_agencies_below_the_county_and_not_the_other_county(self):
        self.assertEqual(list(self.by_code), ["beishan", "donghu", "jiaoyu", "nanshan", "xishan"])
        self.assertEqual(self.f.own.agency, self.county)
        self.assertEqual([m.agency.code for m in self.f.missing], ["nanshan"])

    def test_section_three_and_four_summed_over_the_members(self):
        s = self.f.sums
        # 新收 40 + 12 + 20 + 6 = 78 (南山 has no report, the county's own 80 is not added);
        # 上年结转: only 东湖 filled it (2), the blank cells add nothing.
        self.assertEqual((s["new"], s["carried_in"], s["total"]), (78, 2, 78))
        # 予以公开 20+9+10+3 = 42, 部分公开 6+0+3+1 = 10, 不予公开 2+2 = 4, 无法提供 8+3+5 = 16,
        # 不予处理 2+2 = 4, 其他处理 2: together 78 = 总计.
        self.assertEqual([s[k] for k in F.OUTCOMES], [42, 10, 4, 16, 4, 2])
        # 复议 5 + 12 + 10 = 27, of them 纠正 1 + 3 + 1 = 5; 诉讼 2 (东湖 直接起诉) + 2 (西山 复议后起诉) = 4, 纠正 1.
        self.assertEqual((s["reconsideration"], s["rec_corrected"], s["litigation"], s["lit_corrected"]),
                         (27, 5, 4, 1))
        self.assertEqual(s["fees"], 1.5)

    def test_shares_as_the_corpus_defines_them(self):
        # 公开率 (42 + 10) / 78 = 0.66667; 复议纠错率 5 / closed (4 + 12 + 10 = 26) = 0.19231 (东湖's
        # pending case is not closed); 诉讼纠错率 1 / (2 + 2) = 0.25.
        self.assertEqual(self.f.shares["disclosed_rate"], 0.6667)
        self.assertEqual(self.f.shares["reconsideration_corrected_rate"], 0.1923)
        self.assertEqual(self.f.shares["litigation_corrected_rate"], 0.25)
        # Per agency: 东湖 26/40, 西山 9/12, 北山 13/20, 教育局 4/6; 南山 none.
        self.assertEqual({c: m.shares["disclosed_rate"] for c, m in self.by_code.items()},
                         {"donghu": 0.65, "xishan": 0.75, "beishan": 0.65, "jiaoyu": 0.6667, "nanshan": None})

    def test_platform_counts_of_the_year(self):
        # 西山: 10 received in 2025, 2 answered late, 1 open with its deadline (2025-12-01) before today.
        self.assertEqual(self.by_code["xishan"].platform, {"applications": 10, "overdue_open": 1,
                                                           "answered_late": 2, "disclosed": 0,
                                                           "late_disclosures": 0})
        # 东湖: 3 of 2025 (the 2024 one is not counted), 1 late, 1 overdue, 1 open but due 2026-02-02;
        # 2 documents first published in 2025, 1 of them after 20 working days. 西山's late one is of 2024.
        self.assertEqual(self.by_code["donghu"].platform, {"applications": 3, "overdue_open": 1,
                                                           "answered_late": 1, "disclosed": 2,
                                                           "late_disclosures": 1})
        self.assertEqual(self.f.platform, {"applications": 13, "overdue_open": 2, "answered_late": 3,
                                           "disclosed": 2, "late_disclosures": 1})

    def test_own_report_is_not_compared_unless_the_county_says_it_aggregates(self):
        # The county's own 80 new is its own line (本级), never a difference of 2 against the members' 78.
        self.assertEqual((self.f.own_aggregates, self.f.comparison), (False, []))
        self.assertEqual(self.f.own.sums["new"], 80)
        self.client.force_login(self.supervisor)
        page = self.client.get(self.sv("figures", self.YEAR)).content.decode()
        self.assertIn('id="own-not-compared"', page)
        self.assertNotIn('class="comparison"', page)

    def test_own_report_against_the_members(self):
        CountyRules.objects.create(county=self.county, own_report_aggregates=True)
        f = F.county_figures(self.county, self.YEAR)
        self.assertTrue(f.own_aggregates)
        rows = {c.key: c for c in f.comparison}
        self.assertEqual((rows["new"].own, rows["new"].members, rows["new"].difference), (80, 78, 2))
        self.assertEqual(rows["total"].difference, 0)
        # The county left 不予公开 blank: no difference can be stated.
        self.assertEqual((rows["denied"].own, rows["denied"].members, rows["denied"].difference), (None, 4, None))


class QueryCountTestCase(FiguresTestCase):
    def test_seven_queries_whatever_the_countys_size(self):
        # supervised (1), reports_of (versions, filings, external: 3), platform counts (2), the county's
        # rule on its own report (1).
        with self.assertNumQueries(7):
            F.county_figures(self.county, self.YEAR)
        for i in range(5):
            Agency.objects.create(name=f"示范县西山镇第{i}村", code=f"cun{i}", level="township", parent=self.xishan)
        with self.assertNumQueries(7):
            f = F.county_figures(self.county, self.YEAR)
        self.assertEqual(len(f.members), 10)  # the villages below 西山镇 are supervised too


class AssembledReportsTestCase(SupervisionTestCase):
    """Reports the platform assembles from the townships' own application records, filed with the office."""

    def register(self, agency, user, received, outcome="", replied=None, kind="natural_person"):
        app = services.register(agency, user, channel="in_person", received_on=received, applicant_type=kind,
                                applicant_name=PERSONAL[0], id_number=PERSONAL[1], phone=PERSONAL[2],
                                address=PERSONAL[3], description="道路建设项目的招标文件")
        if outcome:
            Application.objects.filter(pk=app.pk).update(state=State.ARCHIVED, outcome=outcome, replied_on=replied,
                                                         due_on=None)
        else:
            Application.objects.filter(pk=app.pk).update(due_on=dt.date(2025, 12, 29))
        return app

    def test_sums_of_assembled_reports_follow_the_records(self):
        d = dt.date
        # 东湖: 3 received, answered 予以公开, 予以公开, 部分公开. 西山: 3 received, 予以公开 and
        # 无法提供 (不掌握) answered, one still open (due 2025-12-29, before today 2026-01-20).
        for outcome in ("granted", "granted", "partial"):
            self.register(self.donghu, self.donghu_head, d(2025, 3, 3), outcome, d(2025, 3, 20))
        self.register(self.xishan, self.xishan_head, d(2025, 4, 1), "granted", d(2025, 4, 10), kind="commercial")
        self.register(self.xishan, self.xishan_head, d(2025, 4, 2), "unable.not_held", d(2025, 4, 11))
        self.register(self.xishan, self.xishan_head, d(2025, 12, 1))
        for agency, user in ((self.donghu, self.donghu_head), (self.xishan, self.xishan_head)):
            make_ready(agency, user)
            filing.submit(agency, self.YEAR, user)
        f = F.county_figures(self.county, self.YEAR)
        # 新收 3 + 3 = 6; 总计 (answered) 3 + 2 = 5; 予以公开 2 + 1 = 3, 部分公开 1, 无法提供 1;
        # 结转下年度 0 + 1 = 1 (一 + 二 = 总计 + 四: 6 + 0 = 5 + 1). 公开率 (3 + 1) / 5 = 0.8.
        self.assertEqual((f.sums["new"], f.sums["total"], f.sums["granted"], f.sums["partial"], f.sums["unable"],
                          f.sums["carried_out"]), (6, 5, 3, 1, 1, 1))
        self.assertEqual(f.shares["disclosed_rate"], 0.8)
        # No appeals on the platform: 复议 and 诉讼 are 0 (filled cells), so no 纠错率 can be stated.
        self.assertEqual((f.sums["reconsideration"], f.shares["reconsideration_corrected_rate"]), (0, None))
        self.assertEqual((f.platform["applications"], f.platform["overdue_open"]), (6, 1))
        self.assertEqual([m.agency.code for m in f.missing], ["jiaoyu"])
        self.assertEqual({m.agency.code: m.source for m in f.reported}, {"donghu": "报送第1次", "xishan": "报送第1次"})


class RankingTestCase(FiguresTestCase):
    def setUp(self):
        self.r = {r.key: r for r in F.county_figures(self.county, self.YEAR).rankings}

    @staticmethod
    def names(rows):
        return [row.agency.code for row in rows]

    def ranked(self, key):
        return [(place, row.agency.code, value, base) for place, row, value, base in self.r[key].ranked]

    def test_the_guard_is_ten(self):
        self.assertEqual(F.RANK_MIN_BASE, 10)

    def test_disclosed_rate_ranking_with_a_tie_and_a_small_sample(self):
        # 西山 0.75 first; 北山 and 东湖 both 0.65: both second (北山 listed first by code);
        # 教育局 handled 6 < 10: 样本过少; 南山 has no report.
        self.assertEqual(self.ranked("disclosed_rate"),
                         [(1, "xishan", 0.75, 12), (2, "beishan", 0.65, 20), (2, "donghu", 0.65, 40)])
        self.assertEqual(self.names(self.r["disclosed_rate"].too_small), ["jiaoyu"])
        self.assertEqual(self.names(self.r["disclosed_rate"].no_data), ["nanshan"])

    def test_reconsideration_ranking_guards_on_closed_cases(self):
        # 西山 3/12 = 0.25, 北山 1/10 = 0.1 (a base of exactly 10 is ranked); 东湖 closed only 4 (its 5th
        # case is pending): too small; 教育局 filled no section 四 cells, 南山 has no report.
        self.assertEqual(self.ranked("reconsideration_corrected_rate"),
                         [(1, "xishan", 0.25, 12), (2, "beishan", 0.1, 10)])
        self.assertEqual(self.names(self.r["reconsideration_corrected_rate"].too_small), ["donghu"])
        self.assertEqual(self.names(self.r["reconsideration_corrected_rate"].no_data), ["jiaoyu", "nanshan"])

    def test_litigation_nobody_reaches_the_guard(self):
        self.assertEqual(self.ranked("litigation_corrected_rate"), [])
        self.assertEqual(self.names(self.r["litigation_corrected_rate"].too_small), ["donghu", "xishan"])

    def test_overdue_ranking_on_the_platform_records(self):
        # 西山 2 late + 1 overdue = 3 of 10 received: ranked; 东湖 2 of 3: too small; the others received none.
        self.assertEqual(self.ranked("overdue"), [(1, "xishan", 3, 10)])
        self.assertEqual(self.names(self.r["overdue"].too_small), ["donghu"])
        self.assertEqual(self.names(self.r["overdue"].no_data), ["beishan", "jiaoyu", "nanshan"])

    def test_every_ranking_states_its_definition(self):
        self.assertIn("（予以公开 + 部分公开）÷ 办理结果总计", self.r["disclosed_rate"].definition)
        self.assertIn("结果维持 + 结果纠正 + 其他结果", self.r["reconsideration_corrected_rate"].definition)


class FiguresPageTestCase(FiguresTestCase):
    def setUp(self):
        # The county's own report is an aggregate here, so the page compares it with the members.
        CountyRules.objects.create(county=self.county, own_report_aggregates=True)
        self.client.force_login(self.supervisor)
        self.response = self.client.get(self.sv("figures", self.YEAR))
        self.html = self.response.content.decode()

    def test_page_shows_the_sums_shares_rankings_and_guard(self):
        self.assertEqual(self.response.status_code, 200)
        self.assertContains(self.response, "所辖机关合计")
        self.assertContains(self.response, "66.7%")  # the county's 公开率 0.6667
        self.assertContains(self.response, "19.2%")  # its 复议纠错率 0.1923
        self.assertContains(self.response, "样本过少，不参与排名")
        self.assertContains(self.response, "（予以公开 + 部分公开）÷ 办理结果总计")
        self.assertContains(self.response, "差额（本级 − 合计）")
        self.assertNotContains(self.response, "邻县南岭镇人民政府")
        self.assertNotIn("999", re.sub(r"<svg.*?</svg>", "", self.html, flags=re.S))

    def test_charts_are_inline_svg_with_title_and_desc_and_nothing_fetched(self):
        svgs = re.findall(r"<svg .*?</svg>", self.html, flags=re.S)
        self.assertEqual(len(svgs), 4)  # new applications, outcomes, 公开率 (ranked ones), overdue
        for svg in svgs:
            self.assertIn('role="img"', svg)
            self.assertRegex(svg, r"<title id=\"[^\"]+-title\">[^<]+</title><desc id=\"[^\"]+-desc\">[^<]+</desc>")
        self.assertIn("各机关公开率", self.html)
        self.assertNotRegex(self.html, r"<script[^>]+src=|<link[^>]+href=\"https?://|cdn")

    def test_no_personal_data_on_the_page(self):
        for value in (*PERSONAL, "道路建设项目的招标文件"):
            self.assertNotIn(value, self.html)


@pytest.mark.parametrize("pattern", sorted({p for ps in measures.SUMS.values() for p in ps}))
def test_measures_match_cell_paths_as_sql_like_does(pattern):
    """The Python matching of the platform and DuckDB's LIKE of the corpus select the same cells."""
    paths = sorted({*schema.APPLICATIONS_2021.cell_paths(), *schema.APPLICATIONS_2019.cell_paths(),
                    *schema.APPEALS.cell_paths(), *schema.PROACTIVE_2021.cell_paths(),
                    *schema.PROACTIVE_2019.cell_paths(), "pre2019.applications_received.total",
                    "appeals.litigationXdirect.total", "applications.other.total"})
    con = duckdb.connect()
    con.execute("CREATE TABLE p (path VARCHAR)")
    con.executemany("INSERT INTO p VALUES (?)", [(p,) for p in paths])
    sql = [r[0] for r in con.execute("SELECT path FROM p WHERE path LIKE ? ORDER BY path", [pattern]).fetchall()]
    assert [p for p in paths if measures.matches(pattern, p)] == sql
    assert sql  # every pattern selects something


def test_other_outcomes_are_summed_in_both_formats():
    """（六）其他处理 is three rows in the 2021 format and one in the 2019 format: both are counted."""
    new = {"applications.other.no_supplement.total": 1, "applications.other.unpaid_fee.total": 2,
           "applications.other.other.total": 4, "applications.other.other.natural_person": 4}
    assert measures.sums_of(new)["other"] == 7  # 1 + 2 + 4, the column 自然人 not counted
    old = {"applications.other.total": 5, "applications.other.commercial": 5, "applications.total.total": 20}
    sums = measures.sums_of(old)
    assert (sums["other"], measures.shares(sums)["other_rate"], measures.shares(sums, min_base=1)["other_rate"]) \
        == (5, None, 0.25)  # 5 / 20, given only when the base reaches min_base (30 by default)
