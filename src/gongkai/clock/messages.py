"""Every Chinese sentence the clock says to a person, kept in one place so clerks can review them."""

from __future__ import annotations

# Error messages, keyed by ClockError.code; formatted with the error's fields.
ERRORS: dict[str, str] = {
    "year_unknown": (
        "工作日历中没有 {year} 年的放假和调休安排（国务院办公厅每年公布），无法按工作日计算期限。"
        "请在当年安排公布后升级 chinese-calendar，或人工核定期限。"
    ),
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
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Fees (国办函〔2020〕109号).
FEE_SCALES = {"per_page": "按量计收", "per_application": "按件计收"}
FEE_UNITS = {"per_page": "页", "per_application": "件"}
FEE_BAND = "第 {low}–{high} {unit}：{count} {unit} × {price} 元 = {amount} 元"
FEE_FREE = "（免费）"
FEE_TOTAL = "{scale}，共 {quantity} {unit}，合计 {total} 元。"
FEE_PAYMENT = "申请人应自收到收费通知之日起 20 个工作日内缴纳，逾期未缴纳的视为放弃申请。"
