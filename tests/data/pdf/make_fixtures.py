"""Regenerates the committed PDF and legacy .doc fixtures from DOCX built of hand-written values.

Run from the repository root with LibreOffice installed:
    .venv/bin/python -m tests.data.pdf.make_fixtures
The PDFs are committed so that the tests need no LibreOffice. Their expected values are the
hand-written data they were built from (seed 000's expected JSON, and ``distinct_values``).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from tests.official_html import report_html
from tests.test_read_docx import EXPECTED, build_report, distinct_values

HERE = Path(__file__).parent
REBUILT = HERE.parent / "rebuilt"
SEEDS = HERE.parent / "seeds"


def rebuild_seeds() -> None:
    """Each seed's hand-written values as an official-layout web page, saved by LibreOffice as
    DOCX (real merged cells) and that DOCX exported as PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        for expected in sorted(SEEDS.glob("*.expected.json")):
            stem = expected.name[:3]
            html = Path(tmp) / f"seed{stem}.html"
            html.write_text(report_html(json.loads(expected.read_text("utf-8"))), "utf-8")
            base = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
            subprocess.run([*base, "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                            "--outdir", tmp, str(html)], check=True, capture_output=True, timeout=180)
            docx = Path(tmp) / f"seed{stem}.docx"
            subprocess.run([*base, "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                           check=True, capture_output=True, timeout=180)
            for kind in ("docx", "pdf"):
                (REBUILT / f"seed{stem}.{kind}").write_bytes((Path(tmp) / f"seed{stem}.{kind}").read_bytes())


def convert(docx: bytes, name: str, to: str = "pdf") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", to, "--outdir", tmp,
             str(source)],
            check=True, capture_output=True, timeout=180,
        )
        (HERE / f"{name}.{to}").write_bytes((Path(tmp) / f"{name}.{to}").read_bytes())
        (HERE / f"{name}.docx").write_bytes(docx)


def main() -> None:
    rebuild_seeds()
    convert(build_report(EXPECTED), "seed000_libreoffice")
    convert(build_report(distinct_values()), "distinct_libreoffice")
    convert(build_report(EXPECTED), "seed000_libreoffice", "doc")  # legacy binary Word
    # encrypted_libreoffice.pdf: distinct_libreoffice.docx exported with the open password "secret":
    # soffice --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},
    #   "DocumentOpenPassword":{"type":"string","value":"secret"}}' distinct_libreoffice.docx


if __name__ == "__main__":
    main()
