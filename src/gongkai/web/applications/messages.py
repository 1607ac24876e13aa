"""Chinese sentences of the applications app that are about deadlines which cannot be counted yet.

(Older sentences of this app still sit beside their code; new ones go here.)
"""

from __future__ import annotations

# 期限待定: a year the calendar does not know yet.
UNDETERMINED = "期限待定"
UNDETERMINED_WHY = (
    "答复期限跨入 {year} 年，而 {year} 年的全国放假安排尚未录入，无法按工作日计算。"
    "管理员录入该年安排后自动计算；在此之前，负责人可以人工核定答复期限并说明理由。"
)
UNDETERMINED_BANNER = "期限待定 {count} 件：所跨年份的全国放假安排尚未录入，请管理员录入或由负责人人工核定期限。"
MANUAL = "人工核定"
MANUAL_LINE = "{date}（人工核定：{reason}；核定人 {by}）"
MANUAL_RULES = "录入 {year} 年全国放假安排后，将自动改按工作日计算答复期限，人工核定的期限不再适用。"
MANUAL_SUPERSEDED = (
    "已录入全国放假安排，答复期限按工作日计算；原人工核定的期限 {date}（{reason}）不再适用。"
)
MANUAL_DAYS_LEFT = "距期限还有 {days} 天（自然日）"
MANUAL_OVERDUE = "已超过人工核定的期限"

# The same, as the applicant sees it on the public status page.
PUBLIC_UNDETERMINED = "答复期限待定：{year} 年的全国节假日安排公布后，按工作日确定答复期限。"
PUBLIC_MANUAL = "答复期限由本机关负责人核定（{year} 年的全国节假日安排尚未公布）。"

# The head's form and its audit entry.
MANUAL_ACTION = "人工核定答复期限"
MANUAL_DUE_LABEL = "人工核定的答复期限"
MANUAL_REASON_LABEL = "核定理由"
MANUAL_REASON_HELP = "说明如何确定这一日期，如“参照往年春节放假安排，按20个工作日估算”。"
MANUAL_BEFORE_START = "答复期限应晚于{what}（{start}）。"
MANUAL_TOO_LATE = "答复期限不应晚于{what}后一年（{limit}），请核对日期。"
MANUAL_NOT_NEEDED = "本申请的答复期限可以按工作日计算，不需要人工核定。"
START_RECEIVED = "收到申请之日"
START_SUPPLEMENTED = "收到补正申请之日"
AUDIT_MANUAL = "负责人人工核定答复期限为 {date}（{year} 年全国放假安排尚未录入）：{reason}"
AUDIT_MANUAL_CHANGED = "负责人将人工核定的答复期限由 {old} 改为 {date}（{year} 年全国放假安排尚未录入）：{reason}"

# Recounting after a year's schedule was entered, changed or removed.
RECOUNT_WHY = "{year} 年全国放假安排变更"
AUDIT_RECOUNT = "{why}，答复期限由 {old} 改为 {new}"
NO_DATE = "待定"

# Need-to-know (privacy.py): what other roles see in place of an applicant's personal data.
MASKED = "已隐去"
MASKED_NOTE = "申请人的身份证明号码、联系方式和申请材料仅登记、承办、审核人员和负责人可见，已隐去。"
ATTACHMENT_MASKED = "附件已隐去"
ATTACHMENT_FORBIDDEN = "申请的附件可能含有申请人的个人信息，仅登记、承办、审核人员和负责人可以下载。"
SHOWN_SEPARATOR = "、"
SHOWN_ATTACHMENT = "附件“{name}”（{kind}）"
VIA_PAGE = "办理页面"
VIA_ATTACHMENT = "下载附件"

# Attachments (services.attach).
AUDIT_ATTACH = "上传附件（{name}）"
