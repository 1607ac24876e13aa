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
        "导入完成：共 {total} 个文件，新读取 {read} 个，无法读取 {failed} 个，已导入而跳过 {skipped} 个；"
        "数据库 {db}。"
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
