"""The 通报 as the office prints it: LibreOffice converts the DOCX to PDF, poppler reads its text and
renders page 1 (shared by the outputs test and the browser test of the January cycle)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..needs import program

DPI = 72
MIN_DARK = 0.01  # a 通报's first page (title, text, table) is far above 1 % dark pixels


@dataclass(frozen=True)
class Printed:
    text: str  # the PDF's text with all whitespace removed (CJK lines break anywhere)
    png: Path  # page 1, grey, at DPI
    dark: float  # the share of page 1's pixels darker than mid-grey


def print_docx(folder: Path, body: bytes) -> Printed:
    source = folder / "tongbao.docx"
    source.write_bytes(body)
    soffice = program("soffice", "libreoffice-writer-nogui")
    proc = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                           "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=240)
    pdf = folder / "tongbao.pdf"
    if proc.returncode != 0 or not pdf.exists():
        raise AssertionError(proc.stdout + proc.stderr)
    text = subprocess.run([program("pdftotext", "poppler-utils"), str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    subprocess.run([program("pdftoppm", "poppler-utils"), "-r", str(DPI), "-gray", "-png", "-f", "1", "-l", "1",
                    str(pdf), str(folder / "page")], check=True, timeout=60)
    png = next(folder.glob("page-*.png"))
    from PIL import Image

    with Image.open(png) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:128]) / (gray.width * gray.height)
    return Printed(re.sub(r"\s+", "", text), png, dark)
