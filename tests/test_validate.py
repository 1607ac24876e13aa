"""Hand-written fixtures for every validator rule (CONTRACT.md's finding ids).

Each fixture is a small, realistic tab-separated report text built by ``build_report``: a title
line, the six section headings, the section 二 table, the 25-row (2021) or 23-row (2019) section
三 table with 7 columns, the 15 numbers of section 四 and a signature with a date. The default
report is consistent: one application from a natural person, granted, nothing carried over.

Expected values are worked out by hand; the arithmetic is stated next to each assertion.
"""

from __future__ import annotations

import re

from gongkai.report import Deadlines, Finding, ValidationConfig, check, parse_file, parse_text

ISSUER = "某某县某某局"

OVERVIEW = (
    "2021年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全年收到政府信息公开申请1件，"
    "均已按时答复，未发生行政复议和行政诉讼。"
)

# (row key, label as printed, possibly with the group label in a leading cell)
_HEAD_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开\t1.属于国家秘密"),
    ("denied.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_information", "6.属于四类过程性信息"),
    ("denied.enforcement_files", "7.属于行政执法案卷"),
    ("denied.administrative_query", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供\t1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.still_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.complaint", "（五）不予处理\t1.信访举报投诉类申请"),
    ("not_processed.duplicate", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
_OTHER_2021 = [
    ("other.no_supplement", "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
]
_OTHER_2019 = [("other", "（六）其他处理")]
_TAIL_ROWS = [("total", "（七）总计"), ("carried_out", "四、结转下年度继续办理")]

# The 21 outcome rows of the 2021 format (（一）…（六）), in order.
OUTCOMES_2021 = [key for key, _ in _HEAD_ROWS[3:] + _OTHER_2021]

PROACTIVE_2021 = [
    "第二十条第（一）项",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0",
    "行政规范性文件\t1\t0\t2",
    "第二十条第（五）项",
    "信息内容\t本年处理决定数量",
    "行政许可\t10",
    "第二十条第（六）项",
    "信息内容\t本年处理决定数量",
    "行政处罚\t3",
    "行政强制\t0",
    "第二十条第（八）项",
    "信息内容\t本年收费金额（单位：万元）",
    "行政事业性收费\t0",
]

PROACTIVE_2019 = [
    "第二十条第（一）项",
    "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
    "规章\t0\t0\t0",
    "规范性文件\t1\t1\t5",
    "第二十条第（五）项",
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
    "行政许可\t12\t-2\t10",
    "其他对外管理服务事项\t0\t0\t0",
    "第二十条第（六）项",
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
    "行政处罚\t5\t0\t3",
    "行政强制\t0\t0\t0",
    "第二十条第（八）项",
    "信息内容\t上一年项目数量\t本年增/减",
    "行政事业性收费\t0\t0",
    "第二十条第（九）项",
    "信息内容\t采购项目数量\t采购总金额",
    "政府集中采购\t2\t35.6",
]

ZERO_ROW = "0 0 0 0 0 0 0"
# One application from a natural person, granted: natural_person 1, total 1, all else 0.
ONE_ROW = "1 0 0 0 0 0 1"
DEFAULT_APPS = {"new": ONE_ROW, "granted": ONE_ROW, "total": ONE_ROW}
ZERO_APPEALS = "0 0 0 0 0  0 0 0 0 0  0 0 0 0 0"


def build_report(
    *,
    issuer: str = ISSUER,
    year: int = 2021,
    published: str = "2022年1月20日",
    overview: str = OVERVIEW,
    apps: dict[str, str | list[str]] | None = None,
    appeals: str = ZERO_APPEALS,
    proactive: list[str] | None = None,
    layout: str = "2021",
    drop_sections: frozenset[int] = frozenset(),
) -> str:
    """A full report text; ``apps`` maps a row key to its 7 cells ("1 0 0 0 0 0 1" or a list)."""
    rows = {**DEFAULT_APPS, **(apps or {})}
    if proactive is None:
        proactive = PROACTIVE_2021 if layout == "2021" else PROACTIVE_2019
    other = _OTHER_2021 if layout == "2021" else _OTHER_2019

    sections: dict[int, list[str]] = {
        1: ["一、总体情况", overview],
        2: ["二、主动公开政府信息情况", *proactive],
        3: [
            "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
            "\t自然人\t法人或其他组织\t\t\t\t\t总计",
            "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
        ],
        4: [
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t行政诉讼",
            "\t未经复议直接起诉\t复议后起诉",
            "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3),
            "\t".join(appeals.split()),
        ],
        5: [
            "五、存在的主要问题及改进情况",
            "一是公开内容不够全面，二是解读形式较为单一。下一步将加强培训，提升公开质量。",
        ],
        6: ["六、其他需要报告的事项", "本年度未收取信息处理费。"],
    }
    for key, label in _HEAD_ROWS + other + _TAIL_ROWS:
        if key is None:
            sections[3].append(label)
            continue
        cells = rows.get(key, ZERO_ROW)
        if isinstance(cells, str):
            cells = cells.split()
        assert len(cells) == 7, key
        sections[3].append(label + "\t" + "\t".join(cells))

    lines = [f"{issuer}{year}年政府信息公开工作年度报告", ""]
    for number in range(1, 7):
        if number not in drop_sections:
            lines.extend(sections[number])
    lines += ["", issuer, published]
    return "\n".join(lines) + "\n"


def run(text: str, config: ValidationConfig | None = None):
    return check(parse_text(text), config)


def of(report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_chinese(finding: Finding) -> None:
    assert _CJK.search(finding.message), finding.message


def apps_paths(row: str) -> tuple[str, ...]:
    cols = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
    return tuple(f"applications.{row}.{c}" for c in cols)


# --- the fixture itself ---------------------------------------------------------------------------


def test_it_parses_the_default_fixture_without_any_finding():
    report = run(build_report())
    assert (report.issuer, report.year, report.format) == (ISSUER, 2021, "2021")
    assert report.published_on.isoformat() == "2022-01-20"
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]
    assert report.applications.value("new", "total") == 1
    assert report.appeals.value("litigation_after_reconsideration", "total") == 0
    assert report.findings == []


# --- balance --------------------------------------------------------------------------------------


def test_it_reports_balance_when_new_plus_carried_in_differs_from_total_plus_carried_out():
    # new natural_person 2, carried_in 0: left 2+0 = 2; total 1, carried_out 0: right 1+0 = 1.
    # The same in the 总计 column (2 vs 1). Other columns are 0+0 = 0+0.
    report = run(build_report(apps={"new": "2 0 0 0 0 0 2"}, overview="本年度政府信息公开工作总体运行平稳。"))
    found = of(report, "balance")
    assert [f.severity for f in found] == ["error", "error"]
    assert found[0].cells == (
        "applications.new.natural_person",
        "applications.carried_in.natural_person",
        "applications.total.natural_person",
        "applications.carried_out.natural_person",
    )
    assert found[1].cells == (
        "applications.new.total",
        "applications.carried_in.total",
        "applications.total.total",
        "applications.carried_out.total",
    )
    assert "自然人" in found[0].message and "2" in found[0].message
    for f in found:
        assert_chinese(f)


def test_it_accepts_balance_when_the_surplus_is_carried_out():
    # new 2 + carried_in 0 = 2 = total 1 + carried_out 1, in natural_person and 总计.
    report = run(
        build_report(
            apps={"new": "2 0 0 0 0 0 2", "carried_out": "1 0 0 0 0 0 1"},
            overview="本年度政府信息公开工作总体运行平稳。",
        )
    )
    assert report.findings == []


# --- row_total ------------------------------------------------------------------------------------


def test_it_reports_row_total_when_a_rows_total_differs_from_its_six_applicant_columns():
    # carried_in: 1+1+0+0+0+0 = 2 but 总计 printed 3.
    report = run(build_report(apps={"carried_in": "1 1 0 0 0 0 3"}))
    found = of(report, "row_total")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].cells == apps_paths("carried_in")
    assert "总计为 3" in found[0].message and "之和为 2" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_row_total_when_every_row_adds_up():
    # carried_in 1+1 = 2 = 总计 2; carried out the same so that balance holds too:
    # natural_person 1+1 = 1+1, commercial 0+1 = 0+1, 总计 1+2 = 1+2.
    report = run(build_report(apps={"carried_in": "1 1 0 0 0 0 2", "carried_out": "1 1 0 0 0 0 2"}))
    assert of(report, "row_total") == []
    assert report.findings == []


# --- outcome_total --------------------------------------------------------------------------------


def test_it_reports_outcome_total_when_the_outcome_rows_do_not_sum_to_row_seven():
    # granted natural_person 2 (all other outcome rows 0): sum 2, but （七）总计 natural_person 1.
    # Same in the 总计 column: 2 vs 1. Balance: new 1 + 0 = total 1 + 0 still holds.
    report = run(build_report(apps={"granted": "2 0 0 0 0 0 2"}))
    found = of(report, "outcome_total")
    assert [f.severity for f in found] == ["error", "error"]
    natural, total = found
    # 21 outcome rows (（一）,（二）: 2; 8 denied; 3 unable; 5 not processed; 3 other: 2+8+3+5+3 = 21)
    # + （七）总计 = 22. (Rows of the table: new, carried_in, 21, total, carried_out = 25.)
    assert len(natural.cells) == 22
    assert natural.cells == (
        *(f"applications.{r}.natural_person" for r in OUTCOMES_2021),
        "applications.total.natural_person",
    )
    assert natural.cells[0] == "applications.granted.natural_person"
    assert "applications.other.other.natural_person" in natural.cells
    assert total.cells[-1] == "applications.total.total"
    assert "总计为 1" in natural.message and "之和为 2" in natural.message
    assert of(report, "balance") == []
    for f in found:
        assert_chinese(f)


def test_it_accepts_outcome_total_when_outcomes_are_spread_over_several_rows():
    # new 3 natural persons: granted 1 + partial 1 + unable.not_held 1 = 3 = （七）总计 3;
    # balance 3 + 0 = 3 + 0.
    report = run(
        build_report(
            apps={
                "new": "3 0 0 0 0 0 3",
                "granted": ONE_ROW,
                "partial": ONE_ROW,
                "unable.not_held": ONE_ROW,
                "total": "3 0 0 0 0 0 3",
            },
            overview="本年度政府信息公开工作总体运行平稳。",
        )
    )
    assert report.findings == []


# --- appeal_total ---------------------------------------------------------------------------------


def test_it_reports_appeal_total_when_a_group_total_differs_from_its_four_results():
    # 复议后起诉: upheld 1 + corrected 0 + other 0 + pending 1 = 2, but 总计 printed 3.
    report = run(
        build_report(appeals="0 0 0 0 0  0 0 0 0 0  1 0 0 1 3", overview="本年度政府信息公开工作总体运行平稳。")
    )
    found = of(report, "appeal_total")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].cells == tuple(
        f"appeals.litigation_after_reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")
    )
    assert "总计为 3" in found[0].message and "之和为 2" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_appeal_total_when_each_group_adds_up():
    # 行政复议 1+1+0+0 = 2; 直接起诉 0+0+1+0 = 1; 复议后起诉 0+0+0+1 = 1.
    report = run(
        build_report(appeals="1 1 0 0 2  0 0 1 0 1  0 0 0 1 1", overview="本年度政府信息公开工作总体运行平稳。")
    )
    assert of(report, "appeal_total") == []
    assert report.findings == []


