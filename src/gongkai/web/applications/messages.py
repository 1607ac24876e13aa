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

# 待我处理 (inbox.py): each section's title and the sentence under it, by key.
INBOX = {
    "submit": ("待提交审核", "已登记的申请，核对后提交审核。"),
    "supplement": ("待登记补正", "已告知补正、尚未收到补正的申请。"),
    "archive": ("待归档", "已答复的申请，送达后归档。"),
    "review": ("待审核", "提交审核的申请：审核通过后交办，或告知补正。"),
    "mine": ("我承办的申请", "交由我办理、尚未办结的申请，最紧急的在前。"),
    "unassigned": ("待分配的办理中申请", "办理中但尚未指定承办人的申请。"),
    "extend": ("延期待批", "即将到期、尚未延期的申请：如需延期，须在答复期限届满前批准并告知申请人"
                           "（条例第三十三条第二款）。"),
    "manual": ("期限待定，待人工核定", "答复期限跨入尚未录入放假安排的年度，请录入放假安排或人工核定期限。"),
    "art35": ("第三十五条待确定答复期限", "已要求申请人说明理由，待确定不予处理或延迟答复的期限。"),
    "documents": ("主动公开信息待{label}", "提交{label}的主动公开信息（初审、审核、审发须由三个不同的人完成）。"),
}

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
RECOUNT_LOCAL_WHY = "本机关地方休息日变更"
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

# Time limits (issue 14 part 2): each refusal names its article.
DATE_FUTURE = "{label}（{value}）晚于今天（{today}），不能登记尚未发生的日期。"
DATE_BEFORE_RECEIPT = "{label}（{value}）不能早于收到申请之日（{received}）。"
DATE_BEFORE = "{label}（{value}）不能早于{other_label}（{other}）。"
RECEIVED_BEFORE_2019 = (
    "收到申请之日早于2019年5月15日：此前收到的申请适用修订前的《中华人民共和国政府信息公开条例》"
    "（国务院令第492号，答复期限为15个工作日，延期不超过15个工作日），本系统不按旧条例计算期限，请按当时的规定办理。"
)
CORRECTION_TOO_LATE = "条例第三十条规定应在收到申请之日起7个工作日内一次性告知补正，最迟为{last}。"
CORRECTION_PERIOD_LABEL = "补正期限（申请人应在此日前补正）"
CORRECTION_PERIOD_SHORT = "补正期限（{value}）应晚于补正告知日期（{requested}）（条例第三十条：合理的补正期限）。"
CORRECTION_PERIOD_LONG = "补正期限（{value}）超过补正告知日期后{days}日，请核对日期（条例第三十条：合理的补正期限）。"
NO_SUPPLEMENT_NOT_ASKED = "未告知补正的申请，不能以“逾期不补正”办结（条例第三十条）。"
NO_SUPPLEMENT_RECEIVED = "申请人已于{date}补正，不能以“逾期不补正”办结（条例第三十条）。"
NO_SUPPLEMENT_NO_PERIOD = (
    "补正告知没有记录补正期限，不能认定逾期不补正（条例第三十条）；请先更正补正告知，登记补正期限。"
)
NO_SUPPLEMENT_TOO_EARLY = "补正期限至{due}届满，期满前不能以“逾期不补正”办结（条例第三十条）。"
UNPAID_NO_NOTICE = "没有未缴纳的收费通知，不能以“逾期未缴纳费用”办结（国办函〔2020〕109号）。"
UNPAID_TOO_EARLY = (
    "申请人可在收到收费通知之日起20个工作日内（至{due}）缴费，期满前不能以“逾期未缴纳费用”办结"
    "（国办函〔2020〕109号）。"
)
PAID_TOO_LATE = (
    "缴费期限已于{due}届满（收到收费通知之日起20个工作日，国办函〔2020〕109号），逾期未缴纳的视为放弃申请，"
    "不能再登记缴费；请以“逾期未缴纳费用”办结。"
)
FEE_AFTER_DEADLINE = "答复期限已于{due}届满，不能再发出收费通知（国办函〔2020〕109号：收费通知应在答复期限内发出）。"
FEE_ZERO = "按该标准计算的信息处理费为0元，不发收费通知，答复期限照常计算（国办函〔2020〕109号）。"
FEE_PAGES_TOO_MANY = "页数 {pages} 超过 {limit} 页，请核对（一件申请一般不会有如此多的页数）。"
FEE_PAGES_NEEDED = "按量计收须填写页数。"
FEE_NO_DEADLINE = "答复期限尚不能计算（期限待定），请先由负责人人工核定答复期限。"
FEE_RANK_NOTE = "按件计收：本申请为该申请人本月第 {rank} 件申请（按登记记录计算），信息处理费 {total} 元。"
FEE_AUDIT = "发出收费通知，信息处理费{total}元，{notice_on}送达：{explanation}"
EXTENSION_AFTER_DEADLINE = "答复期限已于{due}届满，延期应在期限届满前决定并告知申请人（条例第三十三条第二款）。"
EXTENSION_NO_DEADLINE = "答复期限尚不能计算（期限待定），请先由负责人人工核定答复期限后再决定延期。"
EXTENSION_AUDIT = "负责人于{decided}批准延长{days}个工作日，{notified}告知申请人（条例第三十三条第二款）：{reason}"
CONSULT_PARTY_LABEL = "征求意见对象（第三方或其他机关的名称）"
CONSULT_LIMIT = "征求意见期限至{date}（条例第三十二条、第三十四条：15个工作日）；逾期未答复的，期限暂停于该日自动结束"
CONSULT_ENDED = "征求意见期限已于{date}届满（条例第三十二条、第三十四条），答复期限自次日起继续计算"
CONSULT_AUDIT_START = "{start}起{kind}（{party}），期限暂停；征求意见期限至{limit}"
CONSULT_AUDIT_END = "{party}于{date}答复（{agreed}）；期限暂停至{end}，答复期限继续计算"
AGREED_CHOICES = [("yes", "同意公开"), ("no", "不同意公开"), ("none", "逾期未答复")]
AGREED_LABELS = {True: "同意公开", False: "不同意公开", None: "逾期未答复"}
ART35_ACTION = "要求申请人说明理由（第三十五条）"
ART35_AUDIT = "{date}要求申请人说明理由（条例第三十五条：申请数量、频次明显超过合理范围）：{reason}"
ART35_NOT_ASKED = "依条例第三十五条，须先要求申请人说明理由，才能{what}。"
ART35_WHAT_DELAY = "确定延迟答复的合理期限"
ART35_WHAT_REFUSE = "以“无正当理由大量反复申请”不予处理"
REPLIED_LATE = "逾期答复"
REPLIED_LATE_NOTE = "答复日期{replied}晚于答复期限{due}（条例第三十三条），已标注为逾期答复。"
AUDIT_LATE = "；逾期答复（答复期限为{due}）"

