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

# Letters and notices (letters.py, notices/): template problems, for the administrator.
TEMPLATE_SYNTAX = "{where}有格式错误{at}：{detail}。请在后台修改该模板。"
TEMPLATE_AT_LINE = "（第{line}行）"
TEMPLATE_UNCLOSED = "有未闭合的标签（如 {% if %} 缺少 {% endif %}）"
TEMPLATE_UNKNOWN_TAG = "使用了不存在或未闭合的标签"
TEMPLATE_UNKNOWN_FILTER = "使用了不存在的过滤器"
TEMPLATE_BAD_VARIABLE = "字段写法有误（字段应写成 {{ 字段名 }}，字段名只能由字母、数字和下划线组成）"
TEMPLATE_OTHER = "无法解析"
TEMPLATE_TAG = "{where}使用了不允许的标签“{tag}”：模板中只能使用字段和 if、for、with 等简单标签。"
TEMPLATE_FIELD = "{where}中的字段“{name}”不存在。可用的字段：{fields}。"
TEMPLATE_RENDER = "{where}在生成文书时出错（{detail}），请在后台检查该模板中的条件和过滤器。"
TEMPLATE_BROKEN_TITLE = "文书模板有误，无法生成文书"
TEMPLATE_BROKEN_HELP = "请联系系统管理员在后台（{place}）修改该模板；修改后即可重新生成。"
TEMPLATE_WHERE_REPLY = "告知书模板“{name}”"
TEMPLATE_WHERE_NOTICE = "文书模板“{name}”"
TEMPLATE_FIELDS_HELP = "可用的字段（写成 {{{{ 字段名 }}}}）：{fields}"
FONT_MISSING = "服务器缺少生成 PDF 所需的中文字体，请联系系统管理员安装（fonts-wqy-zenhei）。"

# The documents' common parts.
NOTICE_SEAL = "（印章）"
NOTICE_NUMBER = "{prefix}信公{abbr}〔{year}〕{seq}号"
NOTICE_CONTACT_PERSON = "联系人：{value}"
NOTICE_CONTACT_PHONE = "联系电话：{value}"
NOTICE_CONTACT_ADDRESS = "通信地址：{value}"
NOTICE_CONTACT_POSTCODE = "邮政编码：{value}"
RECONSIDERATION_UNKNOWN = "依法有管辖权的行政复议机关"
COURT_UNKNOWN = "本机关所在地有管辖权的人民法院"
LOOKUP_NOT_SHOWN = "（查询码只在出具回执时显示一次；遗失的，请到本机关重新出具回执，原查询码作废）"
AUDIT_RECEIPT = "出具受理回执，生成新的查询码（原查询码作废）"
AUDIT_NOTICE = "生成{title}（{number}）"
NOTICE_NOT_NOW = "本申请目前不能生成“{title}”：{why}"

# The remedy sentences of the reply letters (outcomes.ORDINARY, REFUSAL, PART_REFUSAL).
REMEDY_ORDINARY = (
    "如对本答复不服，可以自收到本告知书之日起六十日内向{body}申请行政复议（《中华人民共和国行政复议法》第二十条第一款），"
    "或者自收到本告知书之日起六个月内向{court}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条第一款）。"
)
REMEDY_REFUSAL = (
    "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项和第二款的规定，如对本机关不予公开的决定不服，"
    "应当先向{body}申请行政复议，申请期限为自收到本告知书之日起六十日内（该法第二十条第一款）；"
    "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十五条）。"
)
REMEDY_PART = (
    "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项和第二款的规定，如对本告知书中不予公开部分的决定不服，"
    "应当先向{body}申请行政复议，申请期限为自收到本告知书之日起六十日内（该法第二十条第一款）；"
    "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十五条）。对本告知书其他内容不服的，可以自收到本告知书之日起六十日内向{body}"
    "申请行政复议，或者六个月内向{court}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条第一款）。"
)
REPLY_NEEDS = "按“{label}”答复，答复内容须写明{needs}。"
