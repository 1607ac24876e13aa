"""Every sentence gongkai's report core says to a person, in Chinese, in one place.

Statutory row and column labels live in ``schema``; this module holds the messages built around
them. Templates use ``str.format`` fields.
"""

from __future__ import annotations

ERRORS: dict[str, str] = {
    "not_found": "找不到文件“{name}”，请检查文件名和路径是否正确。",
    "unreadable": "无法打开文件“{name}”（{reason}），请确认文件存在且有读取权限。",
    "empty": "文件“{name}”是空文件，没有可读取的内容，请重新导出或上传完整的年度报告。",
    "too_large": "文件“{name}”过大（{size}），超过 {limit} 的上限，请确认上传的是年度报告本身。",
    "unsupported_kind": "无法识别文件“{name}”的格式（{reason}），请提供纯文本、Markdown、HTML、DOCX 或 PDF 格式的年度报告。",
    "kind_not_available": "暂不支持读取{kind}格式的文件“{name}”，请先另存为纯文本（.txt）后再导入。",
    "decode_error": "文件“{name}”的文字编码无法识别，请另存为 UTF-8 或 GB18030 编码的纯文本后重试。",
    "corrupt": "文件“{name}”已损坏或不完整（{reason}），无法读取，请重新导出或重新下载后再试。",
    "zip_bomb": "文件“{name}”解压后过大（超过 {limit}），可能不是正常的年度报告文件，已拒绝读取。",
    "encrypted": "PDF 文件“{name}”设置了密码或加密，无法读取，请提供未加密的版本。",
    "needs_ocr": "文件“{name}”是扫描件或图片，没有可读取的文字层，请提供可复制文字的 PDF 或 Word 版本（如只有扫描件，需先进行文字识别）。",
    "too_many_pages": "文件“{name}”共 {pages} 页，超过 {limit} 页的上限，不像是一份年度报告，请检查上传的文件。",
    "timeout": "读取文件“{name}”超过 {seconds:g} 秒仍未完成，已停止，请检查文件是否异常或拆分后重试。",
    "out_of_memory": "读取文件“{name}”所需的内存超过 {limit} 的上限，已停止，请检查文件是否异常或拆分后重试。",
    "needs_libreoffice": "文件“{name}”是旧版 Word/WPS 格式，本机未安装 LibreOffice 无法转换，请另存为 DOCX 后重试。",
    "parse_failed": "读取文件“{name}”时出现内部错误，已跳过该文件，请将文件提供给系统管理员排查。",
}

# Why a path that is not a regular file is refused (the ``reason`` of ``unreadable``).
NOT_REGULAR = {
    "directory": "这是一个文件夹",
    "fifo": "这是一个命名管道，不是普通文件",
    "socket": "这是一个套接字，不是普通文件",
    "device": "这是一个设备文件，不是普通文件",
    "other": "不是普通文件",
}


