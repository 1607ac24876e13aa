"""Regenerates the committed PDF fixtures: DOCX built from hand-written values, converted by LibreOffice.

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


def convert(docx: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp,
             str(source)],
            check=True, capture_output=True, timeout=180,
        )
        (HERE / f"{name}.pdf").write_bytes((Path(tmp) / f"{name}.pdf").read_bytes())
        (HERE / f"{name}.docx").write_bytes(docx)


def main() -> None:
    convert(build_report(EXPECTED), "seed000_libreoffice")
    convert(build_report(distinct_values()), "distinct_libreoffice")


if __name__ == "__main__":
    main()
