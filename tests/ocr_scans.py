"""Test scans made from the project's own rendered report: the distinct-values report (every
nonzero value different, so a shifted cell cannot pass) rendered to PDF by gongkai.report.render,
rasterised by poppler's pdftoppm, then turned, speckled and JPEG-compressed like a real scan, or
warped and unevenly lit like a phone photo. Deterministic (seeded)."""

from __future__ import annotations

import functools
import io
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from gongkai.report import parse_bytes, schema
from gongkai.report.load import document_json
from gongkai.report.render import render
from tests.test_read_docx import distinct_values

PDF = Path(__file__).parent / "data" / "pdf" / "distinct_libreoffice.pdf"
# The pages of the rendered report that hold the statutory tables (二 on 2, 三 and 四 on 3).
TABLE_PAGES = (2, 3)


SEED_2019 = Path(__file__).parent / "data" / "seeds" / "004_29825b7b59ed5619.txt"


@functools.lru_cache(maxsize=2)
def expected(fmt: str = "2021") -> dict:
    """The statutory values of the scanned report: ``distinct_values`` for 2021; for 2019 a counter
    over every cell in the same way (amounts with a fraction, so a point must be read)."""
    if fmt == "2021":
        return distinct_values()
    counter = iter(range(1, 10_000))
    return {spec.key: {row.key: [next(counter) + (0.5 if col.kind == "amount" else 0) for col in row.columns]
                       for row in spec.rows} for spec in schema.FORMATS[fmt].tables}


@functools.lru_cache(maxsize=2)
def rendered_pdf(fmt: str = "2021") -> bytes:
    if fmt == "2021":
        return render(document_json(parse_bytes(PDF.read_bytes(), PDF.name)), "pdf", allow_errors=True)
    obj = document_json(parse_bytes(SEED_2019.read_bytes(), SEED_2019.name))
    assert obj["format"] == fmt
    values = expected(fmt)
    for spec in schema.FORMATS[fmt].tables:
        obj[spec.key] = {row.key: dict(zip([c.key for c in row.columns], values[spec.key][row.key], strict=True))
                         for row in spec.rows}
    return render(obj, "pdf", allow_errors=True)


@functools.lru_cache(maxsize=8)
def page_images(dpi: int, pdftoppm: str, fmt: str = "2021") -> tuple[bytes, ...]:
    """PNG bytes of the table pages at ``dpi``, grayscale as a scanner delivers them."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(rendered_pdf(fmt))
        subprocess.run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(source), f"{tmp}/page"],
                       check=True, capture_output=True, timeout=120)
        pages = sorted(Path(tmp).glob("page-*.png"))
        return tuple(pages[n - 1].read_bytes() for n in TABLE_PAGES)


def scanned(png: bytes, angle: float, seed: int, quality: int = 75) -> Image.Image:
    """Turned by ``angle`` degrees, speckled with dust and dropouts, JPEG-compressed."""
    image = Image.open(io.BytesIO(png)).convert("L").rotate(angle, resample=Image.BICUBIC, expand=False,
                                                             fillcolor=255)
    pixels = np.asarray(image).copy()
    rng = np.random.default_rng(seed)
    h, w = pixels.shape
    n = h * w // 2000
    ys, xs = rng.integers(0, h - 2, n), rng.integers(0, w - 2, n)
    for dy in (0, 1):
        for dx in (0, 1):
            pixels[ys + dy, xs + dx] = 0  # 2×2 specks of dust
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    pixels[ys, xs] = 255  # dropouts
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


def photographed(png: bytes) -> Image.Image:
    """A phone photo of the page: in perspective (one side nearer) and lit from one corner."""
    import cv2

    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    h, w = gray.shape
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[w * 0.06, h * 0.03], [w * 0.97, 0], [w, h], [w * 0.02, h * 0.96]])
    warped = cv2.warpPerspective(gray, cv2.getPerspectiveTransform(source, target), (w, h), borderValue=255)
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.55 + 0.45 * (1 - np.hypot(xx / w, yy / h) / np.sqrt(2))
    return Image.fromarray(np.clip(warped * light, 0, 255).astype(np.uint8))


def as_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF (no text layer), one picture per page, as a scanner writes it."""
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def as_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def compare(got: dict, tables: tuple[str, ...], fmt: str = "2021") -> tuple[int, list[str]]:
    """The number of statutory cells of ``tables`` and a line for every wrong one."""
    values = expected(fmt)
    total, wrong = 0, []
    for spec in schema.FORMATS[fmt].tables:
        if spec.key not in tables:
            continue
        for row in spec.rows:
            for i, col in enumerate(row.columns):
                total += 1
                have = ((got.get(spec.key) or {}).get(row.key) or {}).get(col.key)
                printed = values[spec.key][row.key][i]
                if have != printed:
                    wrong.append(f"{spec.key}.{row.key}.{col.key}: read {have!r}, printed {printed!r}")
    return total, wrong