# --- non_negative ---------------------------------------------------------------------------------


def test_it_reports_a_negative_count_as_non_negative():
    proactive = [line.replace("行政许可\t10", "行政许可\t-3") for line in PROACTIVE_2021]
    report = run(build_report(proactive=proactive))
    found = of(report, "non_negative")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].cells == ("proactive.licensing.decisions",)
    assert "-3" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_a_negative_change_in_the_2019_format():
    # 2020 report, 2019 format: 行政许可 本年增/减 -2 is a delta and may be negative.
    report = run(build_report(year=2020, published="2021年1月20日", layout="2019",
                              overview="本年度政府信息公开工作总体运行平稳。"))
    assert report.format == "2019"
    assert report.proactive.value("licensing", "change") == -2
    assert of(report, "non_negative") == []
    assert report.findings == []


# --- missing_cell ---------------------------------------------------------------------------------


def test_it_reports_a_blank_cell_as_a_missing_cell_error():
    report = run(build_report(apps={"carried_out": ["0", "", "0", "0", "0", "0", "0"]}))
    found = of(report, "missing_cell")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].cells == ("applications.carried_out.commercial",)
    assert report.applications.value("carried_out", "commercial") is None
    # The blank is reported once, not as a cascade of wrong sums.
    assert [f.rule for f in report.findings] == ["missing_cell"]
    assert_chinese(found[0])


