"""Every Chinese sentence of the agencies app (the back office's calendar page, the audit trail), in one place."""

from __future__ import annotations

RESERVED_CODE = "“{value}”是系统保留的地址，不能用作机关代码。"

# The years' holiday schedules (HolidaySchedule, schedules.py, the calendar page).
SCHEDULE_TITLE = "{year} 年全国放假安排"
SCHEDULE_NOTE = "{number}，{date}"
PACKAGE_RANGE = (
    "系统内置日历收录 {low}—{high} 年的放假和调休安排。其他年份须在国务院办公厅公布当年节假日安排后在此录入，"
    "录入前这些年份的答复期限显示为“期限待定”。录入的安排也可更正内置日历中某一年的数据。"
)
READ_ONLY = "全国放假安排由不设上级机关的机关（如县人民政府）的管理员录入，本机关只能查看。"
HOLIDAYS_HELP = (
    "通知中列出的全部放假日，包括放假期间的周六、周日。每行一个日期及名称，如“2027-01-01 元旦”；"
    "连续的日期可写成一段，如“2027-02-06 至 2027-02-12 春节”。"
)
WORKDAYS_HELP = "通知中安排上班的周六、周日（调休），每行一个日期及名称，如“2027-02-20 春节”；没有则留空。"
NOTICE_HELP = "如“国办发明电〔2026〕××号”。"
NOTICE_IN_FUTURE = "通知日期不能晚于今天（{today}）。"
NOTICE_WRONG_YEAR = "{year} 年的放假安排通知不会早于 {earliest} 年发布，请核对通知日期。"
BAD_YEAR = "年份应在 {low} 至 {high} 之间。"
FROM_PACKAGE = "下列内容取自系统内置日历，核对无误或按通知更正后保存，即以录入的安排为准。"
UNCHANGED = "{year} 年放假安排没有变化，未重新保存。"
SAVED = "已保存 {year} 年放假安排。{count} 件办理中申请的答复期限随之变化。"
DELETED = "已删除录入的 {year} 年放假安排。{count} 件办理中申请的答复期限随之变化。"
NOTHING_TO_DELETE = "{year} 年没有录入的放假安排。"
NONE = "无（{what}）"
NONE_STORED = "未录入"
NONE_PACKAGE = "系统内置日历"
AUDIT_SAVED = "录入 {year} 年全国放假安排。\n原安排：{old}\n新安排：{new}\n{count} 件办理中申请的答复期限随之变化。"
AUDIT_DELETED = (
    "删除录入的 {year} 年全国放假安排，改按{fallback}。\n原安排：{old}\n{count} 件办理中申请的答复期限随之变化。"
)
FALLBACK_PACKAGE = "系统内置日历"
FALLBACK_NONE = "无安排（该年期限待定）"

# Staff login throttling (django-axes, lockout.py).
LOGIN_LOCKED = ("用户名“{username}”在本机连续{limit}次密码错误，登录已暂停{minutes}分钟。"
                "请稍后再试；如忘记密码，请联系本机关的系统管理员重置。")

# One change, one transaction (locks.py): the loser of a race, or a form made before the row changed.
STALE = "此记录刚被他人修改，请刷新后重试"

# The back office (backoffice.py): audit entries of changes made in the Django admin.
ADMIN_ADDED = "后台新增{what}“{name}”：{details}"
ADMIN_CHANGED = "后台修改{what}“{name}”：{details}"
ADMIN_DELETED = "后台删除{what}“{name}”。{details}"
ADMIN_CHANGE = "{field}由“{old}”改为“{new}”"
ADMIN_VALUE = "{field}为“{new}”"
ADMIN_SECRET = "{field}已修改（内容不记录）"
ADMIN_NO_FIELDS = "无字段变化"
ADMIN_EMPTY = "（空）"
ADMIN_YES = "是"
ADMIN_NO = "否"
ADMIN_FIELD_NAMES = {"password": "密码"}

# Request bodies over the size limit (bodysize.py), answered before a byte of them is read.
TOO_LARGE_TITLE = "提交的内容过大"
TOO_LARGE = "提交的内容过大（超过 {limit}），系统未予接收。附件每个不超过 {file_limit}，请压缩或分开提交。"
FILE_TOO_LARGE = "附件“{name}”有 {size}，超过每个附件 {limit} 的上限，请压缩或分成几个文件上传。"
FILE_HELP = "每个附件不超过 {limit}。"

# Staff passwords (passwords.py): Django 5.2's wording of this one has no Chinese translation yet.
PASSWORD_TOO_SHORT = "密码太短，至少需要 {min_length} 个字符。"
PASSWORD_LENGTH_HELP = "密码至少需要 {min_length} 个字符。"
