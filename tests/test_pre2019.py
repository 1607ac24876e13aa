"""Reports on 2008–2018 are recognised as pre2019 with their headline figures."""

import json
from pathlib import Path

from gongkai.report import check, parse_file, report_json

HERE = Path(__file__).parent / "data" / "pre2019"


def test_it_reads_a_pre2019_report_and_its_headline_figures():
    expected = json.loads((HERE / "2016_county_bureau.expected.json").read_text("utf-8"))
    got = report_json(parse_file(str(HERE / "2016_county_bureau.txt")))
    for key in ("issuer", "year", "format", "published_on", "pre2019"):
        assert got[key] == expected[key], key
    assert got["proactive"] is None and got["applications"] is None and got["appeals"] is None


def test_it_applies_no_national_table_rule_to_a_pre2019_report():
    report = check(parse_file(str(HERE / "2016_county_bureau.txt")))
    rules = {f.rule for f in report.findings}
    assert not rules & {"missing_section", "missing_cell", "format_mismatch"}
    # Published 2017-02-10: within the 31 March deadline of the 2008 条例 (Art 31), although a
    # county department reporting on 2019 or later would have been late (Art 49: 31 January).
    assert [f for f in report.findings if f.rule == "late_publication"] == []


def test_it_holds_pre2019_reports_to_the_2008_deadline_of_31_march(tmp_path):
    text = (HERE / "2016_county_bureau.txt").read_text("utf-8").replace("2017年2月10日", "2017年4月1日")
    late = tmp_path / "late.txt"
    late.write_text(text, "utf-8")
    report = check(parse_file(str(late)))
    assert [(f.rule, f.severity) for f in report.findings] == [("late_publication", "error")]
    assert "2017-03-31" in report.findings[0].message
