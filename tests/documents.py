"""The text of a Word or PDF file as the programs people open them with read it: python-docx,
LibreOffice and poppler's pdftotext. Shared by the tests that a typed control character can never
break a download."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from .needs import program

# Every control character U+0000–U+001F, U+007F and U+0080–U+009F: what someone might type or paste.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
# The same without tab, newline and carriage return, which stay: all of it disappears.
REMOVED = "".join(ch for ch in CONTROLS if ch not in "\t\n\r")


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells, as python-docx reads them (it refuses a malformed file)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def libreoffice_text(data: bytes, folder: Path) -> str:
    """The DOCX converted to plain text by LibreOffice headless (it writes nothing for a file it cannot open)."""
    soffice = program("soffice", "libreoffice-writer-nogui")
    source = folder / "document.docx"
    source.write_bytes(data)
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    proc = subprocess.run([soffice, profile, "--headless", "--convert-to", "txt:Text", "--outdir", str(folder),
                           str(source)], capture_output=True, text=True, timeout=180)
    out = folder / "document.txt"
    assert proc.returncode == 0 and out.exists(), proc.stdout + proc.stderr
    return out.read_text("utf-8-sig")


def pdf_text(data: bytes, folder: Path) -> str:
    pdftotext = program("pdftotext", "poppler-utils")
    source = folder / "document.pdf"
    source.write_bytes(data)
    proc = subprocess.run([pdftotext, "-enc", "UTF-8", str(source), "-"], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8")


def printable(text: str) -> bool:
    """No control character besides the line breaks and tabs and the form feed pdftotext puts between pages."""
    return not any(ch in CONTROLS and ch not in "\t\n\r\f" for ch in text)
