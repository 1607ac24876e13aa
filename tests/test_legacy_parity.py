"""Every seed as a legacy .doc reads exactly like the .docx it was made from.

The .doc files are made here by LibreOffice from the seeds' DOCX (tests/data/rebuilt, rendered from
the hand-written expected values), so the comparison needs no other fixture. LibreOffice splits
some grid columns in two when it writes .doc; a covered position must not take a cell's place.
"""

import subprocess

import pytest

from gongkai.report import parse_file, report_json
from tests import needs
from tests.accuracy import DATA, TABLES

DOCX = sorted((DATA / "rebuilt").glob("seed*.docx"))


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    soffice = needs.program("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("doc")
    profile = tmp_path_factory.mktemp("profile")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "doc:MS Word 97", "--outdir", str(out), *map(str, DOCX)],
        check=True, capture_output=True, timeout=300,
    )
    return out


@pytest.mark.timeout(600)
@pytest.mark.parametrize("docx", DOCX, ids=[p.stem for p in DOCX])
def test_a_seed_as_doc_reads_like_its_docx(docs, docx):
    doc = docs / (docx.stem + ".doc")
    assert doc.is_file()
    want = report_json(parse_file(str(docx)))
    got = report_json(parse_file(str(doc)))
    assert got["source"]["kind"] == "doc"
    for key in ("issuer", "year", "format", "published_on", *TABLES):
        assert got[key] == want[key], key


@pytest.mark.timeout(300)
def test_the_committed_seed_000_doc_reads_like_its_docx():
    # Made by tests/data/pdf/make_fixtures.py; LibreOffice wrote its section 四 grid with one column
    # split in two, which used to cost the cell 未经复议直接起诉 / 结果维持.
    needs.program("soffice", "libreoffice-writer-nogui")
    pdf = DATA / "pdf"
    want = report_json(parse_file(str(pdf / "seed000_libreoffice.docx")))
    got = report_json(parse_file(str(pdf / "seed000_libreoffice.doc")))
    for key in TABLES:
        assert got[key] == want[key], key
    assert got["appeals"]["litigation_direct"]["upheld"] == 0
