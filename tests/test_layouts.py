"""One test per real-world table layout feature, on small hand-written fixtures.

Each fixture mirrors a layout seen in the seed reports (tests/data/seeds); every expected value
below was read off the fixture by hand, never produced by the parser.
"""

from __future__ import annotations

from datetime import date

from gongkai.report import check, parse_bytes, parse_text, report_json

# --- fixture pieces ------------------------------------------------------------------------------

ISSUER = "阿合奇县库兰萨日克乡人民政府"
ZERO = ["0"] * 7
BLANK = [""] * 7

APP_LABELS_HEAD = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "1.属于国家秘密"),
    ("denied.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_information", "6.属于四类过程性信息"),
    ("denied.enforcement_files", "7.属于行政执法案卷"),
    ("denied.administrative_query", "8.属于行政查询事项"),
    ("unable.not_held", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.still_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.complaint", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
APP_LABELS_OTHER_2021 = [
    ("other.no_supplement", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
]
APP_LABELS_TAIL = [("total", "（七）总计"), ("carried_out", "四、结转下年度继续办理")]
APP_LABELS_2021 = APP_LABELS_HEAD + APP_LABELS_OTHER_2021 + APP_LABELS_TAIL
APP_LABELS_2019 = [*APP_LABELS_HEAD, ("other", "（六）其他处理"), *APP_LABELS_TAIL]

# A balanced table: 一 (2,1,…,3) + 二 (0) = （七） (2,1,…,3) + 四 (0); （一）+（二） = （七）.
APP_VALUES = {
    "new": ["2", "1", "0", "0", "0", "0", "3"],
    "granted": ["1", "1", "0", "0", "0", "0", "2"],
    "partial": ["1", "0", "0", "0", "0", "0", "1"],
    "total": ["2", "1", "0", "0", "0", "0", "3"],
}
APP_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]

PROACTIVE_2021 = [
    ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "1", "2", "3"],
    ["行政规范性文件", "4", "5", "6"],
    ["第二十条第（五）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政许可", "7", "", ""],
    ["第二十条第（六）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政处罚", "8", "", ""],
    ["行政强制", "9", "", ""],
    ["第二十条第（八）项", "", "", ""],
    ["信息内容", "本年收费金额（单位：万元）", "", ""],
    ["行政事业性收费", "1.5", "", ""],
]
PROACTIVE_2019 = [
    ["第二十条第（一）项"],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "0", "0", "0"],
    ["规范性文件", "1", "1", "3"],
    ["第二十条第（五）项"],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "10", "-2", "5"],
    ["其他对外管理服务事项", "0", "0", "0"],
    ["第二十条第（六）项"],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政处罚", "3", "1", "4"],
    ["行政强制", "0", "0", "0"],
    ["第二十条第（八）项"],
    ["信息内容", "上一年项目数量", "本年增/减"],
    ["行政事业性收费", "2", "0"],
    ["第二十条第（九）项"],
    ["信息内容", "采购项目数量", "采购总金额"],
    ["政府集中采购", "1", "12.5"],
]

# 行政复议 1 0 0 1 =2 · 直接起诉 0 1 0 0 =1 · 复议后起诉 0 0 1 0 =1
APPEAL_VALUES = ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "1", "0", "1"]
APPEAL_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"],
]
APPEALS = [*APPEAL_HEADER, APPEAL_VALUES]


def app_rows(
    overrides: dict[str, list[str]] | None = None,
    labels: list[tuple[str, str]] = APP_LABELS_2021,
    header: list[list[str]] = APP_HEADER,
) -> list[list[str]]:
    values = {**APP_VALUES, **(overrides or {})}
    return [*header, *([label, *values.get(key, ZERO)] for key, label in labels)]


def render(rows: list[list[str]], layout: str) -> str:
    if layout == "tabs":
        return "\n".join("\t".join(row) for row in rows)
    if layout == "blocks":  # one cell per line, led by a tab; rows separated by an empty line
        return "\n\n".join("\n".join("\t" + cell for cell in row) for row in rows)
    if layout == "pipes":
        head, *body = rows
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    raise ValueError(layout)


