"""The deadline engine against dates counted by hand, and ``gongkai deadline`` as a subprocess.

Calendar facts used below, checked against chinese-calendar's own tables in
``test_the_2025_holiday_facts_match_the_package`` (State Council notice 国办发明电〔2024〕12号):

- Spring Festival 2025: rest Tue 2025-01-28 .. Tue 2025-02-04 (8 days, including Sat 02-01 and
  Sun 02-02); make-up working days Sun 2025-01-26 and Sat 2025-02-08. Mon 01-27 is an ordinary
  working day.
- National Day + Mid-autumn 2025: rest Wed 2025-10-01 .. Wed 2025-10-08 (chinese-calendar names
  10-06 中秋); make-up working days Sun 2025-09-28 and Sat 2025-10-11.

In the hand counts, "(n)" marks the n-th counted working day; "skip" days are not counted.
"""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from chinese_calendar import constants as cc
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.clock import (
    KNOWN_YEARS,
    NATIONAL,
    ClockError,
    Pause,
    WorkCalendar,
    answer_deadline,
    correction_request_deadline,
    count_working_days,
    fee_payment_deadline,
    third_party_deadline,
    working_days_left,
)

D = dt.date


def dates(first, last):
    out, d = [], first
    while d <= last:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


# --- the calendar -----------------------------------------------------------------------------------


def test_the_2025_holiday_facts_match_the_package():
    for d in dates(D(2025, 1, 28), D(2025, 2, 4)):
        assert d in cc.holidays and not NATIONAL.is_working_day(d)
        assert NATIONAL.day(d).reason == "法定节假日（春节）"
    for d in dates(D(2025, 10, 1), D(2025, 10, 8)):
        assert d in cc.holidays and not NATIONAL.is_working_day(d)
    assert NATIONAL.day(D(2025, 10, 6)).reason == "法定节假日（中秋节）"
    assert NATIONAL.day(D(2025, 10, 1)).reason == "法定节假日（国庆节）"
    for d, name in ((D(2025, 1, 26), "春节"), (D(2025, 2, 8), "春节"), (D(2025, 9, 28), "国庆节"),
                    (D(2025, 10, 11), "国庆节")):
        assert d.weekday() >= 5 and d in cc.workdays
        assert NATIONAL.day(d).kind == "makeup" and NATIONAL.day(d).reason == f"调休上班（{name}）"
    # Neighbours that are ordinary: Mon 01-27 works; Sat 01-25 and Sun 02-09 rest as weekends.
    assert NATIONAL.day(D(2025, 1, 27)).kind == "workday"
    assert NATIONAL.day(D(2025, 1, 25)).reason == "周末"
    assert NATIONAL.day(D(2025, 2, 9)).reason == "周末"


def test_local_holidays_make_working_days_rest_days_only():
    xj = WorkCalendar({D(2025, 6, 6): "古尔邦节", D(2025, 10, 11): "示例", D(2025, 6, 7): "周六", D(2025, 10, 2): "x"})
    assert xj.day(D(2025, 6, 6)).kind == "local_holiday"
    assert xj.day(D(2025, 6, 6)).reason == "地方节假日（古尔邦节）"
    assert not xj.is_working_day(D(2025, 10, 11))  # a local rest day overrides a 调休 make-up day
    assert xj.day(D(2025, 6, 7)).reason == "周末"  # already a weekend: said as such
    assert xj.day(D(2025, 10, 2)).kind == "holiday"  # already a national holiday
    assert WorkCalendar([D(2025, 6, 6)]).day(D(2025, 6, 6)).reason == "地方节假日（本地休息日）"
    assert NATIONAL.is_working_day(D(2025, 6, 6))  # the national calendar is untouched