def test_it_reports_a_dash_placeholder_as_a_missing_cell_warning():
    report = run(build_report(apps={"carried_out": ["0", "—", "0", "0", "0", "0", "0"]}))
    found = of(report, "missing_cell")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].cells == ("applications.carried_out.commercial",)
    assert "—" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_every_cell_filled():
    assert of(run(build_report()), "missing_cell") == []


# --- missing_section ------------------------------------------------------------------------------


def test_it_reports_a_missing_text_section_as_a_warning():
    report = run(build_report(drop_sections=frozenset({5})))
    found = of(report, "missing_section")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert "第五部分" in found[0].message
    assert found[0].cells == ()
    assert_chinese(found[0])


def test_it_reports_a_missing_table_section_as_an_error():
    report = run(build_report(drop_sections=frozenset({4})))
    assert report.appeals is None
    found = of(report, "missing_section")
    assert found
    assert {f.severity for f in found} == {"error"}
    assert any("第四部分" in f.message for f in found)
    for f in found:
        assert_chinese(f)


def test_it_accepts_all_six_sections():
    assert of(run(build_report()), "missing_section") == []


def test_it_does_not_take_a_short_overview_sentence_for_the_section_four_heading():
    report = run(build_report(overview="本年度未发生政府信息公开行政复议、行政诉讼案件。"))
    assert of(report, "missing_section") == []
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]