def report_text(
    proactive: list[list[str]] | str = PROACTIVE_2021,
    applications: list[list[str]] | str | None = None,
    appeals: list[list[str]] | str = APPEALS,
    *,
    layout: str = "tabs",
    title: tuple[str, ...] = (f"{ISSUER}2021年政府信息公开工作年度报告",),
    signer: str = ISSUER,
    printed: str = "2022年1月5日",
    heading: str = "",
) -> str:
    def table(rows: list[list[str]] | str) -> str:
        return rows if isinstance(rows, str) else render(rows, layout)

    parts = [
        *title,
        "",
        f"{heading}一、总体情况",
        "本年度，我乡认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "",
        f"{heading}二、主动公开政府信息情况",
        "",
        table(proactive),
        "",
        f"{heading}三、收到和处理政府信息公开申请情况",
        "",
        table(app_rows() if applications is None else applications),
        "",
        f"{heading}四、政府信息公开行政复议、行政诉讼情况",
        "",
        table(appeals),
        "",
        f"{heading}五、存在的主要问题及改进情况",
        "",
        "公开内容还不够全面。",
        "",
        f"{heading}六、其他需要报告的事项",
        "",
        "本年度未收取信息处理费。",
        "",
        signer,
        printed,
        "",
    ]
    return "\n".join(parts)


def paths(report, rule: str) -> set[str]:
    return {p for f in report.findings if f.rule == rule for p in f.cells}


def rules(report) -> set[str]:
    return {f.rule for f in report.findings}


