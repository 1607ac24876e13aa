"""Rendering the official report: seeds round trip, the layout's merged cells, the refusal gate, the CLI.

The seeds' expected files were written by hand; a seed is parsed, rendered and parsed back, and
every cell must come back as the hand-written value (or, where the seed itself is unreadable in a
cell, as the same blank).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gongkai.report import parse_bytes, parse_file, report_json, schema
from gongkai.report.errors import RenderError
from gongkai.report.load import document_json, loads_report, report_from_json
from gongkai.report.render import KINDS, blocking_findings, render
from gongkai.report.render.layout import build, format_value

SEED_DIR = Path(__file__).parent / "data" / "seeds"
SEEDS = sorted(SEED_DIR.glob("*.txt"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))


def _cells(obj: dict) -> dict[str, object]:
    """Every statutory cell of a contract object by dotted path; a missing table is all blanks."""
    spec = schema.FORMATS[obj["format"]]
    out = {}
    for table in spec.tables:
        data = obj.get(table.key) or {}
        for row in table.rows:
            for col in row.columns:
                out[f"{table.key}.{row.key}.{col.key}"] = (data.get(row.key) or {}).get(col.key)
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_it_renders_every_seed_so_that_it_reads_back_the_same(path, kind):
    expected = _expected(path)
    parsed = document_json(parse_file(str(path)))
    data = render(parsed, kind, allow_errors=True)
    back = report_json(parse_bytes(data, f"seed.{kind}"))
    for key in ("issuer", "year", "format", "published_on"):
        assert back[key] == expected[key], key
    assert _cells(back) == _cells(parsed)
    # And the values are the ones a person read off the document.
    for table in schema.FORMATS[expected["format"]].tables:
        for row in table.rows:
            have = [back[table.key][row.key][c.key] for c in row.columns]
            want = expected[table.key][row.key]
            blank = set(expected.get("ambiguous", [])) | set(expected.get("blank_in_document", []))
            for col, h, w in zip(row.columns, have, want, strict=True):
                if f"{table.key}.{row.key}.{col.key}" not in blank:
                    assert h == w, f"{table.key}.{row.key}.{col.key}"


def test_the_loader_is_the_inverse_of_the_contract_json():
    for path in SEEDS:
        obj = document_json(parse_file(str(path)))
        again = document_json(report_from_json(json.loads(json.dumps(obj))))
        for finding in obj["findings"]:
            finding.pop("where", None)  # a described location ("第12行") is not loaded back
        assert again == obj


def test_it_accepts_the_json_lines_that_gongkai_parse_prints():
    line = json.dumps(report_json(parse_file(str(SEEDS[0]))), ensure_ascii=False)
    assert loads_report(line + "\n").issuer == "阿合奇县库兰萨日克乡人民政府"


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda o: o["applications"]["new"].update(total="3"), "applications.new.total"),
        (lambda o: o["applications"].update(nonsense={}), "applications.nonsense"),
        (lambda o: o["appeals"]["reconsideration"].update(won=1), "appeals.reconsideration.won"),
        (lambda o: o.update(published_on="5 Jan 2022"), "YYYY-MM-DD"),
        (lambda o: o["proactive"]["rules"].update(issued=True), "proactive.rules.issued"),
    ],
)
def test_it_rejects_json_that_is_not_a_report_with_a_chinese_reason(mutate, reason):
    obj = report_json(parse_file(str(SEEDS[0])))
    mutate(obj)
    with pytest.raises(RenderError) as info:
        render(obj, "md")
    assert info.value.code == "bad_json"
    assert reason in info.value.message


def test_it_refuses_to_render_broken_arithmetic_and_lists_the_findings():
    obj = report_json(parse_file(str(SEEDS[0])))
    obj["applications"]["new"]["natural_person"] = 5  # breaks row_total and balance
    with pytest.raises(RenderError) as info:
        render(obj, "html")
    assert info.value.code == "refused"
    rules = {f.rule for f in info.value.findings}
    assert {"row_total", "balance"} <= rules
    assert "--allow-errors" in info.value.message
    assert render(obj, "html", allow_errors=True).startswith(b"<!DOCTYPE html>")


def test_it_ignores_stale_findings_in_the_input_and_validates_afresh():
    obj = report_json(parse_file(str(SEEDS[0])))
    obj["findings"] = [{"rule": "balance", "severity": "error", "message": "旧的检查结果", "cells": []}]
    assert blocking_findings(loads_report(json.dumps(obj))) == []
    assert render(obj, "md")


def test_it_refuses_a_report_in_no_national_format():
    obj = report_json(parse_file(str(SEEDS[0])))
    obj["format"] = "pre2019"
    with pytest.raises(RenderError) as info:
        render(obj, "md", allow_errors=True)
    assert info.value.code == "unsupported_format"


def test_numbers_are_printed_so_that_they_read_back_as_the_same_kind():
    assert format_value(None) == ""
    assert format_value(0) == "0"
    assert format_value(38.29) == "38.29"
    assert format_value(38.0) == "38.0"
    assert format_value(1e16) == "10000000000000000.0"
    assert format_value(1.5e-05) == "0.000015"
    assert format_value(-3) == "-3"


# --- the layout --------------------------------------------------------------------------------

def _seed(name: str = "000"):
    return parse_file(str(next(p for p in SEEDS if p.name.startswith(name))))


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_layout_has_six_sections_three_tables_and_the_signature_in_order(fmt):
    report = _seed("000" if fmt == "2021" else next(p.name[:3] for p in SEEDS if _expected(p)["format"] == "2019"))
    doc = build(report)
    headings = [b.text for b in doc.blocks if getattr(b, "level", None) == 2]
    assert headings == [s.label for s in schema.SECTIONS]
    grids = [b for b in doc.blocks if hasattr(b, "cells")]
    assert [g.key for g in grids] == ["proactive", "applications", "appeals"]
    proactive, applications, appeals = grids
    captions = [c.text for c in proactive.cells if c.role == "caption"]
    assert captions == [c for c, _ in schema.PROACTIVE_GROUPS[fmt]]
    assert applications.header_rows == 3 and appeals.header_rows == 3
    assert appeals.width == 15
    note = next(c for c in applications.cells if c.role == "note")
    assert (note.text, note.rowspan, note.colspan) == (schema.APPLICATION_BALANCE_NOTE, 3, 3)
    outcome = next(c for c in applications.cells if c.text == schema.OUTCOME_GROUP)
    assert outcome.rowspan == sum(1 for r in schema.FORMATS[fmt].applications.rows if r.outcome) + 1
    denied = next(c for c in applications.cells if c.text == schema.OUTCOME_SUBGROUPS["denied"])
    assert denied.rowspan == 8
    values = {c.path for g in grids for c in g.cells if c.path}
    assert values == {p for t in schema.FORMATS[fmt].tables for p in t.cell_paths()}
    assert doc.blocks[-2].text == report.issuer and doc.blocks[-1].role == "signature"


def test_the_docx_uses_real_merged_cells_and_east_asian_fonts():
    data = render(_seed(), "docx", allow_errors=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    tables = body.findall(f".//{W}tbl")
    assert len(tables) == 3
    appeals = tables[2]
    first = appeals.find(f"{W}tr")
    spans = [int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) for tc in first.findall(f"{W}tc")]
    assert spans == [5, 10]
    assert len(appeals.findall(f".//{W}vMerge")) == 10  # five restarts, five continuations
    assert len(appeals.findall(f".//{W}tblHeader")) == 3
    used = {"Normal", "Title", "Heading1", "TableText"}
    fonts = {
        style.get(f"{W}styleId"): style.find(f"{W}rPr/{W}rFonts")
        for style in styles.iter(f"{W}style") if style.get(f"{W}styleId") in used
    }
    assert {k: f.get(f"{W}eastAsia") for k, f in fonts.items()} == {
        "Normal": "仿宋_GB2312", "Title": "宋体", "Heading1": "黑体", "TableText": "宋体"}
    assert not any(f.get(f"{W}eastAsiaTheme") for f in fonts.values())
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default.get(f"{W}eastAsia") == "仿宋_GB2312" and default.get(f"{W}eastAsiaTheme") is None


def test_the_html_is_semantic_and_every_value_names_its_headers():
    page = render(_seed(), "html", allow_errors=True).decode()
    root = etree.fromstring(page.encode(), etree.HTMLParser())
    assert root.get("lang") == "zh-CN"
    assert root.find(".//meta[@name='viewport']") is not None
    for table in root.iter("table"):
        assert table.getparent().get("class") == "table-wrap"
        assert table.find("caption") is not None
        ids = {el.get("id") for el in table.iter() if el.get("id")}
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "colgroup", "row", "rowgroup")
        for td in table.iter("td"):
            if "note" in (td.get("class") or ""):
                continue
            headers = (td.get("headers") or "").split()
            assert headers and set(headers) <= ids
    assert root.find(".//footer") is None  # the signature is content, not page furniture


def test_the_pdf_embeds_its_cjk_font():
    data = render(_seed(), "pdf", allow_errors=True)
    assert b"/FontFile2" in data
    assert b"WenQuanYi" in data or b"Zen" in data


def test_the_markdown_keeps_the_official_grid():
    text = render(_seed(), "md", allow_errors=True).decode()
    rows = [line for line in text.splitlines() if line.startswith("|")]
    header = next(r for r in rows if schema.APPLICATION_BALANCE_NOTE in r)
    assert header.count("|") == 11  # ten grid columns
    assert f"# {build(_seed()).title}" in text


# --- the command -------------------------------------------------------------------------------

def _gongkai(*args, cwd):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "gongkai", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def test_the_command_writes_each_kind_next_to_the_input(tmp_path):
    source = tmp_path / "report.json"
    source.write_text(json.dumps(document_json(_seed()), ensure_ascii=False), "utf-8")
    for kind in KINDS:
        proc = _gongkai("render", str(source), "--to", kind, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        out = tmp_path / f"report.{kind}"
        assert out.exists() and "已生成" in proc.stdout
        assert parse_bytes(out.read_bytes(), out.name).issuer == "阿合奇县库兰萨日克乡人民政府"


def test_the_command_refuses_errors_in_chinese_unless_allowed(tmp_path):
    obj = report_json(_seed())
    obj["applications"]["total"]["total"] = 9
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    proc = _gongkai("render", str(source), "--to", "html", "-o", str(tmp_path / "out.html"), cwd=tmp_path)
    assert proc.returncode == 1
    assert "未生成文件" in proc.stderr and "[错误]" in proc.stderr
    assert not (tmp_path / "out.html").exists()
    proc = _gongkai("render", str(source), "--to", "html", "-o", str(tmp_path / "out.html"), "--allow-errors",
                    cwd=tmp_path)
    assert proc.returncode == 0
    assert "[错误]" in proc.stderr and (tmp_path / "out.html").exists()


def test_the_command_reports_unreadable_input_and_usage_errors(tmp_path):
    proc = _gongkai("render", str(tmp_path / "missing.json"), "--to", "md", cwd=tmp_path)
    assert proc.returncode == 1 and "文件不存在" in proc.stderr
    (tmp_path / "bad.json").write_text("{not json", "utf-8")
    proc = _gongkai("render", str(tmp_path / "bad.json"), "--to", "md", cwd=tmp_path)
    assert proc.returncode == 1 and "JSON 格式错误" in proc.stderr
    proc = _gongkai("render", str(tmp_path / "bad.json"), "--to", "odt", cwd=tmp_path)
    assert proc.returncode == 2
