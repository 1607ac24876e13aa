"""Reading the generated documents as people's programs do: python-docx, pdftotext and pdffonts (poppler)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ..documents import docx_text, pdf_text
from ..needs import program

__all__ = ["docx_text", "fonts", "pdf_text_of"]


def pdf_text_of(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return pdf_text(data, Path(folder)).replace("\n", "")


def fonts(data: bytes) -> list[tuple[str, bool]]:
    """Each font of the PDF with whether pdffonts says it is embedded (its ``emb`` column)."""
    pdffonts = program("pdffonts", "poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "n.pdf"
        path.write_bytes(data)
        out = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
    rows = out.splitlines()[2:]  # a header line and a line of dashes
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip()]
