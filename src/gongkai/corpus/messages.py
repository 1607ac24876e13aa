"""Every Chinese sentence the corpus tools say to a person (findings, progress, errors)."""

COLUMNS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

FINDINGS = {
    "carry_over": (
        "“二、上年结转政府信息公开申请数量”（{column}）为 {carried_in}，"
        "与 {previous_year} 年度报告（{previous_path}）“四、结转下年度继续办理”的 {carried_out} 不一致。"
    ),
    "stock_flow": (
        "{label}现行有效件数为 {in_force}，而上年现行有效 {previous} 件加本年制发 {issued} 件、减本年废止 {repealed} 件"
        "应为 {expected} 件（仅供参考：清理、统计口径变化会合法地打破这一关系）。"
    ),
    "year_jump": "{label}由 {previous_year} 年度的 {previous} 变为本年度的 {value}，变化超过 {factor} 倍，请核实。",
    "duplicate_version": (
        "同一机关同一年度有 {count} 份内容不同的报告，本份为第 {version} 版；"
        "其他版本：{others}。请确认哪一份是正式发布的报告。"
    ),
    "copied_previous_year": (
        "第一、五、六部分正文与本机关 {other_year} 年度报告（{other_path}）的相似度为 {score:.0%}，"
        "疑似照搬往年报告（与往年雷同）。"
    ),
    "copied_other_agency": (
        "第一、五、六部分正文与 {other_agency} 的同年度报告（{other_path}）的相似度为 {score:.0%}，"
        "疑似与其他单位雷同。"
    ),
    "late_publication_local": "报告落款日期为 {published}，晚于名录规定的本机关年度报告公布期限 {deadline}。",
    "not_in_roster": "报告单位“{issuer}”不在名录中，无法对应到名录中的机关，请核对名录或单位名称。",
    "aggregate_mismatch": (
        "本报告的{label}为 {value}，名录所列 {members} 个下属单位报告之和为 {total}，二者不一致。"
    ),
}

MISSING = "{agency} 未找到 {year} 年度的政府信息公开工作年度报告（名录要求自 {expected_from} 年度起报送）。"

LABELS = {
    "applications.new.total": "本年新收政府信息公开申请数量（总计）",
    "applications.total.total": "办理结果总计",
    "applications.granted.total": "予以公开（总计）",
    "appeals.reconsideration.total": "行政复议总计",
    "appeals.litigation_direct.total": "未经复议直接起诉总计",
    "appeals.litigation_after_reconsideration.total": "复议后起诉总计",
    "proactive.licensing.decisions": "行政许可处理决定数量",
    "proactive.punishment.decisions": "行政处罚处理决定数量",
    "proactive.rules.in_force": "规章",
    "proactive.normative_documents.in_force": "行政规范性文件",
}

PROGRESS = {
    "bar": "导入年度报告",
    "counts": "已读取 {read} 个，失败 {failed} 个，跳过 {skipped} 个",
    "line": "已处理 {done}/{total} 个文件：已读取 {read} 个，失败 {failed} 个，跳过 {skipped} 个",
    "done": (
        "导入完成：共 {total} 个文件，新读取 {read} 个，无法读取 {failed} 个，不是年度报告 {not_reports} 个，"
        "已导入而跳过 {skipped} 个；数据库 {db}。"
    ),
    "checked": (
        "全库检查完成：新增跨年度、跨单位检查结果 {findings} 条，疑似雷同报告 {pairs} 对，名录缺报 {missing} 份。"
    ),
}

