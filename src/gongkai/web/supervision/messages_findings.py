"""The Chinese sentences of the evidence pages: findings, reports published elsewhere, years, 雷同."""

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

# What each rule is about, for the supervisor's list (the finding's own message says the details).
RULES = {
    "missing_section": "缺少法定部分",
    "format_mismatch": "未使用规定格式",
    "format_unknown": "格式无法识别",
    "missing_table": "缺少表格",
    "missing_cell": "表格数据缺失",
    "non_negative": "数据为负数",
    "row_total": "合计与分项之和不一致",
    "outcome_total": "办理结果总计不一致",
    "balance": "申请数量不平衡",
    "appeal_total": "复议诉讼总计不一致",
    "late_publication": "逾期公布",
    "narrative_mismatch": "正文与表格数字不一致",
    "inferred_cell": "数据系推断读取",
    "ambiguous_cell": "数据无法确定",
    "carry_over": "上年结转与上年报告不一致",
    "stock_flow": "现行有效件数前后不衔接",
    "year_jump": "数据较上年大幅变化",
    "copied_previous_year": "与往年报告雷同",
    "copied_other_agency": "与其他单位报告雷同",
    "aggregate_mismatch": "汇总报告与所属单位之和不一致",
}

# The provision a finding rests on: the 条例 (2019) for contents and deadlines, the national format
# notice (国办公开办函〔2021〕30号) for the tables and how they add up.
FORMAT_NOTICE = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
ART_49 = "《中华人民共和国政府信息公开条例》第四十九条"
ART_50 = "《中华人民共和国政府信息公开条例》第五十条"
ARTICLES = {
    "missing_section": ART_50,
    "format_mismatch": FORMAT_NOTICE,
    "format_unknown": FORMAT_NOTICE,
    "missing_table": ART_50,
    "missing_cell": FORMAT_NOTICE,
    "non_negative": FORMAT_NOTICE,
    "row_total": FORMAT_NOTICE,
    "outcome_total": FORMAT_NOTICE,
    "balance": FORMAT_NOTICE,
    "appeal_total": FORMAT_NOTICE,
    "late_publication": ART_49,
    "narrative_mismatch": ART_50,
    "carry_over": FORMAT_NOTICE,
    "stock_flow": FORMAT_NOTICE,
    "year_jump": ART_50,
    "copied_previous_year": ART_50,
    "copied_other_agency": ART_50,
    "aggregate_mismatch": ART_49,
}
NO_ARTICLE = "—"

FINDINGS_TITLE = "{year}年度 年度报告问题清单"
DECIDED = {"confirmed": "确认", "dismissed": "不予采纳"}
UNDECIDED = "未认定"
DECISION_SAVED = "已记录对该问题的认定。"
DECISION_UNKNOWN = "该问题已不在本年度的问题清单中（报告可能已修改），请刷新页面。"
DECISION_INVALID = "请选择“确认”或“不予采纳”。"
COMMENT_TOO_LONG = "意见不能超过 {limit} 个字。"
EVIDENCE_PREVIOUS = "{year}年度报告"
EVIDENCE_THIS = "本报告"
SIMILARITY = "相似度 {score:.0%}"
NO_REPORT = "无报告"

EXTERNAL_TITLE = "{year}年度 外部发布的年度报告"
EXTERNAL_NONE = "请选择要上传的文件。"
EXTERNAL_SAVED = "{name}：已读取，对应机关：{agency}。"
EXTERNAL_UNMATCHED = "{name}：已读取，但报告单位“{issuer}”未能对应到本县名录中的机关，请手工选择。"
EXTERNAL_DUPLICATE = "{name}：与已上传的“{other}”内容相同，未重复保存。"
EXTERNAL_FAILED = "{name}：无法读取——{reason}"
EXTERNAL_TOO_MANY = "一次最多上传 {limit} 个文件（压缩包内的文件一并计算），其余文件未处理。"
EXTERNAL_TOO_LARGE = "{name}：文件大小 {size} 超过上限 {limit}。"
EXTERNAL_ASSIGNED = "已将“{name}”对应到 {agency}。"
EXTERNAL_UNASSIGNED = "已取消“{name}”的对应机关。"
EXTERNAL_NOT_IN_SCOPE = "所选机关不在本县名录中。"
UNKNOWN_ISSUER = "（未识别）"

YEARS_TITLE = "{agency} 历年年度报告对照"
YEARS_NONE = "该机关尚无可对照的年度报告。"
COPYING_TITLE = "{year}年度 各单位年度报告雷同比对"
TOO_SHORT = "正文过短，不作比对"