def size_text(n: int) -> str:
    """A byte count as a clerk reads it."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} 字节"


SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

FINDINGS: dict[str, str] = {
    "balance": "勾稽关系不成立：“{column}”列中，第一项（{new}）加第二项（{carried_in}）之和为 {left}，"
    "而第三项总计（{total}）加第四项（{carried_out}）之和为 {right}。",
    "row_total": "“{row}”一行的总计为 {total}，但六类申请人数量之和为 {sum}。",
    "outcome_total": "“{column}”列中，（七）总计为 {total}，但（一）至（六）各项办理结果之和为 {sum}。",
    "appeal_total": "“{group}”的总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {sum}。",
    "non_negative": "“{row}”的“{column}”为负数（{value}），数量不能为负。",
    "missing_cell": "“{table}”中“{row}”的“{column}”为空或无法识别，请填写数字（没有的填 0）。",
    "missing_cell_placeholder": "“{table}”中“{row}”的“{column}”填写为“{raw}”而不是数字，如为零请填 0。",
    "missing_section": "报告缺少第{number}部分“{label}”。",
    "missing_table": "报告缺少“{label}”统计表。",
    "format_mismatch": "{year}年度报告应使用{required}格式（{notice}），但表格是按{actual}格式填写的。",
    "format_unknown": "未能识别报告使用的统计表格式，表格可能缺失或严重变形。",
    "late_publication": "报告落款日期为 {published}，晚于{level}年度报告的公布期限 {deadline}。",
    "published_before_year_end": "报告落款日期 {published} 早于报告年度结束，年度或日期可能有误。",
    "narrative_applications": "总体情况中写明本年收到政府信息公开申请 {stated} 件，但统计表中本年新收申请总计为 {table} 件。",
    "narrative_reconsideration": "总体情况中写明行政复议 {stated} 件，但统计表中行政复议总计为 {table} 件。",
    "narrative_litigation": "总体情况中写明行政诉讼 {stated} 件，但统计表中行政诉讼总计为 {table} 件。",
    "narrative_breakdown": "总体情况中写明主动公开政府信息 {stated} 条，但其后列出的分项之和为 {sum} 条。",
    "narrative_documents": "总体情况中写明本年制发规范性文件 {stated} 件，但统计表中为 {table} 件。",
    "inferred_position": "“{row}”一行的标签在原文中缺失，已按位置推定为该行（原文：{raw}）。",
    "inferred_extra_values": "“{row}”一行有 {found} 个数值，多于应有的 {expected} 列，已按右对齐取后 {expected} 个（原文：{raw}）。",
    "inferred_unit": "“{row}”的“{column}”原文为“{raw}”，已由元换算为万元：{value}。",
    "inferred_none_word": "“{row}”的“{column}”原文为“{raw}”，按 0 计。",
    "inferred_split": "“{row}”的数值在原文中与相邻行合并在同一单元格（“{raw}”），已按行拆分。",
    "ambiguous_merged": "“{row}”一行的单元格含有多行数值（“{raw}”），无法确定其余数值属于{candidates}中的哪一行，相关单元格留空。",
    "ambiguous_short_row": "“{row}”一行只找到 {found} 个数值，少于应有的 {expected} 列，原文未标明哪些单元格为空，无法确定数值对应的列，相关单元格留空。",
    "ambiguous_run": "“{row}”一行的数字在原文中连在一起（“{raw}”），无法确定如何分到 {expected} 列，相关单元格留空。",
    "inferred_by_total": "“{row}”一行的数值位置由本行总计等于各列之和推定（原文：{raw}）。",
    "truncated": "原文在“{table}”的“{row}”处中断，其后的单元格在文本中不可见（未作为缺失单元格报告）。",
    "unplaced_values": "{where}有一行数值（{raw}）没有行标签，无法确定属于哪一行，已忽略。",
    "ocr_uncertain": "“{row}”的“{column}”是从扫描件中识别的（{where}，识别为“{raw}”，置信度 {confidence:.0%}），"
    "识别结果可能有误，请对照原件核对。",
    "ocr_point_dropped": "“{row}”的“{column}”从扫描件中识别为“{raw}”（{where}），该栏为件数，只能是整数，"
    "其中的小数点应是污点，已按 {value} 计，请对照原件核对。",
    "ocr_corrected": "“{row}”的“{column}”从扫描件中识别为“{raw}”（{where}，置信度 {confidence:.0%}），"
    "也可能是{readings}；按{rule}，只有 {value} 成立，已按 {value} 计，请对照原件核对。",
    "picture_not_read": "文件中的统计表似为图片，但有 {count} 张图片未识别：{pictures}。相关表格的数值可能缺失，请对照原件核对。",
}

# Labels of issuer levels for the publication deadline.
LEVELS = {"government": "县级以上人民政府", "department": "政府部门", "township": "乡镇（街道）"}

KIND_LABELS = {"docx": "Word（DOCX）", "pdf": "PDF", "html": "网页（HTML）", "doc": "旧版 Word（DOC）",
               "zip": "压缩包", "image": "图片"}

# Words of the human-readable output of the command line.
CLI = {
    "issuer": "发布机关",
    "year": "报告年度",
    "format": "格式",
    "published_on": "落款日期",
    "source": "文件",
    "none": "（未识别）",
    "no_findings": "未发现问题。",
    "findings": "检查结果",
    "error_line": "无法读取",
    "blank": "空",
    "format_names": {"2021": "2021年版（国办公开办函〔2021〕30号）", "2019": "2019年版（国办公开办函〔2019〕60号）",
                     "pre2019": "2019年以前的报告", "unknown": "未识别"},
    "summary": "共 {files} 个文件：{ok} 个读取成功，{failed} 个无法读取；{errors} 个错误，{warnings} 个警告。",
}

# Words of the rendered official report and of ``gongkai render``.
RENDER = {
    "title": "{issuer}{year}政府信息公开工作年度报告",
    "year": "{year}年",
    "date": "{year}年{month}月{day}日",
    "refused": "报告中有 {count} 个错误，为避免公布不符合勾稽关系或缺少数据的报告，未生成文件。"
    "请先改正以下问题；如确需按现有数据生成，请加 --allow-errors 参数：",
    "allowed": "注意：报告中有 {count} 个错误，已按 --allow-errors 照常生成：",
    "unsupported_format": "报告的统计表格式为“{format}”，只能按 2021 年版或 2019 年版的正式格式生成报告。",
    "bad_json": "文件“{name}”不是有效的年度报告 JSON（{reason}），请使用 gongkai parse --json 输出的内容。",
    "unreadable": "无法读取文件“{name}”（{reason}）。",
    "write_failed": "无法写入文件“{name}”（{reason}），请检查路径和写入权限。",
    "font_missing": "生成 PDF 需要中文字体，但未找到（{paths}），请安装 Debian 软件包 fonts-wqy-zenhei 后重试。",
    "written": "已生成{kind}：{path}",
    "kinds": {"docx": "Word 文档（DOCX）", "html": "网页（HTML）", "md": "Markdown 文档", "pdf": "PDF 文档"},
    "table_region": "表格：{label}（可左右滑动查看）",
}
