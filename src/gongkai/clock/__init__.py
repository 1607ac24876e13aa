"""The clock of 依申请公开: working days, statutory deadlines and 信息处理费, in pure Python.

Both the ``gongkai deadline`` command and the (later) Django platform call this package, so that a
deadline on screen and a deadline on the command line are the same number counted the same way. It
never imports Django.
"""

from .deadlines import (
    ANSWER_DAYS,
    CORRECTION_REQUEST_DAYS,
    FEE_PAYMENT_DAYS,
    MAX_EXTENSION,
    THIRD_PARTY_DAYS,
    DayNote,
    Deadline,
    Pause,
    answer_deadline,
    correction_request_deadline,
    count_working_days,
    fee_payment_deadline,
    third_party_deadline,
    working_days_left,
)
from .errors import ClockError
from .schedule import YearSchedule, load_schedule_file, load_schedules, parse_day_lines, schedule_from_json
from .workdays import CALENDAR_VERSION, KNOWN_YEARS, NATIONAL, Day, WorkCalendar, package_schedule

__all__ = [
    "ANSWER_DAYS",
    "CALENDAR_VERSION",
    "CORRECTION_REQUEST_DAYS",
    "FEE_PAYMENT_DAYS",
    "KNOWN_YEARS",
    "MAX_EXTENSION",
    "NATIONAL",
    "THIRD_PARTY_DAYS",
    "ClockError",
    "Day",
    "DayNote",
    "Deadline",
    "Pause",
    "WorkCalendar",
    "YearSchedule",
    "answer_deadline",
    "correction_request_deadline",
    "count_working_days",
    "fee_payment_deadline",
    "load_schedule_file",
    "load_schedules",
    "package_schedule",
    "parse_day_lines",
    "schedule_from_json",
    "third_party_deadline",
    "working_days_left",
]