# Corrections (issue 14 part 6): a recorded step put right or annulled by the head, with its reason.
CORRECT_ACTION = "更正记录"
ANNUL_ACTION = "撤销步骤"
REOPEN_ACTION = "重新办理（撤销办结）"
CORRECT_FIELD_LABEL = "更正的内容"
CORRECT_VALUE_LABEL = "更正后的值（日期、天数或金额）"
CORRECT_VALUE_HELP = "日期写成 2025-03-05；天数、金额写整数。提交方式、申请人类型、办理结果请在下一栏选择。"
CORRECT_CHOICE_LABEL = "更正后的选项（提交方式、申请人类型、办理结果）"
CORRECT_CHOICE_NEEDED = "请在“更正后的选项”中选择更正后的{label}。"
CORRECT_CHOICE_OTHER = "所选的选项“{picked}”不属于“{label}”，请选择“{label}”下的选项。"
CORRECT_VALUE_NEEDED = "请填写更正后的{label}。"
CORRECT_REASON_LABEL = "更正理由"
ANNUL_STEP_LABEL = "撤销的步骤"
REOPEN_REASON_LABEL = "重新办理的理由"
CORRECT_SAME = "更正后的值与原值相同。"
CORRECT_BAD_DATE = "请按“年-月-日”填写日期，如 2025-03-05。"
CORRECT_BAD_NUMBER = "请填写不小于0的整数。"
CORRECT_BAD_CHOICE = "“{value}”不是“{label}”的可选项。可选：{choices}。"
CORRECT_NOT_SET = "“{label}”尚未登记，无可更正；请通过相应的办理步骤登记。"
CORRECT_AUDIT = "更正“{label}”：原为 {old}，改为 {new}。理由：{reason}"
ANNUL_NOTHING = "该步骤尚未登记，无可撤销。"
ANNUL_AUDIT = "撤销“{label}”（原记录：{old}）。理由：{reason}"
REOPEN_AUDIT = "撤销办结，重新办理（原记录：{old}）。理由：{reason}"
EMPTY_VALUE = "（空）"

# Issued notices (models.IssuedNotice): once issued, a document never changes.
NOTICE_ISSUED_ALREADY = ("“{title}”已于{date}出具（{number}）。已出具的文书不再改变，请在申请页面“已出具文书”中下载；"
                         "确需重新出具的，请负责人办理（原文书作废并留存）。")
AUDIT_NOTICE_ISSUED = "出具{title}（{number}，成文日期{date}）"
AUDIT_NOTICE_REISSUED = "重新出具{title}（{number}，成文日期{date}），原{old_date}出具的文书作废并留存"
ISSUED_TITLE = "已出具文书"
ISSUED_SUPERSEDED = "（已作废）"
ISSUED_LETTER = "答复告知书"