ERRORS = {
    "no_input": "没有找到要导入的文件：请给出文件夹、压缩包或 --files-from 文件清单。",
    "list_unreadable": "无法读取文件清单 {path}：{reason}",
    "db_unreadable": "无法打开数据库 {path}：{reason}",
    "db_newer": "数据库 {path} 由更新版本的 gongkai 创建（结构版本 {found}，本程序支持 {supported}），请升级后再用。",
    "roster_unreadable": "无法读取名录 {path}：{reason}",
    "roster_column": "名录 {path} 缺少必需的列“{column}”（需要 agency、parent、level、region、expected_from）。",
    "roster_row": "名录 {path} 第 {line} 行有误：{reason}",
    "scheduler": "无法连接 Dask 集群 {address}：{reason}",
    "parse_failed": (
        "读取这个文件时发生内部错误，已跳过；请单独用 gongkai check 检查它，并把文件报告给维护者。"
    ),
    "worker_crashed": (
        "读取这个文件时处理进程意外退出（文件可能触发了解析器缺陷），已跳过；请单独用 gongkai check 检查它。"
    ),
    "not_a_report": (
        "这个文件不是政府信息公开工作年度报告（没有统计表、年度、报告单位、标题或正文各部分），未作为报告导入。"
    ),
    "member_too_large": "压缩包中的文件 {name} 解压后为 {size} 字节，超过上限 {limit} 字节，未读取。",
    "zip_unreadable": "压缩包 {name} 已损坏或无法打开，其中的文件未读取。",
}

STATS = {
    "reports": "报告数",
    "new": "新收申请",
    "carried_in": "上年结转",
    "total": "办理总计",
    "carried_out": "结转下年",
    "disclosed_rate": "公开率",
    "denied_rate": "不予公开率",
    "unable_rate": "无法提供率",
    "not_processed_rate": "不予处理率",
    "other_rate": "其他处理率",
    "reconsideration": "行政复议",
    "reconsideration_corrected_rate": "复议纠错率",
    "litigation": "行政诉讼",
    "litigation_corrected_rate": "诉讼纠错率",
    "fees": "收费金额（万元）",
    "rules_issued": "制发规章",
    "normative_issued": "制发规范性文件",
    "licensing": "行政许可决定",
    "punishment": "行政处罚决定",
    "findings": "问题数",
    "too_small": "样本过少",
}

# Short Chinese names of the rules, for tables and charts (a rule not listed is shown by its id).
RULE_NAMES = {
    "balance": "勾稽关系不成立",
    "row_total": "行合计不符",
    "outcome_total": "办理结果合计不符",
    "appeal_total": "复议诉讼合计不符",
    "non_negative": "数值为负",
    "missing_cell": "单元格缺失",
    "missing_section": "缺少正文部分",
    "missing_table": "缺少统计表",
    "format_mismatch": "表格格式与年度不符",
    "format_unknown": "表格格式无法识别",
    "late_publication": "逾期公布",
    "narrative_mismatch": "正文与表格不一致",
    "inferred_cell": "单元格为推定值",
    "ambiguous_cell": "单元格无法确定",
    "unplaced_values": "无标签的数值行",
    "truncated": "原文不完整",
    "carry_over": "上年结转不衔接",
    "stock_flow": "现行有效件数不衔接",
    "year_jump": "数量跨年度突变",
    "duplicate_version": "同年度多个版本",
    "copied_previous_year": "与往年雷同",
    "copied_other_agency": "与其他单位雷同",
    "not_in_roster": "不在名录中",
    "aggregate_mismatch": "汇总数与下属单位之和不符",
}

EXPORT = {
    "xlsx_split": (
        "{table} 表超过 Excel 单个工作表的行数上限（1,048,576 行），已分成 {sheets} 个工作表（{table}、{table}_2……）；"
        "这么大的表建议导出为 Parquet 或 CSV（--to parquet 或 --to csv）。"
    ),
}

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

