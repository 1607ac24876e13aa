"""The statutory annual-report formats as data.

Everything the parser, validator and renderers know about the 2021 and 2019 formats lives here:
table keys, row and column keys, official labels, the label variants real reports use (as regular
expressions over normalised label text, see ``parse.normalize.label_key``) and which cells take
part in which consistency rule. Code elsewhere walks these structures instead of naming rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "count": a non-negative integer; "delta": an integer that may be negative (2019 本年增/减);
    # "amount": a decimal number (fees in 万元, procurement totals as printed).
    kind: str = "count"
    # Patterns recognising this column's header cell (normalised text).
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    # Patterns over the normalised label text; the first row whose pattern matches wins, so
    # specific rows come before generic ones in ``Table.match_order``.
    patterns: tuple[str, ...]
    columns: tuple[Column, ...]
    # Outcome rows of section 三 are summed into （七）总计.
    outcome: bool = False
    # Lower numbers win when two rows match the same label (leaf rows before group rows).
    priority: int = 0

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.patterns))


@dataclass(frozen=True)
class Table:
    key: str
    label: str
    rows: tuple[Row, ...]
    # "labelled": each row carries its own label; "flat": the values of all rows come in one
    # unlabelled line in row order (section 四's fifteen numbers).
    layout: str = "labelled"
    # Patterns of a row that marks the start of the table when its section heading is missing.
    anchors: tuple[str, ...] = ()

    @cached_property
    def row_index(self) -> dict[str, int]:
        return {row.key: i for i, row in enumerate(self.rows)}

    @cached_property
    def match_order(self) -> tuple[Row, ...]:
        return tuple(sorted(self.rows, key=lambda r: r.priority))

    def row(self, key: str) -> Row:
        return self.rows[self.row_index[key]]

    def cell_paths(self) -> list[str]:
        return [f"{self.key}.{row.key}.{col.key}" for row in self.rows for col in row.columns]

    @cached_property
    def width(self) -> int:
        return sum(len(row.columns) for row in self.rows)


@dataclass(frozen=True)
class Section:
    number: int
    label: str
    # Patterns over a normalised heading line (numbering stripped).
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Format:
    key: str
    notice: str
    proactive: Table
    applications: Table
    appeals: Table
    # Keywords in table headers or row labels that only this format prints.
    evidence: tuple[str, ...] = field(default=())

    @property
    def tables(self) -> tuple[Table, ...]:
        return (self.proactive, self.applications, self.appeals)

    def cells_after(self, table_key: str, row_key: str, visible: int) -> frozenset[str]:
        """The cells a text cut in ``table_key.row_key`` (after ``visible`` of its cells) does not
        show: the rest of that row, the rows after it and the tables after that one."""
        keys = [t.key for t in self.tables]
        table = self.tables[keys.index(table_key)]
        row = table.row(row_key)
        paths = [f"{table.key}.{row.key}.{c.key}" for c in row.columns[visible:]]
        for later in table.rows[table.row_index[row_key] + 1 :]:
            paths += [f"{table.key}.{later.key}.{c.key}" for c in later.columns]
        for later_table in self.tables[keys.index(table_key) + 1 :]:
            paths += later_table.cell_paths()
        return frozenset(paths)


# --- Section headings (both national formats) -------------------------------------------------

SECTIONS: tuple[Section, ...] = (
    Section(1, "一、总体情况", (r"总体", r"概述", r"基本情况$")),
    Section(2, "二、主动公开政府信息情况", (r"^主动公开政府信息", r"主动公开政府信息(的)?情况$")),
    Section(
        3,
        "三、收到和处理政府信息公开申请情况",
        (r"收到和处理", r"处理政府信息公开申请", r"^依申请公开(政府信息)?(的)?情况$"),
    ),
    Section(4, "四、政府信息公开行政复议、行政诉讼情况", (r"行政复议.{0,6}行政诉讼", r"复议.{0,8}诉讼情况")),
    Section(5, "五、存在的主要问题及改进情况", (r"存在的.{0,4}问题", r"问题及.{0,6}改进", r"改进(情况|措施)$")),
    Section(6, "六、其他需要报告的事项", (r"其他需要报告", r"其它需要报告")),
)


# --- Section 二: proactive disclosure -----------------------------------------------------------

def _cols(*specs: tuple[str, str, str, tuple[str, ...]]) -> tuple[Column, ...]:
    return tuple(Column(key, label, kind, header) for key, label, kind, header in specs)


_C21_DOCS = _cols(
    ("issued", "本年制发件数", "count", (r"本年制发",)),
    ("repealed", "本年废止件数", "count", (r"本年废止",)),
    ("in_force", "现行有效件数", "count", (r"现行有效",)),
)
_C21_DECISIONS = _cols(("decisions", "本年处理决定数量", "count", (r"处理决定",)))
_C21_FEES = _cols(("amount", "本年收费金额（单位：万元）", "amount", (r"收费金额",)))

_C19_DOCS = _cols(
    ("made", "本年新制作数量", "count", (r"新制作",)),
    ("published", "本年新公开数量", "count", (r"新公开",)),
    ("total_published", "对外公开总数量", "count", (r"公开总数",)),
)
_C19_ITEMS = _cols(
    ("previous_items", "上一年项目数量", "count", (r"上一年项目",)),
    ("change", "本年增/减", "delta", (r"本年增减", r"增减")),
    ("decisions", "处理决定数量", "count", (r"处理决定",)),
)
_C19_FEES = _C19_ITEMS[:2]
_C19_PROCUREMENT = _cols(
    ("items", "采购项目数量", "count", (r"采购项目",)),
    ("amount", "采购总金额", "amount", (r"采购总金额",)),
)

PROACTIVE_ANCHORS = (r"第二十条第",)

PROACTIVE_2021 = Table(
    "proactive",
    "主动公开政府信息情况",
    (
        Row("rules", "规章", (r"^规章$",), _C21_DOCS),
        Row("normative_documents", "行政规范性文件", (r"规范性文件$",), _C21_DOCS),
        Row("licensing", "行政许可", (r"^行政许可$",), _C21_DECISIONS),
        Row("punishment", "行政处罚", (r"^行政处罚$",), _C21_DECISIONS),
        Row("coercion", "行政强制", (r"^行政强制$",), _C21_DECISIONS),
        Row("fees", "行政事业性收费", (r"^行政事业性收费$",), _C21_FEES),
    ),
    anchors=PROACTIVE_ANCHORS,
)

PROACTIVE_2019 = Table(
    "proactive",
    "主动公开政府信息情况",
    (
        Row("rules", "规章", (r"^规章$",), _C19_DOCS),
        Row("normative_documents", "规范性文件", (r"规范性文件$",), _C19_DOCS),
        Row("licensing", "行政许可", (r"^行政许可$",), _C19_ITEMS),
        Row("other_services", "其他对外管理服务事项", (r"对外管理服务",), _C19_ITEMS),
        Row("punishment", "行政处罚", (r"^行政处罚$",), _C19_ITEMS),
        Row("coercion", "行政强制", (r"^行政强制$",), _C19_ITEMS),
        Row("fees", "行政事业性收费", (r"^行政事业性收费$",), _C19_FEES),
        Row("procurement", "政府集中采购", (r"集中采购",), _C19_PROCUREMENT),
    ),
    anchors=PROACTIVE_ANCHORS,
)


# --- Section 三: applications ------------------------------------------------------------------

APPLICANT_COLUMNS = _cols(
    ("natural_person", "自然人", "count", (r"^自然人$",)),
    ("commercial", "商业企业", "count", (r"^商业企业$",)),
    ("research", "科研机构", "count", (r"^科研机构$",)),
    ("social_welfare", "社会公益组织", "count", (r"^社会公益组织$",)),
    ("legal_service", "法律服务机构", "count", (r"^法律服务机构$",)),
    ("other_org", "其他", "count", ()),
    ("total", "总计", "count", (r"^总计$",)),
)
# Header cells that say "this row is the column header", not data.
APPLICANT_HEADER = (r"申请人情况", r"^自然人$", r"法人(或|及)其他组织", r"^商业企业$", r"^科研机构$")

# Numbering such as "(三)1" is stripped before matching (see parse.normalize.label_key).
_APP_ROWS_HEAD = (
    Row("new", "一、本年新收政府信息公开申请数量", (r"新收",), APPLICANT_COLUMNS),
    Row("carried_in", "二、上年结转政府信息公开申请数量", (r"上年(度)?结转",), APPLICANT_COLUMNS),
    Row("granted", "（一）予以公开", (r"予以公开",), APPLICANT_COLUMNS, outcome=True),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        (r"部分公开",),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    Row("denied.state_secret", "（三）1.属于国家秘密", (r"国家秘密",), APPLICANT_COLUMNS, outcome=True),
    Row(
        "denied.prohibited_by_law",
        "（三）2.其他法律行政法规禁止公开",
        (r"法规禁止公开", r"法律行政法规禁止"),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    Row(
        "denied.security_stability",
        "（三）3.危及“三安全一稳定”",
        (r"三安全一稳定",),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    Row("denied.third_party", "（三）4.保护第三方合法权益", (r"第三方合法权益",), APPLICANT_COLUMNS, outcome=True),
    Row(
        "denied.internal_affairs",
        "（三）5.属于三类内部事务信息",
        (r"内部事务", r"内容事务"),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    Row("denied.process_information", "（三）6.属于四类过程性信息", (r"过程性信息",), APPLICANT_COLUMNS, outcome=True),
    Row("denied.enforcement_files", "（三）7.属于行政执法案卷", (r"执法案卷",), APPLICANT_COLUMNS, outcome=True),
    Row("denied.administrative_query", "（三）8.属于行政查询事项", (r"行政查询",), APPLICANT_COLUMNS, outcome=True),
    Row("unable.not_held", "（四）1.本机关不掌握相关政府信息", (r"不掌握",), APPLICANT_COLUMNS, outcome=True),
    Row("unable.needs_creation", "（四）2.没有现成信息需要另行制作", (r"另行制作",), APPLICANT_COLUMNS, outcome=True),
    Row("unable.still_unclear", "（四）3.补正后申请内容仍不明确", (r"仍不明确",), APPLICANT_COLUMNS, outcome=True),
    Row("not_processed.complaint", "（五）1.信访举报投诉类申请", (r"信访举报",), APPLICANT_COLUMNS, outcome=True),
    Row("not_processed.duplicate", "（五）2.重复申请", (r"重复申请$",), APPLICANT_COLUMNS, outcome=True),
    Row("not_processed.publication", "（五）3.要求提供公开出版物", (r"公开出版物",), APPLICANT_COLUMNS, outcome=True),
    Row("not_processed.excessive", "（五）4.无正当理由大量反复申请", (r"大量反复",), APPLICANT_COLUMNS, outcome=True),
    Row(
        "not_processed.confirmation",
        "（五）5.要求行政机关确认或重新出具已获取信息",
        (r"重新出具", r"确认或重新"),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
)
_APP_ROWS_TAIL = (
    Row("total", "（七）总计", (r"^(七)?总计$",), APPLICANT_COLUMNS),
    Row("carried_out", "四、结转下年度继续办理", (r"结转下(一)?年", r"下年度继续办理"), APPLICANT_COLUMNS),
)
_APP_OTHER_2021 = (
    Row(
        "other.no_supplement",
        "（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        (r"逾期不补正",),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    Row(
        "other.unpaid_fee",
        "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        (r"缴纳费用", r"收费通知"),
        APPLICANT_COLUMNS,
        outcome=True,
    ),
    # "3.其他" alone; "其他处理" (the group label) is not this row.
    Row("other.other", "（六）3.其他", (r"^(六)?(其他处理)?3?其他$",), APPLICANT_COLUMNS, outcome=True, priority=1),
)
_APP_OTHER_2019 = (
    Row("other", "（六）其他处理", (r"其他处理$", r"^(六)?其他处理"), APPLICANT_COLUMNS, outcome=True, priority=1),
)
APPLICATION_ANCHORS = (r"勾稽关系", r"申请人情况", r"新收政府信息公开申请")

APPLICATIONS_2021 = Table(
    "applications",
    "收到和处理政府信息公开申请情况",
    _APP_ROWS_HEAD + _APP_OTHER_2021 + _APP_ROWS_TAIL,
    anchors=APPLICATION_ANCHORS,
)
APPLICATIONS_2019 = Table(
    "applications",
    "收到和处理政府信息公开申请情况",
    _APP_ROWS_HEAD + _APP_OTHER_2019 + _APP_ROWS_TAIL,
    anchors=APPLICATION_ANCHORS,
)


# --- Section 四: reconsideration and litigation -------------------------------------------------

APPEAL_COLUMNS = _cols(
    ("upheld", "结果维持", "count", (r"结果维持",)),
    ("corrected", "结果纠正", "count", (r"结果纠正",)),
    ("other", "其他结果", "count", (r"其他结果",)),
    ("pending", "尚未审结", "count", (r"尚未审结",)),
    ("total", "总计", "count", (r"^总计$",)),
)

APPEALS = Table(
    "appeals",
    "政府信息公开行政复议、行政诉讼情况",
    (
        Row("reconsideration", "行政复议", (r"^行政复议$",), APPEAL_COLUMNS),
        Row("litigation_direct", "未经复议直接起诉", (r"直接起诉",), APPEAL_COLUMNS),
        Row("litigation_after_reconsideration", "复议后起诉", (r"复议后起诉",), APPEAL_COLUMNS),
    ),
    layout="flat",
    anchors=(r"^行政复议$",),
)


# --- The formats --------------------------------------------------------------------------------

FORMAT_2021 = Format(
    "2021",
    "国办公开办函〔2021〕30号",
    PROACTIVE_2021,
    APPLICATIONS_2021,
    APPEALS,
    evidence=(r"本年制发", r"本年废止", r"现行有效", r"逾期不补正", r"收费通知", r"缴纳费用"),
)
FORMAT_2019 = Format(
    "2019",
    "国办公开办函〔2019〕60号",
    PROACTIVE_2019,
    APPLICATIONS_2019,
    APPEALS,
    evidence=(r"新制作", r"新公开数量", r"对外公开总数", r"上一年项目", r"对外管理服务", r"集中采购"),
)
FORMATS: dict[str, Format] = {"2021": FORMAT_2021, "2019": FORMAT_2019}
# How the tables show their format, strongest evidence first; the first tier found decides. Rows and
# item columns that only the 2019 form has outweigh everything (a 2019 block can stand beside 2021
# ones, but a 2021 form never has 上一年项目数量); then the 2021 words; then the 2019 document columns.
FORMAT_EVIDENCE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("2019", (r"上一年项目", r"对外管理服务", r"集中采购")),
    ("2021", (*FORMAT_2021.evidence, r"本年处理决定", r"收费金额")),
    ("2019", (r"新制作", r"新公开数量", r"对外公开总数")),
)


def required_format(year: int | None) -> str | None:
    """The format a report on ``year`` must use (FORMATS.md: 2021+ → 2021, 2019–2020 → 2019)."""
    if year is None:
        return None
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre2019"


# Cells on which arithmetic rules are defined, by rule; the validator reads these.
APPLICANT_PARTS = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")
APPEAL_PARTS = tuple(c.key for c in APPEAL_COLUMNS if c.key != "total")


# --- The printed layout (renderers) -------------------------------------------------------------
# Group and header labels the official forms print around the statutory cells. They carry no
# numbers of their own, so the parser never needs them; the renderers print them verbatim.

PROACTIVE_ROW_HEADER = "信息内容"

# Caption rows of section 二: the 条例 item each block of rows reports under, in printed order.
PROACTIVE_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "2021": (
        ("第二十条第（一）项", ("rules", "normative_documents")),
        ("第二十条第（五）项", ("licensing",)),
        ("第二十条第（六）项", ("punishment", "coercion")),
        ("第二十条第（八）项", ("fees",)),
    ),
    "2019": (
        ("第二十条第（一）项", ("rules", "normative_documents")),
        ("第二十条第（五）项", ("licensing", "other_services")),
        ("第二十条第（六）项", ("punishment", "coercion")),
        ("第二十条第（八）项", ("fees",)),
        ("第二十条第（九）项", ("procurement",)),
    ),
}

# Section 三's header block and the group cells of its outcome rows.
APPLICATION_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_GROUP = "申请人情况"
LEGAL_PERSON_GROUP = "法人或其他组织"
OUTCOME_GROUP = "三、本年度办理结果"
OUTCOME_SUBGROUPS = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

# Section 四's two top header cells: 行政复议 over one group, 行政诉讼 over the other two.
APPEAL_TOP_GROUPS = (
    ("行政复议", ("reconsideration",)),
    ("行政诉讼", ("litigation_direct", "litigation_after_reconsideration")),
)
