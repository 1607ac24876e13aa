"""The statutory outcomes (the outcome rows of section 三 in the 2021 format) and the reply types.

Why two lists: an application closed with an outcome is one count in one row of the annual report,
so the outcomes must be the report's rows, not a second list kept by hand (``OUTCOME_KEYS``). But the
条例 answers more cases than the form has rows: Art 36(一) (already proactively disclosed: say where)
is counted as 予以公开, Art 36(五) (not this agency's information: name the responsible agency) as
无法提供 / 本机关不掌握相关政府信息. Each reply type (``REPLY_KINDS``) therefore names its row, its
article and the letter text the law requires, and the remedy the applicant has against it.

The articles cited are those of the 条例 of 2019 (国务院令第711号), the 行政复议法 as revised in 2023
(in force since 2024-01-01) and the 行政诉讼法 (2017).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report import schema

OUTCOME_ROWS = tuple(row for row in schema.APPLICATIONS_2021.rows if row.outcome)
OUTCOME_KEYS = tuple(row.key for row in OUTCOME_ROWS)
# The short labels staff choose from, e.g. "（三）1.属于国家秘密" without the form's long note.
OUTCOME_CHOICES = [(row.key, row.label.split("（区分处理")[0]) for row in OUTCOME_ROWS]
OUTCOME_LABELS = dict(OUTCOME_CHOICES)

GROUPS = {
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}


def group_of(outcome: str) -> str:
    return outcome.split(".")[0]


ACT = "《中华人民共和国政府信息公开条例》"
FEE_MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# Remedies (see ``remedy`` in letters.py): since 2024-01-01 a 不予公开 decision must first be taken
# to reconsideration (行政复议法 Art 23(1)(四)), and the letter must say so (Art 23 ¶2); every other
# reply may be taken to reconsideration within 60 days (Art 20 ¶1) or to court within 6 months
# (行政诉讼法 Art 46 ¶1).
ORDINARY = "ordinary"
REFUSAL = "refusal"  # the whole reply is a 不予公开 decision
PART_REFUSAL = "part_refusal"  # 部分公开: the part withheld is a 不予公开 decision, the rest is not


@dataclass(frozen=True)
class ReplyKind:
    key: str
    outcome: str  # the row of section 三 it is counted in
    label: str
    basis: str  # the articles the letter cites
    remedy: str
    # What the clerk must write in the reply text for the letter to say what the law requires, or "".
    needs: str = ""


def _k(key, outcome, label, basis, remedy=ORDINARY, needs=""):
    return ReplyKind(key, outcome, label, f"{ACT}{basis}" if basis else ACT, remedy, needs)


REPLY_KINDS: dict[str, ReplyKind] = {k.key: k for k in (
    _k("granted.proactive", "granted", "（一）予以公开：已经主动公开（第三十六条第（一）项）", "第三十六条第（一）项",
       needs="获取该政府信息的方式、途径（如公开的网址、栏目或查阅场所）"),
    _k("granted", "granted", "（一）予以公开（第三十六条第（二）项）", "第三十六条第（二）项"),
    _k("partial", "partial", "（二）部分公开（第三十七条）", "第三十七条、第三十六条第（二）项、第（三）项",
       PART_REFUSAL, needs="不予公开部分的内容和理由"),
    _k("denied.state_secret", "denied.state_secret", "（三）1.属于国家秘密", "第十四条、第三十六条第（三）项", REFUSAL),
    _k("denied.prohibited_by_law", "denied.prohibited_by_law", "（三）2.其他法律行政法规禁止公开",
       "第十四条、第三十六条第（三）项", REFUSAL, needs="禁止公开的法律、行政法规的名称和条款"),
    _k("denied.security_stability", "denied.security_stability", "（三）3.危及“三安全一稳定”",
       "第十四条、第三十六条第（三）项", REFUSAL),
    _k("denied.third_party", "denied.third_party", "（三）4.保护第三方合法权益",
       "第十五条、第三十二条、第三十六条第（三）项", REFUSAL),
    _k("denied.internal_affairs", "denied.internal_affairs", "（三）5.属于三类内部事务信息",
       "第十六条第一款、第三十六条第（三）项", REFUSAL),
    _k("denied.process_information", "denied.process_information", "（三）6.属于四类过程性信息",
       "第十六条第二款、第三十六条第（三）项", REFUSAL),
    _k("denied.enforcement_files", "denied.enforcement_files", "（三）7.属于行政执法案卷",
       "第十六条第二款、第三十六条第（三）项", REFUSAL),
    _k("denied.administrative_query", "denied.administrative_query", "（三）8.属于行政查询事项（第三十六条第（七）项）",
       "第三十六条第（七）项", REFUSAL, needs="应当依照办理的法律、行政法规及办理的机关和途径"),
    _k("unable.not_held", "unable.not_held", "（四）1.经检索没有所申请的信息（第三十六条第（四）项）",
       "第三十六条第（四）项"),
    _k("unable.not_ours", "unable.not_held", "（四）1.不属于本机关负责公开（第三十六条第（五）项）",
       "第三十六条第（五）项", needs="负责公开该政府信息的行政机关的名称、联系方式（不能确定的，说明理由）"),
    _k("unable.needs_creation", "unable.needs_creation", "（四）2.没有现成信息需要另行制作（第三十八条）",
       "第三十八条"),
    _k("unable.still_unclear", "unable.still_unclear", "（四）3.补正后申请内容仍不明确（第三十条）", "第三十条"),
    _k("not_processed.complaint", "not_processed.complaint", "（五）1.信访举报投诉类申请（第三十九条第一款）",
       "第三十九条第一款", needs="可以提出信访、投诉、举报的渠道"),
    _k("not_processed.duplicate", "not_processed.duplicate", "（五）2.重复申请（第三十六条第（六）项）",
       "第三十六条第（六）项", needs="本机关已经作出的答复（日期和文号）"),
    _k("not_processed.publication", "not_processed.publication", "（五）3.要求提供公开出版物（第三十九条第二款）",
       "第三十九条第二款", needs="获取该出版物的途径"),
    _k("not_processed.excessive", "not_processed.excessive", "（五）4.无正当理由大量反复申请（第三十五条）",
       "第三十五条"),
    # The 条例 has no article for a request to confirm or re-issue information already obtained; such a
    # request is not one for government information as Art 2 defines it (see the report's notes).
    _k("not_processed.confirmation", "not_processed.confirmation", "（五）5.要求确认或重新出具已获取信息",
       "第二条"),
    _k("other.no_supplement", "other.no_supplement", "（六）1.申请人逾期不补正（第三十条）", "第三十条"),
    _k("other.unpaid_fee", "other.unpaid_fee", "（六）2.申请人逾期未缴纳信息处理费", f"第四十二条、{FEE_MEASURE}"),
    _k("other.other", "other.other", "（六）3.其他", ""),
)}
REPLY_KIND_CHOICES = [(k.key, k.label) for k in REPLY_KINDS.values()]
assert {k.outcome for k in REPLY_KINDS.values()} == set(OUTCOME_KEYS)

# The articles a reply letter cites for each outcome row (the reply type of the same key); staff may
# change the text per application.
LEGAL_BASIS = {row: REPLY_KINDS[row].basis for row in OUTCOME_KEYS}
assert set(LEGAL_BASIS) == set(OUTCOME_KEYS)


def reply_kind_of(app) -> ReplyKind:
    """The application's reply type; an application decided before reply types existed has its row's."""
    key = getattr(app, "reply_kind", "") or app.outcome
    if key in REPLY_KINDS:
        return REPLY_KINDS[key]
    return REPLY_KINDS[app.outcome]


APPLICANT_CHOICES = [(c.key, c.label if c.key != "other_org" else "其他法人或其他组织")
                     for c in schema.APPLICANT_COLUMNS if c.key != "total"]