@pytest.mark.parametrize("year", [2003, 2099])
def test_an_unknown_year_is_an_error_never_a_guess(year):
    assert year not in KNOWN_YEARS
    with pytest.raises(ClockError) as info:
        NATIONAL.day(D(year, 6, 2))  # a Monday or Tuesday; a guess would call it a working day
    exc = info.value
    assert exc.code == "year_unknown"
    assert f"{year} 年" in exc.message and "调休" in exc.message
    assert f"{min(KNOWN_YEARS)}-{max(KNOWN_YEARS)}" in exc.detail and "chinese-calendar" in exc.detail


def test_counting_into_an_unknown_year_fails_and_says_where():
    last = D(max(KNOWN_YEARS), 12, 20)
    with pytest.raises(ClockError) as info:
        answer_deadline(last)
    assert info.value.code == "year_unknown"
    assert f"{last.year + 1} 年" in info.value.message
    assert last.isoformat() in info.value.detail


# --- deadlines counted by hand ----------------------------------------------------------------------


def test_spring_festival_2025():
    # Received Mon 2025-01-20; count from Tue 01-21:
    # 01-21(1) 22(2) 23(3) 24(4) | Sat 25 skip | Sun 26 make-up (5) | Mon 27(6) |
    # 01-28 .. 02-04 春节 skip (8 days) | Wed 02-05(7) 06(8) 07(9) | Sat 08 make-up (10) | Sun 09 skip |
    # 02-10(11) 11(12) 12(13) 13(14) 14(15) | 15-16 skip | 02-17(16) 18(17) 19(18) 20(19) Fri 21(20).
    d = answer_deadline(D(2025, 1, 20))
    assert d.due == D(2025, 2, 21)
    assert d.working_days == 20 and len(d.counted) == 20
    assert [n.date for n in d.makeup] == [D(2025, 1, 26), D(2025, 2, 8)]
    skipped = [n.date for n in d.skipped]
    assert skipped == [D(2025, 1, 25), *dates(D(2025, 1, 28), D(2025, 2, 4)), D(2025, 2, 9),
                       D(2025, 2, 15), D(2025, 2, 16)]
    text = d.explain()
    assert "答复期限：2025-02-21（星期五）" in text
    assert "2025-01-28 至 2025-02-04：法定节假日（春节）" in text
    assert "2025-01-26（星期日）：调休上班（春节）" in text
    assert "2025-01-25：周末" in text


def test_national_day_2025():
    # Received Mon 2025-09-22; count from Tue 09-23:
    # 09-23(1) 24(2) 25(3) 26(4) | Sat 27 skip | Sun 28 make-up (5) | Mon 29(6) Tue 30(7) |
    # 10-01 .. 10-08 skip (国庆节, 10-06 中秋节) | Thu 10-09(8) Fri 10(9) | Sat 11 make-up (10) | Sun 12 skip |
    # 10-13(11) 14(12) 15(13) 16(14) 17(15) | 18-19 skip | 10-20(16) 21(17) 22(18) 23(19) Fri 24(20).
    d = answer_deadline(D(2025, 9, 22))
    assert d.due == D(2025, 10, 24)
    assert [n.date for n in d.makeup] == [D(2025, 9, 28), D(2025, 10, 11)]
    reasons = {n.date: n.reason for n in d.skipped}
    assert reasons[D(2025, 10, 6)] == "法定节假日（中秋节）"
    assert reasons[D(2025, 10, 8)] == "法定节假日（国庆节）"


