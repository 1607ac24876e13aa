"""The Chinese sentences of the county figures, the XLSX exports and the 通报 (S3's pages)."""

FIGURES_TITLE = "{year}年度 政府信息公开工作 全县数据"
TOO_SMALL = "样本过少，不参与排名"
NO_DATA = "无数据"
NO_REPORT = "无报告"
COUNTY_SUM = "所辖机关合计"
COUNTY_OWN = "本级报告"
OWN_NOT_COMPARED = "本级报告未设为汇总报告（见“期限和规则”），只列出，不与所辖机关合计对照。"
DIFFERENCE = "差额（本级 − 合计）"
RANK_NOTE = "样本少于{n}件的机关列为“样本过少，不参与排名”（一件之差即可使比率变动十个百分点以上）。"
DESCENDING = "由高到低"
ASCENDING = "由低到高"

# Column labels of the sums (corpus.measures.SUMS names) shown on the page and in the XLSX.
SUM_LABELS = {
    "new": "本年新收申请",
    "carried_in": "上年结转",
    "total": "办理结果总计",
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
    "carried_out": "结转下年度",
    "reconsideration": "行政复议总计",
    "rec_corrected": "复议结果纠正",
    "litigation": "行政诉讼总计",
    "lit_corrected": "诉讼结果纠正",
    "fees": "行政事业性收费（万元）",
}
PLATFORM_LABELS = {
    "applications": "平台受理申请",
    "overdue_open": "超期未答复",
    "answered_late": "逾期答复",
    "disclosed": "平台主动公开",
    "late_disclosures": "超过二十个工作日公开",
}
PLATFORM_NOTE = ("平台记录（仅计件数，不含任何申请人信息）：平台受理申请 = 该年度收到的申请；"
                 "超期未答复 = 其中截至{today}仍未办结且已过答复期限的；"
                 "逾期答复 = 其中超过答复期限才答复的（条例第三十三条）；"
                 "超过二十个工作日公开 = 该年度首次主动公开、距信息形成或变更之日"
                 "超过二十个工作日的（条例第二十六条）。")

RANKINGS = {
    "disclosed_rate": ("公开率排名", "（予以公开 + 部分公开）÷ 办理结果总计，依各机关年度报告第三部分；由高到低"),
    "reconsideration_corrected_rate": ("行政复议纠错率排名",
                                       "行政复议结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），"
                                       "依年度报告第四部分；由高到低"),
    "litigation_corrected_rate": ("行政诉讼纠错率排名",
                                  "行政诉讼结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），两类诉讼合计；由高到低"),
    "overdue": ("超期和逾期答复件数排名",
                "超期未答复 + 逾期答复（平台记录，该年度收到的申请）；件数由多到少；样本为平台受理申请数"),
    "late_disclosures": ("超过二十个工作日公开件数排名",
                         "该年度首次主动公开且超过二十个工作日公开的件数（平台记录）；由多到少；样本为平台主动公开件数"),
}

CHART_APPLICATIONS = "各机关本年新收政府信息公开申请"
CHART_APPLICATIONS_DESC = "横条图：{year}年度各机关年度报告第三部分“本年新收”总计，按件数由多到少。"
CHART_OUTCOMES = "各机关办理结果分布"
CHART_OUTCOMES_DESC = ("百分比堆积条：各机关办理结果总计中予以公开、部分公开、不予公开、无法提供、不予处理、"
                       "其他处理的占比。")
CHART_DISCLOSED = "各机关公开率"
CHART_DISCLOSED_DESC = "横条图：参与排名的机关的公开率，由高到低；样本过少的机关不在图中。"
CHART_OVERDUE = "各机关超期和逾期答复件数"
CHART_OVERDUE_DESC = "横条图：平台记录的超期未答复与逾期答复件数之和，由多到少；件数为零的机关不在图中。"
OUTCOME_PARTS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")

# XLSX
XLSX_FIGURES_SHEET = "全县数据"
XLSX_RANKINGS_SHEET = "排名"
XLSX_FINDINGS_SHEET = "发现的问题"
XLSX_AGENCY = "机关"
XLSX_SOURCE = "报告来源"
XLSX_FINDINGS_HEADER = ("机关", "规则", "严重程度", "单元格", "说明", "条款", "处理决定", "意见")
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
DECISIONS = {"confirmed": "确认", "dismissed": "排除", "": "待处理"}

# 通报
TONGBAO_TITLE = "关于{year}年度政府信息公开工作年度报告情况的通报"
TONGBAO_PAGE_TITLE = "{year}年度 通报（草稿）"
TONGBAO_ADDRESSEE = "各乡镇人民政府（街道办事处），县直各部门："
TONGBAO_OVERVIEW = (
    "{year}年度，本县应报送政府信息公开工作年度报告的机关共{expected}个，其中已发布{published}个，"
    "已报送备案尚未发布{filed}个，尚未报送也未发布{unfiled}个{missing}。"
    "据各机关年度报告统计，全县本年新收政府信息公开申请{new}件，上年结转{carried_in}件，办理结果总计{total}件，"
    "其中予以公开{granted}件、部分公开{partial}件，公开率{disclosed_rate}；因政府信息公开工作被申请行政复议"
    "{reconsideration}件（结果纠正{rec_corrected}件），被提起行政诉讼{litigation}件（结果纠正{lit_corrected}件）。"
    "平台记录显示，该年度收到的申请中超期未答复{overdue_open}件、逾期答复{answered_late}件，"
    "超过二十个工作日主动公开{late_disclosures}件。"
)
TONGBAO_MISSING = "（{names}）"
TONGBAO_PROBLEMS_NONE = "经审查，未发现需要通报的问题。"
TONGBAO_DEADLINES = "报送和发布期限方面，{parts}。"
TONGBAO_DEADLINE_KINDS = {"late_filing": "逾期报送", "late_publication": "逾期发布", "not_filed": "逾期未报送",
                          "not_published": "逾期未发布", "missing": "缺报"}
TONGBAO_PROBLEM_AGENCY = "{agency}：{items}。"
TONGBAO_NEXT = (
    "一、存在问题的机关要对照本通报逐项整改，于收到通报之日起十五个工作日内将整改情况报县政务公开办。\n"
    "二、各机关要严格按照《中华人民共和国政府信息公开条例》第三十三条规定的期限答复政府信息公开申请，"
    "对超期未答复的申请立即办理。\n"
    "三、各机关要按照条例第二十六条，自政府信息形成或者变更之日起二十个工作日内及时公开。"
)
TONGBAO_ISSUER = "{county}政务公开办"
TONGBAO_H_OVERVIEW = "一、总体情况"
TONGBAO_H_PROBLEMS = "二、发现的问题"
TONGBAO_H_NEXT = "三、下一步要求"
TONGBAO_TABLE = "附表：各机关年度报告主要数据"
TONGBAO_TABLE_HEADER = ("机关", "本年新收", "办理结果总计", "公开率", "行政复议", "行政诉讼", "超期未答复", "逾期答复")
TONGBAO_GENERATE = "生成通报（Word）"
TONGBAO_FIELDS = {"number": "文号", "title": "标题", "addressee": "主送机关", "overview": "一、总体情况",
                  "problems": "二、发现的问题",
                  "next_steps": "三、下一步要求", "issuer": "发文机关", "date": "成文日期"}
