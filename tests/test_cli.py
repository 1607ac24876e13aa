"""The command line of CONTRACT.md, run as a real subprocess from the project's venv."""

import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))
GONGKAI = [sys.executable, "-m", "gongkai"]


def run(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([*GONGKAI, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_it_prints_one_json_line_per_file_in_order():
    proc = run("parse", "--json", *map(str, SEEDS))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 5
    objs = [json.loads(line) for line in lines]
    assert [o["source"]["path"] for o in objs] == list(map(str, SEEDS))
    for o in objs:
        assert o["contract"] == 1
        assert o["source"]["kind"] in ("text", "markdown")
        assert len(o["source"]["sha256"]) == 64
        assert isinstance(o["findings"], list)


def test_it_keeps_going_after_an_unreadable_file(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    proc = run("parse", "--json", str(tmp_path / "missing.txt"), str(junk), str(SEEDS[0]))
    assert proc.returncode == 1
    first, second, third = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["error"]["code"] == "not_found"
    assert "找不到文件" in first["error"]["message"]
    assert second["error"]["code"] == "unsupported_kind"
    assert third["issuer"] == "阿合奇县库兰萨日克乡人民政府"


def test_it_exits_1_from_check_when_a_report_has_errors():
    proc = run("check", "--json", str(SEEDS[1]))  # seed 001 has blank cells
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)["findings"]
    assert any(f["rule"] == "missing_cell" and f["severity"] == "error" for f in findings)


def test_it_exits_0_from_check_on_a_clean_report():
    proc = run("check", str(SEEDS[0]))
    assert proc.returncode == 0, proc.stdout
    assert "阿合奇县库兰萨日克乡人民政府" in proc.stdout
    assert "未发现问题" in proc.stdout


def test_it_prints_findings_in_chinese_without_json():
    proc = run("check", str(SEEDS[1]))
    assert "[错误]" in proc.stdout
    assert "[警告]" in proc.stdout


def test_it_exits_2_on_usage_errors():
    assert run("parse").returncode == 2
    assert run("parse", "--no-such-option", str(SEEDS[0])).returncode == 2
    assert run("frobnicate").returncode == 2


def test_it_adds_provenance_on_request():
    proc = run("parse", "--json", "--provenance", str(SEEDS[2]))
    prov = json.loads(proc.stdout)["provenance"]
    assert prov["proactive.licensing.decisions"]["raw"] == "11221"
    assert prov["proactive.licensing.decisions"]["where"]["line"] > 0
    assert prov["proactive.licensing.decisions"]["inferred"] is False


def test_it_accepts_a_deadline_per_level(tmp_path):
    text = SEEDS[0].read_text("utf-8").replace("2022年1月5日", "2022年2月10日")
    late = tmp_path / "late.txt"
    late.write_text(text, "utf-8")
    default = json.loads(run("check", "--json", str(late)).stdout)
    assert any(f["rule"] == "late_publication" for f in default["findings"])
    relaxed = json.loads(run("check", "--json", "--deadline", "township=02-28", str(late)).stdout)
    assert not any(f["rule"] == "late_publication" for f in relaxed["findings"])


# --- gongkai deadline --calendar FILE ---------------------------------------------------------------
#
# MADE-UP 2027 SCHEDULE, FOR TESTS ONLY (the official notice for 2027 was not available): rest on
# Fri 2027-01-01 (元旦) and Fri 2027-02-05 .. Sat 2027-02-13 (春节); make-up working days Sun 2027-01-31
# and Sat 2027-02-20. In the plain form of CONTRACT.md: dates only, no names.
FAKE_2027 = {"2027": {"holidays": ["2027-01-01", *(f"2027-02-{d:02d}" for d in range(5, 14))],
                      "workdays": ["2027-01-31", "2027-02-20"]}}


def calendar_file(tmp_path, doc, name="calendar.json"):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), "utf-8")
    return str(path)


def test_deadline_counts_across_the_spring_festival_of_a_calendar_file(tmp_path):
    # Received Fri 2027-01-15; count from Sat 01-16:
    # Sat 16, Sun 17 skip | 01-18(1) 19(2) 20(3) 21(4) 22(5) | 23, 24 skip | 01-25(6) 26(7) 27(8) 28(9) 29(10) |
    # Sat 30 skip | Sun 31 make-up (11) | 02-01(12) 02(13) 03(14) Thu 04(15) | Fri 02-05 .. Sat 02-13 春节 skip
    # (9 days) | Sun 14 skip | 02-15(16) 16(17) 17(18) 18(19) Fri 02-19(20) -> due 2027-02-19.
    path = calendar_file(tmp_path, FAKE_2027)
    proc = run("deadline", "2027-01-15", "--calendar", path, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["due"] == "2027-02-19" and doc["working_days"] == 20
    holidays = [s["date"] for s in doc["skipped"] if s["kind"] == "holiday"]
    assert holidays == [f"2027-02-{d:02d}" for d in range(5, 14)]
    assert {"date": "2027-02-08", "reason": "法定节假日", "kind": "holiday"} in doc["skipped"]
    assert [m["date"] for m in doc["makeup_workdays"]] == ["2027-01-31"]
    assert doc["calendar"]["schedules"] == [{"year": 2027, "note": ""}]
    text = run("deadline", "2027-01-15", "--calendar", path)
    assert text.returncode == 0
    assert text.stdout.startswith("答复期限：2027-02-19（星期五）。")
    assert "2027-02-05 至 2027-02-13：法定节假日" in text.stdout and "2027 年按录入的放假安排计算" in text.stdout
    # Without the file the year is unknown: exit 1, as before.
    assert run("deadline", "2027-01-15").returncode == 1


def test_deadline_from_2026_into_a_calendar_file_with_an_extension(tmp_path):
    # Received Mon 2026-12-28 (2026 from the package), 20 + 20 working days:
    # 12-29(1) 30(2) 31(3) | Fri 01-01 元旦 skip | 02, 03 skip | 01-04(4) .. 08(8) | 09, 10 | 01-11(9) .. 15(13) |
    # 16, 17 | 01-18(14) .. 22(18) | 23, 24 | 01-25(19) 26(20) 27(21) 28(22) 29(23) | Sat 30 skip |
    # Sun 31 make-up (24) | 02-01(25) .. 04(28) | 02-05 .. 02-13 skip | Sun 14 skip | 02-15(29) .. 19(33) |
    # Sat 20 make-up (34) | Sun 21 skip | 02-22(35) .. 26(39) | 27, 28 skip | Mon 2027-03-01(40).
    path = calendar_file(tmp_path, FAKE_2027)
    doc = json.loads(run("deadline", "2026-12-28", "--extend", "20", "--calendar", path, "--json").stdout)
    assert doc["due"] == "2027-03-01" and doc["working_days"] == 40
    assert [m["date"] for m in doc["makeup_workdays"]] == ["2027-01-31", "2027-02-20"]
    assert json.loads(run("deadline", "2026-12-28", "--calendar", path, "--json").stdout)["due"] == "2027-01-26"


def test_deadline_calendar_file_replaces_a_known_year(tmp_path):
    # A (made-up) 2025 with 元旦 only, no 春节: from Mon 2025-01-20, Tue 01-21 .. Fri 24 (4), 27 .. 31 (9),
    # 02-03 .. 07 (14), 02-10 .. 14 (19), Mon 02-17 (20). The package's own count is 2025-02-21.
    path = calendar_file(tmp_path, {"2025": {"holidays": ["2025-01-01"], "workdays": []}})
    assert json.loads(run("deadline", "2025-01-20", "--calendar", path, "--json").stdout)["due"] == "2025-02-17"


def test_deadline_still_exits_1_for_a_year_neither_knows(tmp_path):
    path = calendar_file(tmp_path, FAKE_2027)
    proc = run("deadline", "2027-12-20", "--calendar", path, "--json")
    assert proc.returncode == 1
    err = json.loads(proc.stdout)["error"]
    assert err["code"] == "year_unknown" and "2028 年" in err["message"]
    assert "schedules were entered for 2027 only" in err["detail"]


def test_deadline_refuses_a_bad_calendar_file_as_a_usage_error(tmp_path):
    cases = [
        ('{"2027": {"holidays": ["2027-01-01"', "不是有效的 JSON", "malformed JSON"),
        ({"year2027": {"holidays": ["2027-01-01"], "workdays": []}}, "不是年份", "not a year"),
        ({"2027": {"holidays": ["2027-02-29"], "workdays": []}}, "“2027-02-29”不是有效日期", "not a date"),
        ({"2027": {"holidays": ["2027-01-01", "2028-02-01"], "workdays": []}}, "2028-02-01 不属于 2027 年",
         "listed under holidays of 2027"),
        ({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}}, "同时列为放假日和调休上班日",
         "both as a holiday"),
        ({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-02-01"]}}, "是星期一，不能列为调休上班日",
         "Saturday or Sunday"),
    ]
    for i, (doc, message, detail) in enumerate(cases):
        proc = run("deadline", "2027-01-15", "--calendar", calendar_file(tmp_path, doc, f"c{i}.json"), "--json")
        assert proc.returncode == 2, (doc, proc.stdout)
        assert "usage:" in proc.stderr and "--calendar" in proc.stderr
        assert message in proc.stderr, proc.stderr
        assert detail in proc.stderr  # the English detail, logged for the operator
        assert proc.stdout == ""
    proc = run("deadline", "2027-01-15", "--calendar", str(tmp_path / "missing.json"))
    assert proc.returncode == 2 and "无法读取文件" in proc.stderr
