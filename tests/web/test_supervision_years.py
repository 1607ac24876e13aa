"""One agency over the years (tables side by side, text diff, similarity) and the 雷同 matrix.

The reports are those of test_supervision_findings (worked out there): 西山镇 2024 结转下年度 2 and
2025 上年结转 5 (a carry-over mismatch), 本年新收 3 → 6, the same narrative both years (similarity
100%); 东湖镇's narratives of the two years share no sentence of their own; 县教育局's 2025 narrative is
东湖镇's word for word.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.web.supervision import copying, years
from gongkai.web.supervision.years import Segment

from .test_supervision_findings import DONGHU_2024, DONGHU_2025, D, FindingsCase


def line(history, path):
    for table in history.tables:
        for found in table.lines:
            if found.path == path:
                return found
    raise AssertionError(path)


class HistoryTest(FindingsCase):
    def test_tables_side_by_side_with_changes_and_the_carry_over_mismatch(self):
        h = years.history(self.xishan)
        self.assertEqual(h.years, [2024, 2025])
        carried_in = line(h, "applications.carried_in.natural_person")
        self.assertEqual([(v.text, v.changed, v.mismatch) for v in carried_in.values],
                         [("0", False, False), ("5", True, True)])  # 5 ≠ 2024's 结转下年度 2
        new = line(h, "applications.new.total")
        self.assertEqual([(v.text, v.changed, v.mismatch) for v in new.values], [("3", False, False),
                                                                                 ("6", True, False)])
        fees = line(h, "proactive.fees.amount")
        self.assertFalse(fees.any_change)
        self.assertIn("上年结转", carried_in.label)

    def test_donghu_carry_over_is_right(self):
        h = years.history(self.donghu)
        carried_in = line(h, "applications.carried_in.total")
        # 2024 上年结转 2, 2025 上年结转 3 = 2024 结转下年度 3: changed, but no mismatch.
        self.assertEqual([(v.text, v.changed, v.mismatch) for v in carried_in.values],
                         [("2", False, False), ("3", True, False)])

    def test_narrative_similarity_and_diff(self):
        (same,) = years.history(self.xishan).pairs
        self.assertEqual((same.before, same.after, same.score), (2024, 2025, 1.0))
        self.assertTrue(all(seg.op == "equal" for s in same.sections for seg in s.segments))
        (moved,) = years.history(self.donghu).pairs
        self.assertLess(moved.score, 0.1)  # two different texts, only section 五 in common
        first = moved.sections[0]
        self.assertEqual(first.heading, "一、总体情况")
        self.assertEqual("".join(s.text for s in first.segments if s.op == "delete"), DONGHU_2024)
        self.assertEqual("".join(s.text for s in first.segments if s.op == "insert"), DONGHU_2025)

    def test_sentence_diff_by_hand(self):
        self.assertEqual(years.diff("甲。乙。丙。", "甲。丁。丙。戊。"), (
            Segment("equal", "甲。"), Segment("delete", "乙。"), Segment("insert", "丁。"), Segment("equal", "丙。"),
            Segment("insert", "戊。")))

    def test_page_and_permission_stories(self):
        url = self.sv("agency_years", "xishan")
        self.client.force_login(self.supervisor)
        page = self.client.get(url).content.decode()
        self.assertIn("示范县西山镇人民政府 历年年度报告对照", page)
        self.assertIn('<strong class="mismatch" title="与上年结转下年度不一致">5</strong>', page)
        self.assertIn("2024年度 → 2025年度：正文相似度 100%", page)
        # An agency of another county through this county: 404.
        self.assertEqual(self.client.get(self.sv("agency_years", "nanling")).status_code, 404)
        for user in (self.other_supervisor, self.xishan_head, self.donghu_reviewer):
            self.client.force_login(user)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        response = self.client.get(url)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_an_agency_without_reports(self):
        self.client.force_login(self.other_supervisor)
        page = self.client.get(self.sv("agency_years", "nanling", county=self.other_county)).content.decode()
        self.assertIn("该机关尚无可对照的年度报告", page)


class CopyingTest(FindingsCase):
    def test_matrix_of_the_year(self):
        m = copying.matrix(self.county, 2025)
        self.assertEqual([a.code for a in m.agencies], ["shifan", "donghu", "jiaoyu", "xishan"])
        self.assertEqual(m.scores[(self.donghu.pk, self.jiaoyu.pk)], 1.0)
        self.assertEqual(m.scores[(self.jiaoyu.pk, self.donghu.pk)], 1.0)
        self.assertEqual([(p.first.code, p.second.code, p.score) for p in m.pairs], [("donghu", "jiaoyu", 1.0)])
        self.assertIn("建立了信息发布前的保密审查和内容审核制度。", "".join(m.pairs[0].passages))
        others = [v for (a, b), v in m.scores.items() if {a, b} != {self.donghu.pk, self.jiaoyu.pk}]
        self.assertEqual(len(others), 10)  # 4 agencies: 6 pairs, both orders, less the copied pair
        self.assertTrue(all(v < copying.THRESHOLD for v in others))
        self.assertEqual(m.missing, [])
        (row,) = [values for a, values in m.rows() if a == self.donghu]
        self.assertEqual(row[1], None)  # itself
        self.assertEqual(row[2], 1.0)

    def test_too_short_texts_are_not_compared(self):
        self.assertIsNone(copying.score("无", "无"))
        long = "甲乙丙丁戊己庚辛壬癸" * 10
        self.assertEqual(copying.score(long, long), 1.0)

    def test_page_and_permission_stories(self):
        url = self.sv("copying", 2025)
        self.client.force_login(self.supervisor)
        page = self.client.get(url).content.decode()
        self.assertIn("<strong>示范县东湖镇人民政府</strong> 与 <strong>示范县教育局</strong>：相似度 100%", page)
        self.assertEqual(page.count('class="similar"'), 2)
        for user in (self.other_supervisor, self.donghu_head):
            self.client.force_login(user)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        self.assertTrue(self.client.get(url)["Location"].startswith(reverse("login")))


class PlatformDraftTest(FindingsCase):
    """Two townships that kept the platform's own draft of section 一 (the figures in set sentences and
    the year's disclosures sentence) are not alike for that: only what they wrote themselves counts."""

    def test_the_platform_draft_is_template_wording(self):
        from gongkai.web.reports.assemble import draft_texts

        from .supervision_reports import publish, report

        own = ("本镇今年重点推进了村务公开栏的标准化改造，统一了公开栏的版面、栏目和更新频次，"
               "由镇纪委牵头每季度对各村公开情况开展一次交叉检查，检查结果纳入村干部年度考核。")
        for agency, new, disclosed in ((self.donghu, 7, "2026年，本机关未通过政府信息公开平台主动公开政府信息。"),
                                       (self.xishan, 9, "2026年，本机关主动公开政府信息12条，其中，政策文件12条。")):
            r = report(agency.name, 2026, new, 0, 0, "")
            first = draft_texts(r)[1] + disclosed
            publish(agency, report(agency.name, 2026, new, 0, 0, first), D(2027, 1, 8))
        m = copying.matrix(self.county, 2026)
        self.assertIsNone(m.scores[(self.donghu.pk, self.xishan.pk)])  # nothing of their own: too short
        for agency, new in ((self.donghu, 7), (self.xishan, 9)):
            r = report(agency.name, 2026, new, 0, 0, "")
            publish(agency, report(agency.name, 2026, new, 0, 0, draft_texts(r)[1] + own), D(2027, 1, 9))
        m = copying.matrix(self.county, 2026)
        self.assertEqual(m.scores[(self.donghu.pk, self.xishan.pk)], 1.0)  # the same own paragraph
        (pair,) = m.pairs
        self.assertEqual(pair.passages, (own, "本年度工作存在的问题是宣传不够，改进措施是加强培训。"))