# The page of `gongkai corpus report`.
REPORT = {
    "title": "政府信息公开工作年度报告汇总分析",
    "generated": "数据库 {db}，生成于 {when}。本页离线可用，不加载任何网络资源。",
    "overview": "概况",
    "overview_items": {
        "files": "导入的文件",
        "reports": "读取成功的报告",
        "failed": "无法读取的文件",
        "not_reports": "不是年度报告的文件",
        "agencies": "机关",
        "years": "年度范围",
        "corpus_findings": "跨年度、跨单位检查问题",
        "pairs": "疑似雷同报告（对）",
        "missing": "名录缺报（份）",
    },
    "trends": "年度趋势",
    "trend_new": "各年度本年新收政府信息公开申请数",
    "trend_new_desc": "柱状图：横轴为报告年度，纵轴为各机关本年新收申请数之和。{values}",
    "trend_rate": "各年度公开率",
    "trend_rate_desc": "折线图：横轴为报告年度，纵轴为公开率；办理总计不足 {minimum} 件的年度不计算公开率，折线在该处断开。{values}",
    "regions": "各地区办理结果分布",
    "regions_chart": "各地区政府信息公开申请办理结果构成",
    "regions_desc": "堆积条形图：每个地区一条，按公开率从高到低排列，各段为各类办理结果占办理总计的比例。{values}",
    "regions_hidden": "办理总计不足 {minimum} 件、样本过少而未排名的地区 {count} 个：{names}。",
    "regions_none": "没有办理总计达到 {minimum} 件的地区，暂不排名。",
    "outcomes": ("予以公开和部分公开", "不予公开", "无法提供", "不予处理", "其他处理"),
    "agencies": "问题最多的机关",
    "agencies_chart": "错误和警告最多的 {count} 个机关",
    "agencies_desc": "条形图：按机关各年度现行版本报告中错误和警告级别问题的条数从多到少排列。{values}",
    "agencies_none": "没有机关的报告存在错误或警告级别的问题。",
    "rules": "问题类型",
    "rules_chart": "各类问题的条数",
    "rules_desc": "条形图：现行版本报告中各类检查规则发现的问题条数（含提示级别）。{values}",
    "pairs": "疑似雷同的报告",
    "pairs_none": "未发现疑似雷同的报告。",
    "pairs_more": "共 {count} 对，此处列出相似度最高的 {shown} 对；完整清单请用 gongkai corpus similar。",
    "missing": "名录缺报",
    "missing_more": "共 {count} 份，此处列出前 {shown} 份；完整清单请用 gongkai corpus check。",
    "data_table": "查看数据表",
    "unknown": "未识别",
    "definitions": "定义与说明",
    "definitions_items": (
        ("统计范围", "每个机关每个年度只计现行版本（同一机关同一年度有多份内容不同的报告时，取落款日期最晚的一份）；"
                  "无法读取的文件不计入任何统计。2008—2018 年度报告没有全国统一的统计表，新收申请取正文中写明的受理（收到）申请件数。"),
        ("公开率", "（予以公开 + 部分公开）÷ 办理结果总计（第三部分（七）总计）。不予公开率、无法提供率、不予处理率、"
                 "其他处理率分别为第三部分（三）、（四）、（五）、（六）各项之和 ÷ 办理结果总计。空白单元格不计入分子或分母。"),
        ("样本下限", "比例只在分母（办理结果总计）不少于 {minimum} 件时计算；不足的年度和地区照常列出数量，但不计算比例、不参加排名。"),
        ("问题最多的机关", "按该机关各年度现行版本报告中“错误”和“警告”级别问题的条数之和排序，"
                      "含逐份检查（勾稽关系、合计、格式、公布期限等）和跨年度、跨单位检查（上年结转、雷同、多个版本等）；"
                      "“提示”级别不计。这是计数排名：报告年度越多，可能的问题越多，请结合报告份数阅读。"),
        ("雷同", "第一、五、六部分正文去掉统一模板语句、数字和单位名称后，按五字片段计算的相似度（杰卡德系数）达到 {threshold:.0%}："
               "与本机关上一年度比较为“与往年雷同”，与同年度其他机关比较为“与其他单位雷同”。"),
        ("地区", "取名录中的地区；名录未列出的机关，取其名称中的第一个地名。"),
    ),
    "relation": {"previous_year": "与往年雷同", "same_year": "与其他单位雷同"},
    "columns": {
        "year": "年度", "region": "地区", "agency": "机关", "reports": "报告数", "new": "新收申请",
        "total": "办理总计", "disclosed_rate": "公开率", "denied_rate": "不予公开率", "unable_rate": "无法提供率",
        "not_processed_rate": "不予处理率", "other_rate": "其他处理率", "errors": "错误", "warnings": "警告",
        "problems": "错误和警告", "per_report": "每份报告", "rule": "问题类型", "count": "条数", "score": "相似度",
        "relation": "类型", "severity": "级别", "report": "报告", "other": "对照报告", "passages": "相同语句（节选）",
        "missing_agency": "机关", "missing_year": "年度",
    },
}
