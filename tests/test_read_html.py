"""HTML reports: merged header cells, portal pages around the report, broken markup."""

import json
from pathlib import Path

import pytest

from gongkai.report import ReportError, check, parse_bytes, report_json, schema
from tests.official_html import report_html

SEEDS = Path(__file__).parent / "data" / "seeds"
EXPECTED = sorted(SEEDS.glob("*.expected.json"))


def _cells(got: dict, fmt: str) -> dict:
    return {
        spec.key: {row.key: [got[spec.key][row.key][c.key] for c in row.columns] for row in spec.rows}
        for spec in schema.FORMATS[fmt].tables
    }


@pytest.mark.parametrize("path", EXPECTED, ids=[p.name[:3] for p in EXPECTED])
@pytest.mark.parametrize("portal", [False, True], ids=["plain", "portal"])
def test_it_reads_the_seed_tables_rebuilt_as_html(path, portal):
    expected = json.loads(path.read_text("utf-8"))
    html = report_html(expected, portal=portal)
    got = report_json(parse_bytes(html.encode("utf-8"), "report.html"))
    assert got["source"]["kind"] == "html"
    for key in ("issuer", "year", "format", "published_on"):
        assert got[key] == expected[key], key
    assert _cells(got, expected["format"]) == {k: expected[k] for k in ("proactive", "applications", "appeals")}


def test_it_expands_rowspan_and_colspan_onto_the_grid():
    expected = json.loads((SEEDS / "002_0e3887757721619f.expected.json").read_text("utf-8"))
    report = parse_bytes(report_html(expected).encode("utf-8"), "r.html")
    # （三）1 sits in the table's 8th grid row (three header rows, 一, 二, （一）, （二）) and its first
    # value in grid column 4: three label columns (三、… rowspan, （三） rowspan, 1.…) come first.
    cell = report.applications.cell("denied.state_secret", "natural_person")
    assert (cell.where.table, cell.where.row, cell.where.col) == (2, 8, 4)
    recon = report.appeals.cell("reconsideration", "corrected")
    assert recon.value == 1 and (recon.where.row, recon.where.col) == (4, 2)


def test_it_finds_sections_and_no_errors_in_a_portal_page():
    expected = json.loads((SEEDS / "000_b62a3e5167963438.expected.json").read_text("utf-8"))
    report = check(parse_bytes(report_html(expected, portal=True).encode("utf-8"), "page.htm"))
    assert sorted(report.sections) == [1, 2, 3, 4, 5, 6]
    assert [f for f in report.findings if f.severity == "error"] == []
    assert "网站标识码" not in " ".join(s.text for s in report.sections.values())


def test_it_reads_gb2312_html_named_txt():
    expected = json.loads((SEEDS / "004_29825b7b59ed5619.expected.json").read_text("utf-8"))
    html = report_html(expected).replace('charset="utf-8"', 'charset="gb2312"')
    report = parse_bytes(html.encode("gb18030"), "report.txt")
    assert report.source.kind == "html"
    assert report.format == "2019"
    assert report.proactive.value("normative_documents", "made") == 1


def test_it_survives_broken_markup():
    data = "<html><body><table><tr><td>规章<td>1<tr><td rowspan=abc colspan=99999>x</table></b></i>".encode()
    report = parse_bytes(data, "broken.html")
    assert report.source.kind == "html"


def test_it_rejects_html_without_content_cleanly():
    with pytest.raises(ReportError) as info:
        parse_bytes(b"   ", "blank.html")
    assert info.value.code == "empty"


def test_it_keeps_a_blank_total_in_place_after_a_label_merged_over_three_columns():
    expected = json.loads((SEEDS / "002_0e3887757721619f.expected.json").read_text("utf-8"))
    expected["applications"]["new"] = [1, 1, 1, 1, 1, 1, None]  # 总计 left blank by the clerk
    report = parse_bytes(report_html(expected).encode("utf-8"), "r.html")
    assert [report.applications.value("new", c.key) for c in schema.APPLICANT_COLUMNS] == [1, 1, 1, 1, 1, 1, None]
