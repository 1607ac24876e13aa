"""The five seeds' tables rebuilt as HTML, DOCX and PDF give the same JSON as the text versions.

The HTML is built from each seed's hand-written expected values (tests/official_html.py); the DOCX
is that page saved by LibreOffice (real merged cells), the PDF that DOCX exported by LibreOffice
(tests/data/pdf/make_fixtures.py; the files are committed).
"""

import json
from pathlib import Path

import pytest

from gongkai.report import parse_bytes, parse_file, report_json
from tests.official_html import report_html

DATA = Path(__file__).parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
META = ("issuer", "year", "format", "published_on")


def _comparable(got: dict) -> dict:
    return {k: got[k] for k in (*META, "proactive", "applications", "appeals")}


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_it_reads_the_same_report_from_every_kind(seed, kind):
    text_version = _comparable(report_json(parse_file(str(seed))))
    stem = seed.name[:3]
    if kind == "html":
        expected = json.loads(seed.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
        data = report_html(expected).encode("utf-8")
    else:
        data = (DATA / "rebuilt" / f"seed{stem}.{kind}").read_bytes()
    got = report_json(parse_bytes(data, f"seed{stem}"))  # no extension: the kind comes from content
    assert got["source"]["kind"] == kind
    assert _comparable(got) == text_version
