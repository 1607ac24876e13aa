"""Files that are within every size limit and still take minutes and gigabytes to read (issue 13).

Built on demand rather than committed: they are large, and each is made from a short recipe that
says what it attacks. Each recipe writes into a path and returns it.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "seeds" / "000_b62a3e5167963438.txt"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A Word package of the minimal content types and relationships and the given parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def huge_table_docx(path: Path, body_bytes: int = 190 * 1024 * 1024) -> Path:
    """A DOCX whose body is one table of millions of small cells of random digits: under the 50 MB
    file limit, under the 200 MB unzipped limit, every member at a harmless ratio, and yet a tree,
    a transform and a Python object per cell."""
    cells = 10
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body><w:tbl>'.encode())
            written = 0
            while written < body_bytes:
                noise = os.urandom(4 * cells * 256).hex()
                rows = []
                for r in range(256):
                    texts = (noise[(r * cells + c) * 8 : (r * cells + c + 1) * 8] for c in range(cells))
                    row = "".join(f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in texts)
                    rows.append(f"<w:tr>{row}</w:tr>")
                chunk = "".join(rows).encode()
                fh.write(chunk)
                written += len(chunk)
            fh.write(b"</w:tbl></w:body></w:document>")
    return path


def long_text(path: Path, size: int = 49 * 1024 * 1024) -> Path:
    """A plain-text file just under the 50 MB limit: a real report's text over and over."""
    seed = SEED.read_bytes()
    with path.open("wb") as fh:
        for _ in range(size // len(seed)):
            fh.write(seed)
    return path


def dense_page_pdf(path: Path, lines: int = 400, chars_per_line: int = 1000, grid: int = 40) -> Path:
    """A one-page PDF of a few kilobytes whose compressed content stream draws a ruled grid of
    ``grid`` x ``grid`` lines over ``lines`` x ``chars_per_line`` tiny characters: every cell of the
    grid is matched against every character, all within the first (and only) page, so a time budget
    checked between pages never fires."""
    ops = [b"0.1 w"]
    for i in range(grid):
        step = 500 / (grid - 1)
        ops.append(f"50 {150 + i * step:.2f} 500 0.5 re f".encode())  # horizontal ruling line
        ops.append(f"{50 + i * step:.2f} 150 0.5 500 re f".encode())  # vertical ruling line
    text = b"(" + b"8" * chars_per_line + b") Tj T*"
    ops.append(b"BT /F1 0.9 Tf 1 TL 50 649 Td")
    ops.extend([text] * lines)
    ops.append(b"ET")
    stream = zlib.compress(b"\n".join(ops), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