def test_a_consultation_pause_is_not_counted():
    # Received Mon 2025-09-22, third-party consultation Mon 09-29 .. Tue 09-30 (inclusive):
    # 09-23(1) 24(2) 25(3) 26(4) | 27 skip | Sun 28 make-up (5) | 29, 30 paused skip | 10-01..08 skip |
    # 10-09(6) 10(7) | Sat 11 make-up (8) | 12 skip | 10-13(9) 14(10) 15(11) 16(12) 17(13) | 18-19 skip |
    # 10-20(14) 21(15) 22(16) 23(17) 24(18) | 25-26 skip | Mon 10-27(19) Tue 10-28(20).
    pause = Pause(D(2025, 9, 29), D(2025, 9, 30), "征求第三方意见")
    d = answer_deadline(D(2025, 9, 22), pauses=[pause])
    assert d.due == D(2025, 10, 28)
    paused = [n for n in d.skipped if n.kind == "pause"]
    assert [n.date for n in paused] == [D(2025, 9, 29), D(2025, 9, 30)]
    assert paused[0].reason == "暂停计算（征求第三方意见）"
    assert "2025-09-29 至 2025-09-30：暂停计算（征求第三方意见）" in d.explain()


def test_a_pause_over_rest_days_changes_nothing():
    # Pausing only the National Day holiday (already rest) leaves the due date of the plain count.
    d = answer_deadline(D(2025, 9, 22), pauses=[Pause(D(2025, 10, 1), D(2025, 10, 8))])
    assert d.due == D(2025, 10, 24)
    assert all(n.kind == "holiday" for n in d.skipped if n.date.month == 10 and n.date.day <= 8)


def test_an_extension_of_20_working_days():
    # Received Mon 2025-01-20: the first 20 end Fri 02-21 (see test_spring_festival_2025); then
    # 02-22/23 skip | 02-24(21) .. 28(25) | 03-01/02 skip | 03-03(26) .. 07(30) | 08/09 skip |
    # 03-10(31) .. 14(35) | 15/16 skip | 03-17(36) 18(37) 19(38) 20(39) Fri 21(40).
    d = answer_deadline(D(2025, 1, 20), extension=20)
    assert d.due == D(2025, 3, 21)
    assert (d.days, d.extension, d.working_days) == (20, 20, 40)
    assert "其中含延长的 20 个工作日" in d.explain()


def test_extension_with_a_pause_across_national_day():
    # As test_a_consultation_pause_is_not_counted (20th = Tue 10-28), then 5 more:
    # Wed 10-29(21) 30(22) 31(23) | 11-01/02 skip | Mon 11-03(24) Tue 11-04(25).
    d = answer_deadline(D(2025, 9, 22), extension=5, pauses=[Pause(D(2025, 9, 29), D(2025, 9, 30))])
    assert d.due == D(2025, 11, 4)


def test_an_extension_above_20_is_refused():
    with pytest.raises(ClockError) as info:
        answer_deadline(D(2025, 1, 20), extension=21)
    assert info.value.code == "extension_too_long"
    assert "20" in info.value.message


def test_correction_request_and_restart():
    # 补正 request due within 7 working days of Mon 2025-01-20:
    # 01-21(1) 22(2) 23(3) 24(4) | 25 skip | Sun 26 make-up (5) | Mon 27(6) | 01-28..02-04 skip | Wed 02-05(7).
    assert correction_request_deadline(D(2025, 1, 20)).due == D(2025, 2, 5)
    # The supplement arrives Mon 2025-02-10; the clock restarts, counting from Tue 02-11:
    # 02-11(1) 12(2) 13(3) 14(4) | 15-16 skip | 02-17(5) .. 21(9) | 22-23 skip | 02-24(10) .. 28(14) |
    # 03-01/02 skip | 03-03(15) 04(16) 05(17) 06(18) 07(19) | 08/09 skip | Mon 03-10(20).
    d = answer_deadline(D(2025, 1, 20), supplemented=D(2025, 2, 10))
    assert d.due == D(2025, 3, 10)
    assert d.received == D(2025, 1, 20) and d.start == D(2025, 2, 10) and d.restarted
    assert "收到补正后申请之日，期限重新起算" in d.explain()
    # Days before the restart no longer matter, so the 春节 holiday is not in the account.
    assert all(n.date > D(2025, 2, 10) for n in d.skipped)
    with pytest.raises(ClockError):
        answer_deadline(D(2025, 1, 20), supplemented=D(2025, 1, 19))


