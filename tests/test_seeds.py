"""Every cell of the five seed reports against values a person read off the documents.

The expected files (tests/data/seeds/*.expected.json) were written by hand, row by row in the
official column order; nothing in them was produced by gongkai.
"""

import json
from pathlib import Path

import pytest

from gongkai.report import check, parse_file, report_json, schema

SEED_DIR = Path(__file__).parent / "data" / "seeds"
CASES = sorted(SEED_DIR.glob("*.txt"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))


def _ids(paths):
    return [p.stem[:3] for p in paths]


def test_there_are_five_seeds():
    assert len(CASES) == 5


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_it_reads_issuer_year_format_and_date(path):
    expected = _expected(path)
    got = report_json(parse_file(str(path)))
    for key in ("issuer", "year", "format", "published_on"):
        assert got[key] == expected[key], key


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_it_reads_every_cell_as_printed(path):
    expected = _expected(path)
    got = report_json(parse_file(str(path)))
    fmt = schema.FORMATS[expected["format"]]
    for spec in fmt.tables:
        table = got[spec.key]
        assert table is not None, spec.key
        assert set(table) - {"extra"} == set(expected[spec.key]), spec.key
        for row in spec.rows:
            want = expected[spec.key][row.key]
            have = [table[row.key][col.key] for col in row.columns]
            assert have == want, f"{spec.key}.{row.key}"


@pytest.mark.parametrize("path", CASES, ids=_ids(CASES))
def test_it_reports_ambiguous_and_inferred_cells(path):
    expected = _expected(path)
    report = parse_file(str(path))
    ambiguous = {c for f in report.findings if f.rule == "ambiguous_cell" for c in f.cells}
    assert set(expected["ambiguous"]) <= ambiguous
    for cell in expected["ambiguous"]:
        assert report.cell_at(cell).value is None, cell
    inferred_rows = {c.rsplit(".", 1)[0] for f in report.findings if f.rule == "inferred_cell" for c in f.cells}
    assert inferred_rows == set(expected["inferred_rows"])
    assert all(f.severity == "info" for f in report.findings if f.rule == "inferred_cell")


def test_it_flags_blank_cells_of_seed_001_as_missing():
    path = SEED_DIR / "001_0400e0c6a654d7e4.txt"
    report = check(parse_file(str(path)))
    missing = {c for f in report.findings if f.rule == "missing_cell" for c in f.cells}
    assert set(_expected(path)["blank_in_document"]) <= missing
    assert any(f.severity == "error" for f in report.findings if f.rule == "missing_cell")


@pytest.mark.parametrize("name", ["000_b62a3e5167963438", "002_0e3887757721619f", "004_29825b7b59ed5619"])
def test_it_finds_no_error_in_the_clean_seeds(name):
    report = check(parse_file(str(SEED_DIR / f"{name}.txt")))
    assert [f for f in report.findings if f.severity == "error"] == []


def test_it_keeps_provenance_of_each_cell():
    report = parse_file(str(SEED_DIR / "002_0e3887757721619f.txt"))
    cell = report.applications.cell("new", "natural_person")
    lines = (SEED_DIR / "002_0e3887757721619f.txt").read_text("utf-8").split("\n")
    # The value 1 of 一、本年新收 / 自然人 is on its own line, led by a tab.
    assert cell.value == 1
    assert lines[cell.where.line - 1].strip() == "1"
    assert cell.raw == "1"
    licensing = report.proactive.cell("licensing", "decisions")
    assert lines[licensing.where.line - 1].strip() == "11221"


def test_it_reads_the_narrative_of_seed_002_consistently():
    # Section 一 says 收到依申请公开一次，行政复议一次; the tables say 1 and 1.
    report = check(parse_file(str(SEED_DIR / "002_0e3887757721619f.txt")))
    assert [f for f in report.findings if f.rule == "narrative_mismatch"] == []
    assert report.sections[1].text.count("一次") >= 2
