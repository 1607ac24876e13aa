"""Every Chinese sentence the clock says to a person, kept in one place so clerks can review them."""

from __future__ import annotations

# Error messages, keyed by ClockError.code; formatted with the error's fields.
ERRORS: dict[str, str] = {
    "year_unknown": (
        "工作日历中没有 {year} 年的放假和调休安排（国务院办公厅每年公布），无法按工作日计算期限。"
        "请在国务院办公厅公布当年节假日安排后录入该年的放假安排，在此之前可人工核定期限。"
    ),
    "bad_schedule": "放假安排有误：{problem}",
    "extension_too_long": (
        "延长答复期限最长不得超过 {limit} 个工作日（《政府信息公开条例》第三十三条），当前为 {days} 个。"
    ),
    "bad_days": "工作日数必须是不小于 {minimum} 的整数，当前为 {days}。",
    "bad_pause": "暂停期间的起始日 {start} 晚于结束日 {end}。",
    "bad_restart": "补正材料收到日 {restart} 早于申请收到日 {received}。",
    "bad_count": "数量必须是不小于 0 的整数，当前为 {count}。",
}

# Reasons a calendar day is not counted, or is counted although it is a weekend.
WEEKEND = "周末"
HOLIDAY = "法定节假日（{name}）"
MAKEUP = "调休上班（{name}）"
LOCAL = "地方节假日（{name}）"
HOLIDAY_PLAIN = "法定节假日"
MAKEUP_PLAIN = "调休上班"
LOCAL_DEFAULT_NAME = "本地休息日"
PAUSE = "暂停计算（{label}）"
PAUSE_PLAIN = "暂停计算"

# Chinese names of the holidays chinese-calendar knows, by its English value.
HOLIDAY_NAMES: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# What each kind of deadline is, for the explanation's first line.
KINDS: dict[str, str] = {
    "answer": "答复期限",
    "correction_request": "补正告知期限",
    "fee_payment": "缴费期限",
    "third_party": "第三方答复期限",
    "working_days": "期限",
}

START = "自 {start}（{start_what}）的次日起计算 {days} 个工作日。"
START_RECEIVED = "收到申请之日"
START_RESTART = "收到补正后申请之日，期限重新起算"
START_NOTICE = "收到通知之日"
START_GENERIC = "起算日"
EXTENSION = "其中含延长的 {days} 个工作日（第三十三条第二款）。"
DUE = "{what}：{due}（{weekday}）。"
SKIPPED_HEADER = "不计入的日期："
MAKEUP_HEADER = "计入的调休上班日："
NONE_SKIPPED = "期间没有不计入的日期。"
PACKAGE_NOTE = "系统内置日历（{version}）"
SCHEDULE_USED = "{year} 年按录入的放假安排计算（{note}）。"
SCHEDULE_USED_PLAIN = "{year} 年按录入的放假安排计算。"
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Fees (国办函〔2020〕109号).
FEE_SCALES = {"per_page": "按量计收", "per_application": "按件计收"}
FEE_UNITS = {"per_page": "页", "per_application": "件"}
FEE_BAND = "第 {low}–{high} {unit}：{count} {unit} × {price} 元 = {amount} 元"
FEE_FREE = "（免费）"
FEE_ONE = "第 {rank} 件：1 件 × {price} 元 = {amount} 元"
FEE_RANK = ("本申请为该申请人本自然月内向本机关提出的第 {rank} 件申请，属第 {low}–{high} 件档，"
            "按该档标准每件 {price} 元计收。")
FEE_TOTAL = "{scale}，共 {quantity} {unit}，合计 {total} 元。"
FEE_PAYMENT = "申请人应自收到收费通知之日起 20 个工作日内缴纳，逾期未缴纳的视为放弃申请。"

# A year's holiday schedule entered by hand (``schedule.py``): what is wrong with it, for the person who
# typed it. Each fills ERRORS["bad_schedule"]'s {problem}.
LISTS = {"holidays": "放假日", "workdays": "调休上班日"}
NONE = "无"
SCHEDULE_BAD_JSON = "文件不是有效的 JSON（第 {line} 行第 {column} 列附近）。"
SCHEDULE_NOT_UTF8 = "文件不是 UTF-8 编码的文本。"
SCHEDULE_UNREADABLE = "无法读取文件 {path}。"
SCHEDULE_TOP_LEVEL = "最外层应是以年份为键的对象，如 {{\"2027\": {{\"holidays\": [...], \"workdays\": [...]}}}}。"
SCHEDULE_DUPLICATE_KEY = "“{key}”在同一层中出现了两次。"
SCHEDULE_NOT_A_YEAR = "“{key}”不是年份（应为四位数字的年份，如 2027）。"
SCHEDULE_NOT_AN_OBJECT = "{year} 年的安排应是包含 holidays（放假日）和 workdays（调休上班日）两个列表的对象。"
SCHEDULE_KEYS = "{year} 年的安排只能包含 holidays（放假日）、workdays（调休上班日）和 note（说明），有误的键：{keys}。"
SCHEDULE_NOT_A_LIST = "{year} 年的{what}应是日期列表。"
SCHEDULE_BAD_ITEM = "{year} 年{what}的第 {index} 项应是日期，或包含 date（日期）和 name（名称）的对象。"
SCHEDULE_BAD_DATE = "{year} 年{what}中的“{value}”不是有效日期（应为 YYYY-MM-DD，如 2027-01-01）。"
SCHEDULE_BAD_LINE = (
    "{what}第 {line} 行“{text}”无法识别：每行写一个日期及名称（如“2027-01-01 元旦”），"
    "或一段日期（如“2027-02-06 至 2027-02-12 春节”，最长一个月）。"
)
SCHEDULE_WRONG_YEAR = "{date} 不属于 {year} 年，却列在 {year} 年的安排中。"
SCHEDULE_TWICE = "{date} 在{what}中重复列出。"
SCHEDULE_BOTH = "{date} 同时列为放假日和调休上班日。"
SCHEDULE_WORKDAY_NOT_WEEKEND = (
    "{date} 是{weekday}，不能列为调休上班日：国务院办公厅的通知只会把周六、周日安排为上班日，"
    "周一至周五本来就是工作日。"
)
SCHEDULE_NO_HOLIDAYS = "{year} 年的安排没有列出任何放假日（每年至少有元旦）。"
SCHEDULE_SUMMARY = "{year} 年放假日：{holidays}；调休上班日：{workdays}；依据：{note}"
