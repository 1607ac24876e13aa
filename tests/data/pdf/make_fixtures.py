"""Regenerates the committed PDF and legacy .doc fixtures from DOCX built of hand-written values.

Run from the repository root with LibreOffice installed:
    .venv/bin/python -m tests.data.pdf.make_fixtures
The PDFs are committed so that the tests need no LibreOffice. Their expected values are the
hand-written data they were built from (seed 000's expected JSON, and ``distinct_values``).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from tests.test_read_docx import EXPECTED, build_report, distinct_values

HERE = Path(__file__).parent


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
    convert(build_report(EXPECTED), "seed000_libreoffice")
    convert(build_report(distinct_values()), "distinct_libreoffice")
    convert(build_report(EXPECTED), "seed000_libreoffice", "doc")  # legacy binary Word
    # encrypted_libreoffice.pdf: distinct_libreoffice.docx exported with the open password "secret":
    # soffice --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},
    #   "DocumentOpenPassword":{"type":"string","value":"secret"}}' distinct_libreoffice.docx


if __name__ == "__main__":
    main()
