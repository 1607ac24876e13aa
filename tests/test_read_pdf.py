"""PDF reports: LibreOffice-converted fixtures (committed, built from hand-written values by
tests/data/pdf/make_fixtures.py), tables split over pages, and PDFs that cannot be read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gongkai.report import Limits, ReportError, check, parse_bytes, report_json, schema
from tests.test_read_docx import EXPECTED, distinct_values

PDF = Path(__file__).parent / "data" / "pdf"


def _cells(got: dict) -> dict:
    return {
        spec.key: {row.key: [got[spec.key][row.key][c.key] for c in row.columns] for row in spec.rows}
        for spec in schema.FORMATS["2021"].tables
    }


def _read(name: str, limits: Limits | None = None):
    return parse_bytes((PDF / name).read_bytes(), name, limits or Limits())


def test_it_reads_seed_000_converted_by_libreoffice_to_the_hand_written_values():
    report = _read("seed000_libreoffice.pdf")
    got = report_json(report)
    assert got["source"]["kind"] == "pdf"
    assert (got["issuer"], got["year"], got["format"], got["published_on"]) == (
        EXPECTED["issuer"], EXPECTED["year"], EXPECTED["format"], EXPECTED["published_on"],
    )
    assert _cells(got) == {k: EXPECTED[k] for k in ("proactive", "applications", "appeals")}


def test_it_keeps_every_column_in_place_with_distinct_numbers():
    # Three-digit numbers wrap inside the narrow columns of section 四 ("18" over "6"): one number.
    got = report_json(_read("distinct_libreoffice.pdf"))
    assert _cells(got) == {k: v for k, v in distinct_values().items()}
    assert not [f for f in got["findings"] if f["rule"] in ("ambiguous_cell", "unplaced_values")]


def test_it_follows_a_table_over_page_breaks_and_rows_broken_across_pages():
    report = check(_read("seed000_libreoffice.pdf"))
    pages = {report.applications.cell(row, "total").where.page for row in report.applications.rows}
    assert len(pages) >= 3  # the section 三 table runs over several pages
    # No row lost its label at a page break, and the running header/footer did not leak in.
    assert [f.rule for f in report.findings] == []
    assert report.published_on.isoformat() == "2022-01-05"  # not the footer's 2030年1月1日


def test_it_asks_for_ocr_when_there_is_no_text_layer():
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(scan, "PDF")
    with pytest.raises(ReportError) as info:
        parse_bytes(scan.getvalue(), "scan.pdf")
    assert info.value.code == "needs_ocr"
    assert "扫描件" in info.value.message


def test_it_reports_an_encrypted_pdf():
    with pytest.raises(ReportError) as info:
        _read("encrypted_libreoffice.pdf")
    assert info.value.code == "encrypted"
    assert "密码" in info.value.message


@pytest.mark.parametrize("keep", [0, 1000, 60000])
def test_it_reports_a_truncated_pdf_as_corrupt(keep):
    data = (PDF / "seed000_libreoffice.pdf").read_bytes()[:keep] or b"%PDF-1.7\n"
    with pytest.raises(ReportError) as info:
        parse_bytes(data, "cut.pdf")
    assert info.value.code == "corrupt"
    assert "损坏" in info.value.message


def test_it_refuses_too_many_pages():
    with pytest.raises(ReportError) as info:
        _read("seed000_libreoffice.pdf", Limits(max_pages=3))
    assert info.value.code == "too_many_pages"
    assert "6 页" in info.value.message


def test_it_stops_at_the_time_budget():
    with pytest.raises(ReportError) as info:
        _read("seed000_libreoffice.pdf", Limits(seconds=0))
    assert info.value.code == "timeout"


def test_a_split_line_keeps_its_page_in_every_cell():
    from gongkai.report.model import Location
    from gongkai.report.read.text import line_row

    row = line_row("| 规章 | 0 | 3 |", Location(page=4, line=7))
    assert [(c.text, c.where.page, c.where.line, c.where.col) for c in row.cells] == [
        ("规章", 4, 7, 1), ("0", 4, 7, 2), ("3", 4, 7, 3)
    ]
    row = line_row("行政许可\t5", Location(page=2, line=1))
    assert [(c.text, c.where.page, c.where.col) for c in row.cells] == [("行政许可", 2, 1), ("5", 2, 2)]
