"""A report whose issuer and sections hold every control character still renders to a Word file that
python-docx and LibreOffice open and a PDF that pdftotext reads, with the words around them intact."""

from __future__ import annotations

import dataclasses

import pytest

from gongkai.report import parse_file, render
from gongkai.report.controls import has_controls, strip_controls

from .conftest import SEEDS
from .documents import CONTROLS, REMOVED, docx_text, libreoffice_text, pdf_text, printable


@pytest.fixture(scope="module")
def dirty_report():
    report = parse_file(str(SEEDS[0]))
    first = report.sections[1]
    return dataclasses.replace(
        report, issuer=f"示范{REMOVED}县人民政府",
        sections={**report.sections, 1: dataclasses.replace(first, text=f"总体{CONTROLS}情况良好。\n{first.text}")})


def test_it_removes_every_c0_and_c1_control_but_tab_newline_and_carriage_return():
    assert strip_controls(f"a{CONTROLS}b") == "a\t\n\rb"
    assert strip_controls(REMOVED) == "" and len(REMOVED) == 32 + 1 + 32 - 3
    assert strip_controls("欧阳素娥 12\u00a0号") == "欧阳素娥 12\u00a0号"  # U+00A0 and above are text
    assert has_controls("a\x00") and not has_controls("a\tb\r\n")


def test_the_docx_opens_in_python_docx_and_libreoffice(dirty_report, tmp_path):
    data = render(dirty_report, "docx", allow_errors=True)
    text = docx_text(data)
    assert "示范县人民政府" in text and "总体" in text and "情况良好" in text
    assert printable(text)
    office = libreoffice_text(data, tmp_path)
    assert "示范县人民政府" in office and "情况良好" in office


def test_the_pdf_reads_in_pdftotext(dirty_report, tmp_path):
    text = pdf_text(render(dirty_report, "pdf", allow_errors=True), tmp_path)
    assert "示范县人民政府" in text and "情况良好" in text
    assert printable(text)
