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
