"""The rendered files in the programs people open them with: LibreOffice, poppler, Chromium + axe-core.

Each test skips, saying why, only when its program is not installed, and fails instead on CI
(tests/needs.py): scripts/setup.sh installs all of them (scripts/apt-packages.txt).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gongkai.report import parse_bytes, parse_file, render, report_json, schema

from .chromium import axe_source, horizontal_overflow, launch, require_chromium, serious_violations
from .needs import program

SEED_DIR = Path(__file__).parent / "data" / "seeds"
SEEDS = sorted(SEED_DIR.glob("*.txt"))


def _seed_of_format(fmt: str):
    for path in SEEDS:
        report = parse_file(str(path))
        if report.format == fmt:
            return report
    raise AssertionError(f"no seed in format {fmt}")


def _cells(obj: dict) -> dict:
    spec = schema.FORMATS[obj["format"]]
    return {f"{t.key}.{r.key}.{c.key}": ((obj[t.key] or {}).get(r.key) or {}).get(c.key)
            for t in spec.tables for r in t.rows for c in r.columns}


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_libreoffice_converts_the_docx_and_the_pdf_it_makes_reads_back(tmp_path, fmt):
    soffice = program("soffice", "libreoffice-writer-nogui")
    report = _seed_of_format(fmt)
    docx = tmp_path / f"report-{fmt}.docx"
    docx.write_bytes(render(report, "docx", allow_errors=True))
    # A profile of its own, so that a LibreOffice already running elsewhere cannot swallow the job.
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    proc = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / f"report-{fmt}.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    back = report_json(parse_bytes(pdf.read_bytes(), pdf.name))
    assert back["format"] == fmt
    assert _cells(back) == _cells(report_json(report))


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_pdf_rasterises_to_pages(tmp_path, fmt):
    pdftoppm = program("pdftoppm", "poppler-utils")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(_seed_of_format(fmt), "pdf", allow_errors=True))
    subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(p.stat().st_size > 2000 for p in pages)  # not blank pages


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_the_html_has_no_serious_accessibility_violation_in_chromium(tmp_path, fmt):
    require_chromium()
    from playwright.sync_api import sync_playwright

    html = tmp_path / "report.html"
    html.write_bytes(render(_seed_of_format(fmt), "html", allow_errors=True))
    axe = axe_source()
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for width in (1280, 375):  # a desktop and a phone
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(html.as_uri())
                assert serious_violations(page, axe) == []
                # The page itself never scrolls sideways on a phone; the wide tables scroll inside.
                overflow = horizontal_overflow(page)
                assert overflow <= 0, f"page overflows by {overflow}px at width {width}"
                page.close()
        finally:
            browser.close()