def assert_default_tables(report) -> None:
    """The values of the default fixture pieces, read off them by hand."""
    p, a, q = report.proactive, report.applications, report.appeals
    assert [p.value("rules", c) for c in ("issued", "repealed", "in_force")] == [1, 2, 3]
    assert [p.value("normative_documents", c) for c in ("issued", "repealed", "in_force")] == [4, 5, 6]
    assert p.value("licensing", "decisions") == 7
    assert p.value("punishment", "decisions") == 8
    assert p.value("coercion", "decisions") == 9
    assert p.value("fees", "amount") == 1.5
    assert [a.value("new", c) for c in ("natural_person", "commercial", "research", "total")] == [2, 1, 0, 3]
    assert a.value("carried_in", "total") == 0
    assert [a.value("granted", c) for c in ("natural_person", "commercial", "total")] == [1, 1, 2]
    assert [a.value("partial", c) for c in ("natural_person", "commercial", "total")] == [1, 0, 1]
    assert a.value("denied.state_secret", "natural_person") == 0
    assert a.value("other.other", "total") == 0
    assert [a.value("total", c) for c in ("natural_person", "commercial", "total")] == [2, 1, 3]
    assert a.value("carried_out", "total") == 0
    assert [q.value("reconsideration", c) for c in ("upheld", "corrected", "other", "pending", "total")] == [
        1,
        0,
        0,
        1,
        2,
    ]
    assert [q.value("litigation_direct", c) for c in ("upheld", "corrected", "other", "pending", "total")] == [
        0,
        1,
        0,
        0,
        1,
    ]
    assert [
        q.value("litigation_after_reconsideration", c) for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [0, 0, 1, 0, 1]
    assert not rules(report) & {"ambiguous_cell", "unplaced_values", "inferred_cell"}


# --- 1-3: the three table layouts ----------------------------------------------------------------


def test_it_reads_one_cell_per_line_blocks():
    report = parse_text(report_text(layout="blocks"))
    assert report.format == "2021"
    assert_default_tables(report)


def test_it_reads_tab_separated_rows():
    report = parse_text(report_text(layout="tabs"))
    assert report.format == "2021"
    assert_default_tables(report)


def test_it_reads_markdown_pipe_tables_under_hash_headings():
    text = report_text(layout="pipes", heading="## ", title=(f"# {ISSUER}2021年政府信息公开工作年度报告",))
    assert "| 规章 | 1 | 2 | 3 |" in text and "|---|" in text
    report = parse_text(text)
    assert report.source.kind == "markdown"
    assert report.issuer == ISSUER
    assert report.format == "2021"
    assert_default_tables(report)


# --- 4-5: labels wrapped or spaced ---------------------------------------------------------------


def test_it_ignores_the_continuation_row_of_a_label_wrapped_over_two_rows():
    # Seed 001: "(二) 部分公开(区分处理的," with its values, then after an empty line a row holding
    # only the rest of the label ("只计这一情形，不计其他情形)") and blank cells.
    rows = app_rows()
    index = next(i for i, r in enumerate(rows) if r[0].startswith("（一）"))
    rows[index] = ["三、本 年度办", "(一) 予以公开", "1", "1", "0", "0", "0", "0", "2"]
    rows[index + 1] = ["", "(二) 部分公开(区分处理的,", "1", "0", "0", "0", "0", "0", "1"]
    rows[index + 2] = ["", "(三) 不予公开", "1.属于国家秘密", "0", "0", "1", "0", "0", "0", "1"]
    rows[index + 2 : index + 2] = [[""], ["理结果", "只计这一情形，不计其他情形)", *BLANK, ""]]
    report = parse_text(report_text(applications=rows))
    a = report.applications
    assert [a.value("granted", c) for c in ("natural_person", "commercial", "total")] == [1, 1, 2]
    assert [a.value("partial", c) for c in ("natural_person", "commercial", "total")] == [1, 0, 1]
    assert [a.value("denied.state_secret", c) for c in ("natural_person", "research", "total")] == [0, 1, 1]
    assert a.value("denied.prohibited_by_law", "total") == 0
    assert not rules(report) & {"ambiguous_cell", "unplaced_values", "inferred_cell"}


def test_it_joins_a_cell_wrapped_onto_its_own_line_inside_a_block():
    text = report_text(layout="blocks")
    whole = "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert whole in text
    text = text.replace(whole, "\t（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）")
    report = parse_text(text)
    assert_default_tables(report)


def test_it_reads_labels_and_headers_with_spaces_between_characters():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[2] = ["规 章", "1", "2", "3"]
    proactive[6] = ["行 政 许 可", "7", "", ""]
    appeals = [
        APPEAL_HEADER[0],
        [
            "结 果 维 持",
            "结 果 纠 正",
            "其 他 结 果",
            "尚 未 审 结",
            "总 计",
            "未经复议直接起诉",
            "",
            "",
            "",
            "",
            "复议后起诉",
        ],
        APPEAL_VALUES,
    ]
    rows = app_rows()
    rows = [
        ["（六）其他处 理", "1.申请人无正当理由 逾期不补正、行政机 关不再处理其政府 信息公开申请", *ZERO]
        if r[0].startswith("1.申请人")
        else r
        for r in rows
    ]
    rows = [
        ["三、本 年度办 理结果", "（一）予 以 公 开", *APP_VALUES["granted"]] if r[0] == "（一）予以公开" else r
        for r in rows
    ]
    report = parse_text(report_text(proactive, rows, appeals))
    assert_default_tables(report)
    assert report.applications.value("other.no_supplement", "total") == 0


# --- 6-7: repairs --------------------------------------------------------------------------------


def test_it_splits_two_rows_numbers_merged_into_one_cell_when_only_one_split_fits():
    merged = ["3 5", "0 0", "0 0", "0 0", "0 0", "0 0", "3 5"]
    rows = app_rows({"other.no_supplement": merged, "other.unpaid_fee": BLANK, "other.other": ZERO})
    report = parse_text(report_text(applications=rows))
    a = report.applications
    assert [a.value("other.no_supplement", c) for c in ("natural_person", "commercial", "total")] == [3, 0, 3]
    assert [a.value("other.unpaid_fee", c) for c in ("natural_person", "commercial", "total")] == [5, 0, 5]
    assert a.cell("other.unpaid_fee", "natural_person").inferred
    assert a.value("other.other", "total") == 0
    split = [f for f in report.findings if f.rule == "inferred_cell"]
    assert split and all(f.severity == "info" for f in split)
    assert {"applications.other.no_supplement.natural_person", "applications.other.unpaid_fee.total"} <= paths(
        report, "inferred_cell"
    )
    assert "ambiguous_cell" not in rules(report)


def test_it_leaves_an_ambiguous_merged_cell_null_with_a_warning():
    merged = ["4 6", "0 0", "0 0", "0 0", "0 0", "0 0", "4 6"]
    rows = app_rows({"other.no_supplement": BLANK, "other.unpaid_fee": merged, "other.other": BLANK})
    report = parse_text(report_text(applications=rows))
    a = report.applications
    for row in ("other.no_supplement", "other.unpaid_fee", "other.other"):
        assert a.value(row, "natural_person") is None, row
        assert a.value(row, "total") is None, row
    ambiguous = [f for f in report.findings if f.rule == "ambiguous_cell"]
    assert ambiguous and all(f.severity == "warning" for f in ambiguous)
    assert {
        "applications.other.no_supplement.natural_person",
        "applications.other.unpaid_fee.natural_person",
        "applications.other.other.total",
    } <= paths(report, "ambiguous_cell")


def test_it_keeps_the_number_every_split_agrees_on_for_a_merged_zero_pair():
    # Seed 001: "0 0" in （六）2 with （六）1 and （六）3 blank: whichever neighbour the other zero
    # belongs to, （六）2 itself is 0; the neighbours stay blank.
    rows = app_rows({"other.no_supplement": BLANK, "other.unpaid_fee": ["0 0"] * 7, "other.other": BLANK})
    report = parse_text(report_text(applications=rows))
    a = report.applications
    assert a.value("other.unpaid_fee", "natural_person") == 0
    assert a.value("other.unpaid_fee", "total") == 0
    assert a.value("other.no_supplement", "total") is None
    assert a.value("other.other", "total") is None
    assert "applications.other.other.total" in paths(report, "ambiguous_cell")


def test_it_places_rows_whose_label_was_lost_by_position():
    # Seed 003: between 二、上年结转 and （三）1 two rows of numbers, the first labelled only with the
    # group label "三、本年度办理结果", the second with nothing.
    rows = app_rows()
    rows = [
        ["三、本年度办理结果", *APP_VALUES["granted"]]
        if r[0] == "（一）予以公开"
        else ["", *APP_VALUES["partial"]]
        if r[0].startswith("（二）部分公开")
        else r
        for r in rows
    ]
    report = parse_text(report_text(applications=rows))
    a = report.applications
    assert [a.value("granted", c) for c in ("natural_person", "commercial", "total")] == [1, 1, 2]
    assert [a.value("partial", c) for c in ("natural_person", "commercial", "total")] == [1, 0, 1]
    assert a.cell("granted", "total").inferred and a.cell("partial", "natural_person").inferred
    assert not a.cell("new", "total").inferred
    placed = paths(report, "inferred_cell")
    assert {"applications.granted.total", "applications.partial.natural_person"} <= placed
    assert not any(p.startswith("applications.denied") for p in placed)
    assert all(f.severity == "info" for f in report.findings if f.rule == "inferred_cell")


# --- 8-12: headers and cell contents -------------------------------------------------------------


def test_it_reads_a_table_without_its_applicant_header_rows():
    # Seed 004 (2020 report, 2019 layout, one cell per line): no 商业企业… header row, and the
    # section heading has neither number nor the usual wording.
    header = [["申请人情况"], ["", "自然人", "法人及其他组织", "总计"]]
    rows = app_rows(labels=APP_LABELS_2019, header=header)
    text = report_text(
        PROACTIVE_2019,
        rows,
        layout="blocks",
        title=("波密县玉许乡人民政府2020年政府信息公开工作年度报告",),
        signer="玉许乡人民政府",
        printed="2021年1月20日",
    ).replace("三、收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况")
    report = parse_text(text)
    assert report.format == "2019"
    a = report.applications
    assert [a.value("new", c) for c in ("natural_person", "commercial", "research", "total")] == [2, 1, 0, 3]
    assert [a.value("granted", c) for c in ("natural_person", "commercial", "total")] == [1, 1, 2]
    assert a.value("other", "total") == 0
    assert [a.value("total", c) for c in ("natural_person", "commercial", "total")] == [2, 1, 3]
    assert report.appeals.value("reconsideration", "total") == 2


def test_it_reads_blank_cells_as_null_and_check_reports_them_missing():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[6] = ["行政许可", "", "", ""]
    rows = app_rows({"granted": ["1", "", "0", "0", "0", "0", "2"]})
    report = parse_text(report_text(proactive, rows))
    assert report.proactive.value("licensing", "decisions") is None
    a = report.applications
    assert a.value("granted", "commercial") is None
    assert [a.value("granted", c) for c in ("natural_person", "research", "total")] == [1, 0, 2]
    assert "missing_cell" not in rules(report)
    report = check(report)
    missing = paths(report, "missing_cell")
    assert {"proactive.licensing.decisions", "applications.granted.commercial"} <= missing
    assert "applications.granted.natural_person" not in missing
    data = report_json(report)
    assert data["proactive"]["licensing"]["decisions"] is None
    assert data["applications"]["granted"]["commercial"] is None


def test_it_reads_full_width_digits():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[2] = ["规章", "１", "０", "１２"]
    rows = app_rows({"new": ["２", "１", "０", "０", "０", "０", "３"]})
    report = parse_text(report_text(proactive, rows))
    assert [report.proactive.value("rules", c) for c in ("issued", "repealed", "in_force")] == [1, 0, 12]
    a = report.applications
    assert [a.value("new", c) for c in ("natural_person", "commercial", "research", "total")] == [2, 1, 0, 3]


def test_it_reads_none_words_as_zero_and_dashes_as_null():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[6] = ["行政许可", "无", "", ""]
    proactive[9] = ["行政处罚", "—", "", ""]
    proactive[10] = ["行政强制", "-", "", ""]
    report = parse_text(report_text(proactive))
    p = report.proactive
    assert p.value("licensing", "decisions") == 0
    assert p.cell("licensing", "decisions").inferred
    none_word = [f for f in report.findings if f.rule == "inferred_cell" and "proactive.licensing.decisions" in f.cells]
    assert none_word and none_word[0].severity == "info"
    assert p.value("punishment", "decisions") is None
    assert p.cell("punishment", "decisions").raw == "—"
    assert p.value("coercion", "decisions") is None
    assert p.cell("coercion", "decisions").raw == "-"
    assert not paths(report, "inferred_cell") & {"proactive.punishment.decisions", "proactive.coercion.decisions"}


def test_it_converts_an_amount_in_yuan_to_wan_yuan():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[13] = ["行政事业性收费", "251000元", "", ""]
    report = parse_text(report_text(proactive))
    assert report.proactive.value("fees", "amount") == 25.1
    assert report.proactive.cell("fees", "amount").inferred
    unit = [f for f in report.findings if f.rule == "inferred_cell" and f.cells == ("proactive.fees.amount",)]
    assert unit and unit[0].severity == "info"
    assert report_json(report)["proactive"]["fees"]["amount"] == 25.1


def test_it_converts_an_amount_in_yuan_written_with_a_space_before_the_unit():
    proactive = [list(r) for r in PROACTIVE_2021]
    proactive[13] = ["行政事业性收费", "251000 元", "", ""]
    report = parse_text(report_text(proactive))
    assert report.proactive.value("fees", "amount") == 25.1


def test_it_keeps_an_amount_already_in_wan_yuan():
    report = parse_text(report_text())
    assert report.proactive.value("fees", "amount") == 1.5
    assert not report.proactive.cell("fees", "amount").inferred


# --- 13: metadata --------------------------------------------------------------------------------


def test_it_reads_issuer_year_format_and_date_from_a_title_split_over_two_lines():
    text = report_text(title=(f"{ISSUER}2021年政府", "信息公开工作年度报告"))
    report = parse_text(text)
    assert report.issuer == ISSUER
    assert report.year == 2021
    assert report.format == "2021"
    assert report.published_on == date(2022, 1, 5)
    data = report_json(report)
    assert (data["issuer"], data["year"], data["format"], data["published_on"]) == (ISSUER, 2021, "2021", "2022-01-05")


def test_it_reads_a_markdown_title_split_over_two_heading_lines():
    # Seed 001: "# 同仁市年都乎乡人民政府" then "## 2021 年度政府信息公开工作年度报告".
    text = report_text(
        layout="pipes",
        heading="### ",
        title=("# 同仁市年都乎乡人民政府", "", "## 2021 年度政府信息公开工作年度报告"),
        signer="同仁市年都乎乡人民政府",
        printed="2022 年 1 月 20 日",
    )
    report = parse_text(text)
    assert (report.issuer, report.year, report.format) == ("同仁市年都乎乡人民政府", 2021, "2021")
    assert report.published_on == date(2022, 1, 20)


def test_it_takes_the_fuller_issuer_from_the_opening_statement():
    text = report_text(
        title=("政府信息公开工作年度报告", f"现公布{ISSUER}2021年政府信息公开工作年度报告。"),
        signer="库兰萨日克乡人民政府",
    )
    report = parse_text(text)
    assert (report.issuer, report.year, report.format) == (ISSUER, 2021, "2021")


def test_it_reads_a_gb18030_encoded_report():
    report = parse_bytes(report_text().encode("gb18030"))
    assert report.source.kind == "text"
    assert report.issuer == ISSUER
    assert report.year == 2021
    assert report.published_on == date(2022, 1, 5)
    assert_default_tables(report)


def test_it_reads_a_date_written_in_chinese_numerals():
    report = parse_text(report_text(printed="二〇二二年一月五日"))
    assert report.published_on == date(2022, 1, 5)


def test_it_detects_the_2019_format():
    rows = app_rows(labels=APP_LABELS_2019)
    text = report_text(
        PROACTIVE_2019,
        rows,
        title=("波密县玉许乡人民政府2020年政府信息公开工作年度报告",),
        signer="玉许乡人民政府",
        printed="2021年1月20日",
    )
    report = parse_text(text)
    assert report.issuer == "波密县玉许乡人民政府"
    assert report.year == 2020
    assert report.format == "2019"
    assert report.published_on == date(2021, 1, 20)
    p = report.proactive
    assert [p.value("normative_documents", c) for c in ("made", "published", "total_published")] == [1, 1, 3]
    assert [p.value("licensing", c) for c in ("previous_items", "change", "decisions")] == [10, -2, 5]
    assert [p.value("fees", c) for c in ("previous_items", "change")] == [2, 0]
    assert [p.value("procurement", c) for c in ("items", "amount")] == [1, 12.5]
    assert report.applications.value("other", "total") == 0
    assert report.applications.value("granted", "total") == 2
    data = report_json(report)
    assert data["format"] == "2019"
    assert "other.no_supplement" not in data["applications"]


# --- 14: running text ----------------------------------------------------------------------------


def test_it_reads_running_text_rows_with_label_and_numbers_on_one_line():
    proactive = "\n".join(
        [
            "规章 1 2 3",
            "行政规范性文件 4 5 6",
            "行政许可 7",
            "行政处罚 8",
            "行政强制 9",
            "行政事业性收费 1.5",
        ]
    )
    report = parse_text(report_text(proactive))
    assert report.format == "2021"
    assert_default_tables(report)


RUNNING_PROACTIVE = [
    "规章 1 2 3",
    "行政规范性文件 4 5 6",
    "行政许可 7",
    "行政处罚 8",
    "行政强制 9",
    "行政事业性收费 1.5",
]


def test_it_reads_a_running_text_amount_with_a_unit():
    proactive = "\n".join([*RUNNING_PROACTIVE[:5], "行政事业性收费 251000元"])
    report = parse_text(report_text(proactive))
    assert report.proactive.value("fees", "amount") == 25.1


def test_it_reads_a_running_text_none_word():
    proactive = "\n".join([*RUNNING_PROACTIVE[:2], "行政许可 无", *RUNNING_PROACTIVE[3:]])
    report = parse_text(report_text(proactive))
    assert report.proactive.value("licensing", "decisions") == 0


def test_it_reads_cells_padded_with_no_break_spaces():
    # Seed 000 (one cell per line): cells such as "\u00a00" and "0\u00a0".
    text = report_text(layout="blocks").replace("\t0\n", "\t\u00a00\n").replace("\t2\n", "\t2\u00a0\n")
    assert "\u00a00" in text and "2\u00a0" in text
    assert_default_tables(parse_text(text))