@functools.lru_cache(maxsize=4)
def table_pictures(dpi: int, pdftoppm: str) -> tuple[bytes, ...]:
    """PNG pictures of the report's three statutory tables (二, 三, 四), each cropped from its
    rasterised page with a margin, as a portal puts its tables on the page."""
    from gongkai.report.read.ocr_table import find_tables

    out = []
    for png in page_images(dpi, pdftoppm):
        image = Image.open(io.BytesIO(png)).convert("L")
        for table in find_tables(np.asarray(image)):
            x0, top, x1, bottom = table.box
            margin = dpi // 10
            crop = image.crop((max(0, x0 - margin), max(0, top - margin), min(image.width, x1 + margin),
                               min(image.height, bottom + margin)))
            out.append(as_png(crop))
    return tuple(out)


def rendered(kind: str) -> bytes:
    """The distinct-values report rendered as ``kind`` (html or docx), with its tables as text."""
    return render(document_json(parse_bytes(PDF.read_bytes(), PDF.name)), kind, allow_errors=True)


def html_with_pictures(sources: list[str]) -> str:
    """The rendered HTML page with its tables, in order, replaced by <img> of those ``sources``."""
    import re

    html = rendered("html").decode("utf-8")
    tables = list(re.finditer(r"<table\b.*?</table>", html, re.DOTALL))
    assert len(tables) == len(sources), f"{len(tables)} tables in the rendered page"
    for match, src in zip(reversed(tables), reversed(sources), strict=True):
        html = html[:match.start()] + f'<p><img src="{src}" alt="表格"></p>' + html[match.end():]
    return html


def docx_with_pictures(pictures: list[bytes]) -> bytes:
    """The rendered DOCX with its tables, in order, replaced by paragraphs holding these pictures
    (python-docx's own inline drawings, the pictures as word/media members)."""
    import docx
    from docx.shared import Cm

    document = docx.Document(io.BytesIO(rendered("docx")))
    tables = list(document.tables)
    assert len(tables) == len(pictures), f"{len(tables)} tables in the rendered document"
    for table, picture in zip(tables, pictures, strict=True):
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(picture), width=Cm(16))
        table._tbl.addprevious(paragraph._p)
        table._tbl.getparent().remove(table._tbl)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Section 三 of the consistent report: (一) 予以公开 per applicant column, total 6 + 8 + 1 + 7 + 3 + 2 = 27.
GRANTED = (6, 8, 1, 7, 3, 2, 27)


@functools.lru_cache(maxsize=2)
def consistent_page(dpi: int, pdftoppm: str) -> bytes:
    """PNG of the page with sections 三 and 四 of a report whose sums hold: seed report 000 (2021
    format, no error found) with section 三 replaced: 本年新收, (一) 予以公开 and (七) 总计 all
    ``GRANTED``, every other row 0 (so each row total, each column's outcome total and
    新收 + 结转 = 总计 + 结转下年 hold)."""
    seed = Path(__file__).parent / "data" / "seeds" / "000_b62a3e5167963438.txt"
    obj = document_json(parse_bytes(seed.read_bytes(), seed.name))
    [spec] = [t for t in schema.FORMATS["2021"].tables if t.key == "applications"]
    obj["applications"] = {row.key: {c.key: GRANTED[i] if row.key in ("new", "granted", "total") else 0
                                     for i, c in enumerate(row.columns)} for row in spec.rows}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(render(obj, "pdf"))
        subprocess.run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(source), f"{tmp}/page"],
                       check=True, capture_output=True, timeout=120)
        return sorted(Path(tmp).glob("page-*.png"))[2].read_bytes()