# --- format_mismatch ------------------------------------------------------------------------------


def test_it_reports_a_2022_report_in_the_2019_layout_as_an_error():
    report = run(build_report(year=2022, published="2023年1月20日", layout="2019",
                              overview="本年度政府信息公开工作总体运行平稳。"))
    assert report.format == "2019"
    found = of(report, "format_mismatch")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert "2022" in found[0].message and "2021年版" in found[0].message and "2019年版" in found[0].message
    assert_chinese(found[0])


def test_it_reports_a_2020_report_in_the_2021_layout_as_a_warning():
    report = run(build_report(year=2020, published="2021年1月20日", overview="本年度政府信息公开工作总体运行平稳。"))
    assert report.format == "2021"
    found = of(report, "format_mismatch")
    assert [f.severity for f in found] == ["warning"]
    assert_chinese(found[0])


def test_it_accepts_a_2022_report_in_the_2021_layout():
    report = run(build_report(year=2022, published="2023年1月20日", overview="本年度政府信息公开工作总体运行平稳。"))
    assert report.findings == []


# --- late_publication -----------------------------------------------------------------------------


def test_it_reports_a_department_report_dated_after_31_january_as_an_error():
    report = run(build_report(published="2022年2月1日"))
    found = of(report, "late_publication")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert "2022-02-01" in found[0].message and "2022-01-31" in found[0].message
    assert "政府部门" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_a_department_report_dated_31_january():
    assert of(run(build_report(published="2022年1月31日")), "late_publication") == []


def test_it_accepts_a_county_government_report_dated_31_march():
    report = run(build_report(issuer="某某县人民政府", published="2022年3月31日"))
    assert report.issuer == "某某县人民政府"
    assert of(report, "late_publication") == []


def test_it_reports_a_county_government_report_dated_1_april_as_an_error():
    report = run(build_report(issuer="某某县人民政府", published="2022年4月1日"))
    found = of(report, "late_publication")
    assert [f.severity for f in found] == ["error"]
    assert "2022-03-31" in found[0].message and "县级以上人民政府" in found[0].message
    assert_chinese(found[0])