def test_a_local_holiday():
    # Received Tue 2025-06-03 (after 端午 05-31..06-02). Nationally:
    # 06-04(1) 05(2) 06(3) | 07-08 skip | 06-09(4) .. 13(8) | 14-15 | 06-16(9) .. 20(13) | 21-22 |
    # 06-23(14) .. 27(18) | 28-29 | Mon 06-30(19) Tue 07-01(20).
    assert answer_deadline(D(2025, 6, 3)).due == D(2025, 7, 1)
    # With two local rest days, Fri 06-06 and Mon 06-09 (illustrative dates; a region's real dates
    # come from its own yearly notice):
    # 06-04(1) 05(2) | 06 local skip | 07-08 skip | 09 local skip | 06-10(3) 11(4) 12(5) 13(6) | 14-15 |
    # 06-16(7) .. 20(11) | 21-22 | 06-23(12) .. 27(16) | 28-29 | 06-30(17) 07-01(18) 02(19) Thu 07-03(20).
    local = WorkCalendar({D(2025, 6, 6): "古尔邦节", D(2025, 6, 9): "古尔邦节"})
    d = answer_deadline(D(2025, 6, 3), calendar=local)
    assert d.due == D(2025, 7, 3)
    assert [n.date for n in d.skipped if n.kind == "local_holiday"] == [D(2025, 6, 6), D(2025, 6, 9)]
    assert "地方节假日（古尔邦节）" in d.explain()


def test_fee_payment_and_third_party_periods():
    # Fee notice received Mon 2025-09-22: 20 working days, the same count as test_national_day_2025.
    d = fee_payment_deadline(D(2025, 9, 22))
    assert d.due == D(2025, 10, 24) and d.kind == "fee_payment"
    assert "缴费期限：2025-10-24" in d.explain()
    # Consultation letter received Mon 2025-09-22, 15 working days for the third party:
    # 09-23(1) .. 26(4) | 27 skip | 28 make-up (5) | 29(6) 30(7) | 10-01..08 skip | 10-09(8) 10(9) |
    # 11 make-up (10) | 12 skip | 10-13(11) 14(12) 15(13) 16(14) Fri 17(15).
    assert third_party_deadline(D(2025, 9, 22)).due == D(2025, 10, 17)


def test_working_days_left():
    due = D(2025, 2, 5)
    assert working_days_left(D(2025, 1, 27), due) == 1  # only 02-5 lies after Mon 01-27 (春节 between)
    assert working_days_left(due, due) == 0
    assert working_days_left(D(2025, 1, 24), due) == 3  # Sun 01-26 (make-up), Mon 01-27, 02-05
    assert working_days_left(D(2025, 2, 7), due) == -2  # 02-06 and 02-07 overdue


def test_zero_days_and_bad_inputs():
    assert count_working_days(D(2025, 1, 20), 0).due == D(2025, 1, 20)
    with pytest.raises(ClockError):
        answer_deadline(D(2025, 1, 20), days=0)
    with pytest.raises(ClockError) as info:
        Pause(D(2025, 2, 10), D(2025, 2, 1))
    assert info.value.code == "bad_pause"


@settings(max_examples=200, deadline=None)
@given(
    received=st.dates(D(2004, 1, 1), D(max(KNOWN_YEARS) - 1, 10, 31)),
    days=st.integers(1, 40),
    pause_at=st.integers(0, 30),
    pause_len=st.integers(0, 15),
)
def test_the_due_date_is_always_a_counted_working_day(received, days, pause_at, pause_len):
    start = received + dt.timedelta(days=pause_at)
    pause = Pause(start, start + dt.timedelta(days=pause_len))
    d = answer_deadline(received, days=days, pauses=[pause])
    assert len(d.counted) == days and d.counted[-1] == d.due
    assert all(NATIONAL.is_working_day(x) and not pause.covers(x) for x in d.counted)
    # Every day between receipt and due is either counted or skipped, exactly once.
    assert sorted([*d.counted, *(n.date for n in d.skipped)]) == dates(received + dt.timedelta(days=1), d.due)
    assert working_days_left(received, d.due, pauses=[pause]) == days


