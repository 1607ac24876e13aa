"""The real reports of tests/data/corpus against the values people read off them.

The expected files were written by hand, before the parser learnt these layouts
(tests/data/corpus/README.md); ``tests.accuracy`` does the comparing, this module says what must hold:
every hand-read cell right, the format of every table-bearing file, the issuer of every file that
names one, and the cut of every page opening named once.
"""

import json

import pytest

from gongkai.report import check, parse_file, report_json
from tests import accuracy

LAYOUTS = accuracy._layouts()
CORPUS = sorted(accuracy.CORPUS.glob("*.expected.json"))


def _ids(paths):
    return [p.name[:3] for p in paths]


def _expected(path):
    return json.loads(path.read_text("utf-8"))


def test_there_are_enough_hand_read_files():
    with_tables = [p for p in CORPUS if any(_expected(p).get(t) for t in accuracy.TABLES)]
    assert len(CORPUS) == 69
    assert len(with_tables) >= 55


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_it_reads_every_visible_cell_as_read_by_hand(path):
    score = accuracy.score_file(path, LAYOUTS)
    assert score.error is None
    assert score.wrong == [], "\n".join(score.wrong)
    assert score.invented == [], "\n".join(score.invented)


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_it_reads_the_format_from_the_tables(path):
    score = accuracy.score_file(path, LAYOUTS)
    assert score.format_right in (None, True)


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_it_names_where_the_text_ends_once(path):
    expected = _expected(path)
    report = check(parse_file(str(path.with_name(path.name.replace(".expected.json", ".txt")))))
    assert report.truncated == expected["truncated"]
    cut = [f for f in report.findings if f.rule == "truncated"]
    assert len(cut) == (1 if expected["truncated"] else 0)
    if expected["truncated"]:
        # Nothing after the cut is reported as a missing cell or a missing section.
        missing = {c for f in report.findings if f.rule == "missing_cell" for c in f.cells}
        assert not missing & report.invisible
        assert report_json(report)["truncated"] == expected["truncated"]


def test_the_totals_meet_the_targets():
    t = accuracy.totals([accuracy.score_file(p, LAYOUTS) for p in CORPUS])
    assert t["cell_share"] >= 0.99
    assert t["format_share"] >= 0.98
    assert t["issuer_share"] >= 0.90


def test_it_finds_the_issuer_where_the_title_or_the_opening_names_it():
    # Files whose title, opening sentence, a title quoted in the text or a breadcrumb names the
    # issuer (the others name it only in passing, e.g. as the office to contact).
    names = {
        "102": "西柳镇人民政府", "105": "驼峰路街道办事处", "109": "周矶街道办事处", "113": "区统计局",
        "134": "沅陵县二酉苗族乡人民政府", "136": "区发改局", "137": "乌海市工业和信息化局",
        "138": "区秦岭保护局", "149": "随县经济开发区", "165": "昌图县七家子镇",
    }
    for name, issuer in names.items():
        report = parse_file(str(accuracy.CORPUS / f"{name}.txt"))
        assert report.issuer == issuer, name


@pytest.mark.parametrize("name", ["101", "106", "139", "150", "162"])
def test_it_never_takes_we_for_the_issuer(name):
    # These say only 我镇 / 我局 / 我街 / 我鎮: no name, so no issuer, never "我镇".
    assert parse_file(str(accuracy.CORPUS / f"{name}.txt")).issuer is None


def test_ambiguous_cells_are_left_blank_and_reported():
    # 162: rows printing fewer numbers than columns, with the blanks pushed to the end of the row by
    # the converter: only the row total can be told (it is the sum of the others).
    path = accuracy.CORPUS / "162.expected.json"
    expected = _expected(path)
    report = parse_file(str(accuracy.CORPUS / "162.txt"))
    ambiguous = {c for f in report.findings if f.rule == "ambiguous_cell" for c in f.cells}
    assert set(expected["ambiguous"]) <= ambiguous
    for cell in expected["ambiguous"]:
        assert report.cell_at(cell).value is None
    assert report.applications.value("new", "total") == 8
    by_total = {c for f in report.findings if f.rule == "inferred_cell" for c in f.cells}
    assert "applications.new.total" in by_total


def test_each_table_says_how_it_was_read():
    # 162: section 二 read as printed (three blank cells in the text); section 三 mostly not visible,
    # 24 cells ambiguous, 4 totals decided by the row sums (tests/data/corpus/162.expected.json).
    quality = report_json(parse_file(str(accuracy.CORPUS / "162.txt")))["read_quality"]
    assert quality["proactive"] == {
        "cells": 22, "read": 19, "inferred": 0, "ambiguous": 0, "blank": 3, "not_visible": 0, "share_read": 1.0
    }
    apps = quality["applications"]
    assert (apps["ambiguous"], apps["inferred"], apps["read"]) == (24, 4, 0)
    assert apps["share_read"] == 0.0
    assert quality["appeals"] is None


def test_a_cut_report_loaded_from_its_json_is_still_cut_there():
    from gongkai.report import report_from_json

    parsed = parse_file(str(accuracy.CORPUS / "136.txt"))
    loaded = report_from_json(json.loads(json.dumps(report_json(parsed))))
    assert loaded.truncated == parsed.truncated == "applications.denied.state_secret"
    assert loaded.invisible == parsed.invisible
    missing = {c for f in check(loaded).findings if f.rule == "missing_cell" for c in f.cells}
    assert not missing & loaded.invisible