def test_it_reports_a_late_township_report_as_a_warning_by_default():
    # Default township deadline 1-31: 2022-02-01 is one day late; a local rule, so a warning.
    report = run(build_report(issuer="某某县某某镇人民政府", published="2022年2月1日"))
    found = of(report, "late_publication")
    assert [f.severity for f in found] == ["warning"]
    assert "2022-01-31" in found[0].message and "乡镇" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_a_township_report_within_a_configured_deadline():
    config = ValidationConfig(Deadlines(township=(2, 28)))
    report = run(build_report(issuer="某某县某某镇人民政府", published="2022年2月1日"), config)
    assert of(report, "late_publication") == []


def test_it_reports_a_township_report_after_a_configured_deadline():
    config = ValidationConfig(Deadlines(township=(2, 28)))
    report = run(build_report(issuer="某某县某某镇人民政府", published="2022年3月1日"), config)
    found = of(report, "late_publication")
    assert [f.severity for f in found] == ["warning"]
    assert "2022-02-28" in found[0].message


def test_it_does_not_apply_the_township_deadline_to_a_department():
    # A configured township deadline of 2-28 leaves departments at 1-31: 2022-02-01 is late.
    config = ValidationConfig(Deadlines(township=(2, 28)))
    report = run(build_report(published="2022年2月1日"), config)
    assert [f.severity for f in of(report, "late_publication")] == ["error"]


def test_it_warns_about_a_date_before_the_end_of_the_report_year():
    report = run(build_report(published="2021年12月30日"))
    found = of(report, "late_publication")
    assert [f.severity for f in found] == ["warning"]
    assert "2021-12-30" in found[0].message
    assert_chinese(found[0])


# --- narrative_mismatch ---------------------------------------------------------------------------


def test_it_reports_a_stated_application_count_that_contradicts_the_table():
    # Text says 3, table new.total is 1.
    overview = "2021年，本局收到政府信息公开申请3件，均已按时答复。"
    report = run(build_report(overview=overview))
    found = of(report, "narrative_mismatch")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].cells == ("applications.new.total",)
    assert "3" in found[0].message and "1" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_a_stated_application_count_that_matches_the_table():
    overview = "2021年，本局收到政府信息公开申请1件，均已按时答复。"
    assert of(run(build_report(overview=overview)), "narrative_mismatch") == []


def test_it_reports_a_proactive_breakdown_that_does_not_add_up():
    # 通知公告 4 + 政策文件 5 = 9, but the total stated is 10.
    overview = "2021年，本局主动公开政府信息10条，其中，通知公告4条，政策文件5条。"
    report = run(build_report(overview=overview))
    found = of(report, "narrative_mismatch")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].cells == ()
    assert "10" in found[0].message and "9" in found[0].message
    assert_chinese(found[0])


def test_it_accepts_a_proactive_breakdown_that_adds_up():
    # 4 + 6 = 10.
    overview = "2021年，本局主动公开政府信息10条，其中，通知公告4条，政策文件6条。"
    assert of(run(build_report(overview=overview)), "narrative_mismatch") == []


def test_it_reports_a_stated_reconsideration_that_contradicts_the_table():
    # The default text says 未发生行政复议 (0); the table's 行政复议 总计 is 1 (1+0+0+0 = 1).
    report = run(build_report(appeals="1 0 0 0 1  0 0 0 0 0  0 0 0 0 0"))
    found = of(report, "narrative_mismatch")
    assert [f.cells for f in found] == [("appeals.reconsideration.total",)]
    assert found[0].severity == "warning"


def test_it_reads_the_stated_count_even_when_a_later_clause_says_no_appeal_followed_an_application():
    overview = "2021年，本局收到政府信息公开申请1件，未发生因政府信息公开申请引发的行政复议、行政诉讼。"
    assert of(run(build_report(overview=overview)), "narrative_mismatch") == []


def test_check_is_pure_and_repeatable():
    # Seed 001 has blank cells and so validator findings; checking twice must not add them twice,
    # and the parsed report keeps only the parser's own findings.
    from tests.conftest import SEEDS

    parsed = parse_file(str(SEEDS[1]))
    before = list(parsed.findings)
    once = check(parsed)
    twice = check(once)
    assert parsed.findings == before
    assert len(once.findings) > len(before)
    assert [f.rule for f in twice.findings] == [f.rule for f in once.findings]
    assert check(parsed).findings == once.findings