# --- the command ------------------------------------------------------------------------------------


def gongkai(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "gongkai", "deadline", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_json_shape():
    proc = gongkai("2025-01-20", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["received"] == "2025-01-20"
    assert doc["due"] == "2025-02-21"
    assert doc["working_days"] == 20
    assert doc["skipped"][0] == {"date": "2025-01-25", "reason": "周末", "kind": "weekend"}
    assert {"date": "2025-01-28", "reason": "法定节假日（春节）", "kind": "holiday"} in doc["skipped"]
    assert all(set(s) >= {"date", "reason"} for s in doc["skipped"])
    assert len(doc["skipped"]) == 12  # Sat 01-25, the 8 days of 春节, Sun 02-09, 02-15 and 02-16
    assert [m["date"] for m in doc["makeup_workdays"]] == ["2025-01-26", "2025-02-08"]


def test_cli_extend_and_pauses():
    proc = gongkai("2025-09-22", "--extend", "5", "--pause", "2025-09-29:2025-09-30", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["due"] == "2025-11-04"
    assert doc["working_days"] == 25 and doc["days"] == 20 and doc["extension"] == 5
    assert {"date": "2025-09-29", "reason": "暂停计算", "kind": "pause"} in doc["skipped"]
    proc = gongkai("2025-09-22", "--days", "15", "--json")
    assert json.loads(proc.stdout)["due"] == "2025-10-17"


def test_cli_text_output_in_chinese():
    proc = gongkai("2025-01-20")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("答复期限：2025-02-21（星期五）。")
    assert "法定节假日（春节）" in proc.stdout and "调休上班（春节）" in proc.stdout


def test_cli_unknown_year_exits_1():
    proc = gongkai("2099-03-02")
    assert proc.returncode == 1
    assert "2099 年" in proc.stderr and proc.stdout == ""
    proc = gongkai("2099-03-02", "--json")
    assert proc.returncode == 1
    err = json.loads(proc.stdout)["error"]
    assert err["code"] == "year_unknown" and "2099" in err["message"] and "chinese-calendar" in err["detail"]


@pytest.mark.parametrize("args", [
    ["2025-01-20", "--extend", "21"],
    ["2025-01-20", "--extend", "-1"],
    ["2025-01-20", "--days", "0"],
    ["2025-02-30"],
    ["2025-01-20", "--pause", "2025-02-10:2025-02-01"],
    ["2025-01-20", "--pause", "2025-02-10"],
    [],
])
def test_cli_usage_errors_exit_2(args):
    proc = gongkai(*args)
    assert proc.returncode == 2, proc.stdout
    assert "usage:" in proc.stderr


def test_cli_extend_20_is_allowed():
    proc = gongkai("2025-01-20", "--extend", "20", "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["due"] == "2025-03-21"


# --- a year's schedule entered by hand ---------------------------------------------------------------
#
# MADE-UP 2027 SCHEDULE, FOR TESTS ONLY. The State Council's notice for 2027 was not available when
# this was written; these dates are invented to exercise the mechanism and are NOT the official
# arrangement. Rest: Fri 2027-01-01 (元旦); Fri 2027-02-05 .. Sat 2027-02-13 (春节, 9 days, with the
# weekend days 02-06, 02-07 and 02-13 inside the span). Make-up working days: Sun 2027-01-31 and
# Sat 2027-02-20.

FAKE_2027 = {
    "2027": {
        "holidays": [{"date": "2027-01-01", "name": "元旦"},
                     *({"date": f"2027-02-{d:02d}", "name": "春节"} for d in range(5, 14))],
        "workdays": [{"date": "2027-01-31", "name": "春节"}, "2027-02-20"],
        "note": "测试用虚构安排",
    }
}


def fake_2027():
    from gongkai.clock import load_schedules

    return NATIONAL.with_schedules(load_schedules(json.dumps(FAKE_2027)))


def test_a_schedule_makes_its_year_known():
    cal = fake_2027()
    assert 2027 not in KNOWN_YEARS and 2027 in cal.years
    assert cal.day(D(2027, 2, 8)).reason == "法定节假日（春节）"  # a Monday inside the span
    assert cal.day(D(2027, 2, 6)).kind == "holiday"  # a Saturday inside the span: said as the holiday
    assert cal.day(D(2027, 1, 31)).reason == "调休上班（春节）"
    assert cal.day(D(2027, 2, 20)).reason == "调休上班"  # listed without a name
    assert cal.day(D(2027, 2, 21)).reason == "周末"  # any other weekend day rests
    assert cal.day(D(2027, 3, 3)).kind == "workday"  # any other weekday works
    assert cal.is_working_day(D(2026, 12, 31))  # the package's years are untouched
    with pytest.raises(ClockError) as info:
        cal.day(D(2028, 1, 3))
    assert info.value.code == "year_unknown" and "2027" in info.value.detail
    with pytest.raises(ClockError):
        NATIONAL.day(D(2027, 3, 3))  # NATIONAL itself did not change: with_schedules made a new calendar


def test_spring_festival_of_a_scheduled_year():
    # Received Fri 2027-01-15 on the made-up schedule; count from Sat 01-16:
    # 16-17 skip | 01-18(1) 19(2) 20(3) 21(4) 22(5) | 23-24 skip | 01-25(6) 26(7) 27(8) 28(9) 29(10) |
    # Sat 30 skip | Sun 31 make-up (11) | Mon 02-01(12) 02(13) 03(14) Thu 04(15) | 02-05 .. 02-13 春节 skip |
    # Sun 02-14 skip | Mon 02-15(16) 16(17) 17(18) 18(19) Fri 19(20) -> 2027-02-19.
    d = answer_deadline(D(2027, 1, 15), calendar=fake_2027())
    assert d.due == D(2027, 2, 19)
    assert [n.date for n in d.makeup] == [D(2027, 1, 31)]
    assert [n.date for n in d.skipped if n.kind == "holiday"] == dates(D(2027, 2, 5), D(2027, 2, 13))
    assert d.schedules == ((2027, "测试用虚构安排"),)
    assert "2027 年按录入的放假安排计算（测试用虚构安排）。" in d.explain()
    assert d.to_json()["calendar"]["schedules"] == [{"year": 2027, "note": "测试用虚构安排"}]


def test_a_deadline_from_the_package_year_into_the_scheduled_year():
    # Received Mon 2026-12-28 (package data for 2026, nothing in late December), 20 + 20 working days:
    # 12-29(1) 30(2) 31(3) | Fri 01-01 元旦 skip | 02-03 skip | 01-04(4) .. 08(8) | 09-10 | 01-11(9) .. 15(13) |
    # 16-17 | 01-18(14) .. 22(18) | 23-24 | Mon 01-25(19) Tue 26(20) | Wed 27(21) 28(22) 29(23) | Sat 30 skip |
    # Sun 31 make-up (24) | 02-01(25) 02(26) 03(27) 04(28) | 02-05 .. 02-13 skip | Sun 14 skip |
    # 02-15(29) 16(30) 17(31) 18(32) 19(33) | Sat 20 make-up (34) | Sun 21 skip | 02-22(35) .. 26(39) |
    # 27-28 skip | Mon 2027-03-01(40).
    cal = fake_2027()
    assert answer_deadline(D(2026, 12, 28), calendar=cal).due == D(2027, 1, 26)
    d = answer_deadline(D(2026, 12, 28), extension=20, calendar=cal)
    assert d.due == D(2027, 3, 1)
    assert [n.date for n in d.makeup] == [D(2027, 1, 31), D(2027, 2, 20)]
    assert working_days_left(D(2026, 12, 28), d.due, calendar=cal) == 40


def test_a_schedule_replaces_the_package_for_its_year():
    # A (made-up) 2025 schedule with 元旦 only: the package's 春节 and its make-up days are gone.
    # Received Mon 2025-01-20, count from Tue 01-21: 01-21 .. 24 (4) | Sat 25, Sun 26 now plain weekend |
    # 01-27 .. 31 (9) | 02-03 .. 07 (14) | 02-10 .. 14 (19) | Mon 02-17 (20). (On the package: 02-21.)
    from gongkai.clock import YearSchedule

    cal = NATIONAL.with_schedules([YearSchedule(2025, {D(2025, 1, 1): "元旦"})])
    assert answer_deadline(D(2025, 1, 20), calendar=cal).due == D(2025, 2, 17)
    assert cal.day(D(2025, 1, 26)).reason == "周末"
    assert answer_deadline(D(2025, 1, 20)).due == D(2025, 2, 21)


def test_a_local_rest_day_still_applies_in_a_scheduled_year():
    # Mon 2027-02-15 a local rest day: the 2027-01-15 count above loses its 16th day and goes on
    # 02-16(16) 17(17) 18(18) 19(19) | Sat 02-20, a make-up day, (20) -> Sat 2027-02-20.
    cal = fake_2027().with_local_holidays({D(2027, 2, 15): "地方节日"})
    d = answer_deadline(D(2027, 1, 15), calendar=cal)
    assert d.due == D(2027, 2, 20)
    assert [n.date for n in d.skipped if n.kind == "local_holiday"] == [D(2027, 2, 15)]


def bad(doc):
    from gongkai.clock import load_schedules

    with pytest.raises(ClockError) as info:
        load_schedules(doc if isinstance(doc, str | bytes) else json.dumps(doc))
    assert info.value.code == "bad_schedule"
    assert info.value.message.startswith("放假安排有误：")
    return info.value


def test_the_loader_refuses_a_malformed_file():
    exc = bad('{"2027": {"holidays": ["2027-01-01",], "workdays": []}}')
    assert "JSON" in exc.message and "第 1 行" in exc.message
    assert "malformed JSON" in exc.detail and "column" in exc.detail
    assert "UTF-8" in bad(b'{"2027": "\xff"}').message
    assert "以年份为键" in bad("[]").message
    assert "以年份为键" in bad("{}").message
    assert "两次" in bad('{"2027": {"holidays": ["2027-01-01"], "workdays": []}, '
                         '"2027": {"holidays": ["2027-01-01"], "workdays": []}}').message


def test_the_loader_refuses_a_key_that_is_not_a_year():
    for key in ("27", "二〇二七", "2027a", "20277", "1850"):
        exc = bad({key: {"holidays": ["2027-01-01"], "workdays": []}})
        assert f"“{key}”不是年份" in exc.message, key
        assert repr(key) in exc.detail


def test_the_loader_refuses_a_bad_date():
    exc = bad({"2027": {"holidays": ["2027-02-30"], "workdays": []}})
    assert "“2027-02-30”不是有效日期" in exc.message and "放假日" in exc.message
    assert "'2027-02-30'" in exc.detail and "holidays[0]" in exc.detail
    exc = bad({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027/02/20"]}})
    assert "调休上班日" in exc.message and "workdays[0]" in exc.detail
    assert "第 1 项" in bad({"2027": {"holidays": [{"name": "元旦"}], "workdays": []}}).message
    assert "不是有效日期" in bad({"2027": {"holidays": [20270101], "workdays": []}}).message


def test_the_loader_refuses_a_date_under_the_wrong_year():
    exc = bad({"2027": {"holidays": ["2027-01-01", "2028-01-01"], "workdays": []}})
    assert exc.message == "放假安排有误：2028-01-01 不属于 2027 年，却列在 2027 年的安排中。"
    assert exc.detail == "2028-01-01 is listed under holidays of 2027"
    exc = bad({"2027": {"holidays": ["2027-01-01"], "workdays": ["2026-12-26"]}})
    assert "2026-12-26 不属于 2027 年" in exc.message and "workdays of 2027" in exc.detail


def test_the_loader_refuses_a_date_in_both_lists_or_twice():
    exc = bad({"2027": {"holidays": ["2027-01-01", "2027-01-02"], "workdays": ["2027-01-02"]}})
    assert "2027-01-02 同时列为放假日和调休上班日" in exc.message
    assert "both as a holiday and as a workday" in exc.detail
    exc = bad({"2027": {"holidays": ["2027-01-01", "2027-01-01"], "workdays": []}})
    assert "重复" in exc.message and "listed twice" in exc.detail


def test_the_loader_refuses_a_workday_that_is_not_a_weekend_day():
    # Wed 2027-02-03: a Monday-Friday is a working day anyway; listing it is a slip of the hand.
    exc = bad({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-02-03"]}})
    assert "2027-02-03 是星期三，不能列为调休上班日" in exc.message
    assert "Wednesday" in exc.detail and "Saturday or Sunday" in exc.detail


def test_the_loader_refuses_missing_or_unknown_keys_and_an_empty_year():
    exc = bad({"2027": {"holidays": ["2027-01-01"], "workday": ["2027-01-31"]}})
    assert "workday" in exc.message and "workdays" in exc.message
    assert "unknown ['workday']" in exc.detail and "missing ['workdays']" in exc.detail
    assert "至少有元旦" in bad({"2027": {"holidays": [], "workdays": []}}).message
    assert "日期列表" in bad({"2027": {"holidays": "2027-01-01", "workdays": []}}).message
    assert "对象" in bad({"2027": ["2027-01-01"]}).message


def test_the_loader_reads_the_contracts_plain_form_and_round_trips():
    from gongkai.clock import load_schedules, schedule_from_json

    (s,) = load_schedules('{"2027": {"holidays": ["2027-01-01"], "workdays": []}}')
    assert s.year == 2027 and dict(s.holidays) == {D(2027, 1, 1): ""} and not s.workdays
    (s,) = load_schedules(json.dumps(FAKE_2027))
    assert schedule_from_json(2027, s.to_json()) == s
    assert len(s.holidays) == 10 and list(s.workdays) == [D(2027, 1, 31), D(2027, 2, 20)]
    assert "2027-02-05 至 2027-02-13（春节）" in s.summary()


def test_day_lines_as_typed_in_the_back_office():
    from gongkai.clock import parse_day_lines
    from gongkai.clock.schedule import day_lines

    days = parse_day_lines("2027-01-01 元旦\n\n2027-2-5 至 2027-02-13 春节\n", 2027, "holidays")
    assert len(days) == 10 and days[D(2027, 2, 9)] == "春节" and days[D(2027, 1, 1)] == "元旦"
    assert day_lines(days) == "2027-01-01 元旦\n2027-02-05 至 2027-02-13 春节"
    assert parse_day_lines(day_lines(days), 2027, "holidays") == days
    for text, what in (("2027-13-01", "无法识别"), ("元旦 2027-01-01", "无法识别"),
                       ("2027-02-13 至 2027-02-05", "无法识别"), ("2027-12-31 至 2028-01-02", "不属于 2027 年"),
                       ("2027-01-01\n2027-01-01", "重复")):
        with pytest.raises(ClockError) as info:
            parse_day_lines(text, 2027, "holidays")
        assert what in info.value.message, text
    with pytest.raises(ClockError) as info:
        parse_day_lines("2027-01-01\nfoo", 2027, "workdays")
    assert "调休上班日第 2 行“foo”无法识别" in info.value.message and "line 2" in info.value.detail
