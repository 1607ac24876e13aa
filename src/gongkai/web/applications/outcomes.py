"""The statutory outcomes: exactly the outcome rows of section 三 in the 2021 format.

Why from the schema: an application closed with an outcome is one count in one row of the annual
report, so the list of outcomes must be the report's rows, not a second list kept by hand.
"""

from __future__ import annotations

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


_ACT = "《中华人民共和国政府信息公开条例》"
# The articles a reply letter cites for each outcome; staff may change the text per application.
LEGAL_BASIS = {
    "granted": f"{_ACT}第三十六条第（二）项",
    "partial": f"{_ACT}第三十六条第（三）项、第三十七条",
    "denied.state_secret": f"{_ACT}第十四条、第三十六条第（三）项",
    "denied.prohibited_by_law": f"{_ACT}第十四条、第三十六条第（三）项",
    "denied.security_stability": f"{_ACT}第十四条、第三十六条第（三）项",
    "denied.third_party": f"{_ACT}第十五条、第三十二条、第三十六条第（三）项",
    "denied.internal_affairs": f"{_ACT}第十六条第一款、第三十六条第（三）项",
    "denied.process_information": f"{_ACT}第十六条第二款、第三十六条第（三）项",
    "denied.enforcement_files": f"{_ACT}第十六条第二款、第三十六条第（三）项",
    "denied.administrative_query": f"{_ACT}第三十六条第（七）项",
    "unable.not_held": f"{_ACT}第三十六条第（四）项",
    "unable.needs_creation": f"{_ACT}第三十八条",
    "unable.still_unclear": f"{_ACT}第三十条",
    "not_processed.complaint": f"{_ACT}第三十九条第一款",
    "not_processed.duplicate": f"{_ACT}第三十六条第（六）项",
    "not_processed.publication": f"{_ACT}第三十九条第二款",
    "not_processed.excessive": f"{_ACT}第三十五条",
    "not_processed.confirmation": f"{_ACT}第三十九条第二款",
    "other.no_supplement": f"{_ACT}第三十条",
    "other.unpaid_fee": f"{_ACT}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "other.other": _ACT,
}
assert set(LEGAL_BASIS) == set(OUTCOME_KEYS)

APPLICANT_CHOICES = [(c.key, c.label if c.key != "other_org" else "其他法人或其他组织")
                     for c in schema.APPLICANT_COLUMNS if c.key != "total"]
