"""Scans and pictures → raw rows, by OCR: image-only PDFs and PNG/JPEG/TIFF/GIF pages (and, through
``ocr_pictures``, the pictures of tables inside an HTML page or a DOCX).

The engine is RapidOCR on onnxruntime with the PP-OCRv4 Chinese detection and recognition models
that ship inside the ``rapidocr_onnxruntime`` wheel: nothing is downloaded at run time, and when the
package is missing a scan stays ``needs_ocr`` as before. Each page is straightened (small
rotations) and despeckled, its ruled tables are found from the ruling lines (``ocr_table``), the
text lines inside each cell are recognised crop by crop (no detection over the tables, which is
most of the time saved and keeps a number in the cell it is printed in), and the rest of the page
goes through the engine's detection and becomes lines of text. So the rows are the grid every
reader produces (structured rows, covered positions of merged cells) and the parser, alignment and
validator work unchanged.

Provenance: every table cell read keeps its page, its box in the straightened page (pixels of the
scan as stored, or at ``DPI`` when a PDF page had to be rendered) and the engine's lowest
confidence among its text lines (``OcrDocument.cells``); the source adds the findings of
``ocr_findings`` after parsing.

Bounded: at most ``Limits.max_pages`` pages, ``MAX_PIXELS`` pixels a page (checked from the
header, before any pixel is decoded, under PIL's own decompression-bomb guard), and the
time budget checked between pages (a hard limit in the isolated child).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ReportError
from ..model import Location
from .grid import RawCell, RawDocument, RawRow
from .text import line_row

if TYPE_CHECKING:
    import numpy as np

    from ..source import Limits

# Pages of a PDF are rasterised at this resolution: the statutory tables' 10.5 pt digits are
# about 30 px high, where the recogniser is at its best.
DPI = 200
# A4 at 600 dpi is 35 Mpx; a page picture larger than this is refused (a decompression bomb).
MAX_PIXELS = 40_000_000
# A picture smaller than this on either side is no page of a report (an icon, a logo).
MIN_SIDE = 300
# A table cell read with a lower confidence than this is reported as uncertain.
UNCERTAIN = 0.9
# Text outside tables is detected on a copy whose longer side is at most this (pixels).
_DETECT_SIDE = 1000
# A picture with more than one speck per this many pixels is a dusty scan, despeckled.
_SPECKLED = 10_000
_DIGITISH = re.compile(r"^[\dOoIl|.,]+$")
_STRAY = re.compile(r"^[.:·，,。、'`]+(?=\d)|(?<=\d)[.:·，,。、'`]+$")
_CONFUSED = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "，": ","})


@dataclass(frozen=True, slots=True)
class OcrCell:
    page: int | None  # None for a picture inside an HTML page or a DOCX
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the straightened page
    confidence: float
    text: str
    # The picture the cell was read from (an HTML page's <img> src, a DOCX media member), if any.
    picture: str | None = None
    # Other readings of a number the engine found likely, digit by digit ("8" for a "6" it was
    # unsure of): the candidates the arithmetic rules may choose from (``ocr_findings``).
    candidates: tuple[str, ...] = ()


@dataclass
class OcrDocument(RawDocument):
    """A raw document read by OCR, with each table cell's provenance keyed by its location."""

    cells: dict[Location, OcrCell] = field(default_factory=dict)
    # Per page: the rotation applied to straighten it (degrees).
    angles: list[float] = field(default_factory=list)
    # Pictures of an HTML page or a DOCX that were not read, as (picture, reason in Chinese).
    skipped: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    score: float
    # Per character of ``text``: the other digits the recogniser gave some probability.
    alts: tuple[tuple[str, ...], ...] = ()

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def available() -> bool:
    """Whether the OCR engine is installed (its models come with it)."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    _fewer_malloc_arenas()
    # One thread by default: readers run one per core already (the corpus pool, the web workers),
    # and every extra thread reserves address space that counts against the reader's 1 GB.
    threads = int(os.environ.get("GONGKAI_OCR_THREADS", "1"))
    # No orientation classifier: pages are straightened first. Low-scoring text is kept (and
    # reported as uncertain) rather than dropped, which would leave a blank cell.
    engine = RapidOCR(use_cls=False, text_score=0.3, intra_op_num_threads=threads, inter_op_num_threads=threads)
    # Crops are mostly a few digits: the recogniser's minimum width (320 px, six times its height)
    # would pad each one to a long line and spend three times as long on blank.
    engine.text_rec.rec_image_shape = [3, 48, 64]
    engine.text_rec.rec_batch_num = 8
    engine.text_rec.postprocess_op = _WithAlternatives(engine.text_rec.postprocess_op)
    return engine


# A digit the recogniser gives at least this probability where it read another is a candidate.
ALTERNATIVE = 0.01
# At most this many digits of one number with alternatives, and this many readings in all.
_MAX_DOUBTFUL_DIGITS = 3
_MAX_READINGS = 27


class _WithAlternatives:
    """The engine's CTC decoding, each result with, per character read, the other digits whose
    probability reached ``ALTERNATIVE`` over the frames of that character (greedy CTC: a character
    is a run of frames of one class; the blank is class 0).

    The confidence is the engine's (the mean over the characters of the probability at each one's
    first frame), except that a digit's probability includes the letters read as that digit
    (``_CONFUSED``): a zero the engine splits between "0" and "o" is a sure zero, not a doubt."""

    def __init__(self, decode) -> None:
        self.decode = decode
        self.digit_ids = [decode.dict.get(str(d)) for d in range(10)]
        groups: dict[int, list[int]] = {}
        for letter, digit in (("O", "0"), ("o", "0"), ("I", "1"), ("l", "1"), ("|", "1")):
            if letter in decode.dict and digit in decode.dict:
                ids = groups.setdefault(decode.dict[digit], [decode.dict[digit]])
                ids.append(decode.dict[letter])
        for ids in list(groups.values()):
            for i in ids:
                groups[i] = ids
        self.groups = groups

    def __call__(self, preds, return_word_box: bool = False, **kwargs):
        results = self.decode(preds, return_word_box, **kwargs)
        if None in self.digit_ids:
            return results
        best = preds.argmax(axis=2)
        out = []
        for b, res in enumerate(results):
            alts, score = self._alternatives(preds[b], best[b])
            out.append((res[0], res[1] if score is None else score, alts))
        return out

    def _alternatives(self, probs, best) -> tuple[tuple[tuple[str, ...], ...], float | None]:
        out, firsts = [], []
        start = 0
        for t in range(1, len(best) + 1):
            if t < len(best) and best[t] == best[start]:
                continue
            cls = int(best[start])
            if cls != 0:
                run = probs[start:t, self.digit_ids].max(axis=0)
                out.append(tuple(str(d) for d in range(10) if self.digit_ids[d] != cls and run[d] >= ALTERNATIVE))
                firsts.append(float(probs[start, self.groups.get(cls, [cls])].sum()))
            start = t
        return tuple(out), (min(1.0, sum(firsts) / len(firsts)) if firsts else None)


def readings(text: str, alts: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The other readings of a number from its digits' alternatives (none for text that is not a
    plain number, or when too many digits are in doubt)."""
    import itertools

    if not text.isdigit() or len(alts) != len(text):
        return ()
    options = [(ch, *alt) for ch, alt in zip(text, alts, strict=True)]
    if sum(len(o) > 1 for o in options) > _MAX_DOUBTFUL_DIGITS:
        return ()
    found = []
    for combo in itertools.product(*options):
        reading = "".join(combo)
        if reading != text and not (len(reading) > 1 and reading[0] == "0"):
            found.append(reading)
        if len(found) >= _MAX_READINGS:
            break
    return tuple(found)


def _fewer_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread arena; onnxruntime's threads would take
    a few hundred MB of the reader's limit that way without using it."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX


def read_image(data: bytes, name: str, limits: Limits) -> OcrDocument:
    image = open_page_picture(data, name)
    frames = getattr(image, "n_frames", 1)
    _check_pages(frames, name, limits)

    def pages():
        for index in range(frames):
            image.seek(index)
            _check_pixels(image.size, name, index + 1)
            yield _gray(image.convert("L"))

    return _read_pages(pages(), name, limits, "image")


def read_scanned_pdf(data: bytes, name: str, limits: Limits) -> OcrDocument:
    """A PDF without a text layer, page by page rendered at ``DPI`` (the caller has found it has
    no text and checked its page count)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        _check_pages(count, name, limits)

        def pages():
            for number in range(1, count + 1):
                page = pdf[number - 1]
                yield _pdf_page(page, name, number)
                page.close()

        return _read_pages(pages(), name, limits, "pdf")
    finally:
        pdf.close()


def _pdf_page(page, name: str, number: int) -> np.ndarray:
    """A scanned page as the scanner's own pixels when it is one picture covering the page
    (rendering it again would blur the dust into blobs the size of a decimal point), else the page
    rendered at ``DPI``."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    pictures = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    if len(pictures) == 1:
        left, bottom, right, top = pictures[0].get_bounds()
        if (right - left) * (top - bottom) >= 0.9 * width * height:
            _check_pixels(tuple(pictures[0].get_px_size()), name, number)
            try:
                return _gray(pictures[0].get_bitmap(render=False).to_pil().convert("L"))
            except Exception:  # an image filter PDFium cannot hand over raw: render the page instead
                pass
    scale = DPI / 72
    _check_pixels((int(width * scale), int(height * scale)), name, number)
    return _gray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))


def open_page_picture(data: bytes, name: str):
    """The picture (header read, no pixel decoded), refused when it is too large or too small to
    be a page (an icon or a logo is ``unsupported_kind``, with or without an OCR engine)."""
    image = _open_image(data, name)
    if max(image.size) < MIN_SIDE or min(image.size) < MIN_SIDE // 3:
        raise ReportError("unsupported_kind", f"{name}: picture of {image.size[0]}x{image.size[1]} px, no page",
                          name=name, reason="图片")
    return image


def _open_image(data: bytes, name: str):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReportError("corrupt", f"{name}: {exc}", name=name, reason="图片文件不完整或已损坏") from exc
    except Image.DecompressionBombError as exc:
        raise ReportError("too_large", f"{name}: {exc}", name=name, size="超大图片",
                          limit=f"{MAX_PIXELS // 1_000_000} 百万像素") from exc
    _check_pixels(image.size, name, 1)
    return image


def _check_pages(count: int, name: str, limits: Limits) -> None:
    if count > limits.max_pages:
        raise ReportError("too_many_pages", f"{name}: {count} pages > limit {limits.max_pages}",
                          name=name, pages=count, limit=limits.max_pages)


def _check_pixels(size: tuple[int, int], name: str, page: int) -> None:
    if size[0] * size[1] > MAX_PIXELS:
        raise ReportError(
            "too_large", f"{name}: page {page} is {size[0]}x{size[1]} px > {MAX_PIXELS} px",
            name=name, size=f"{size[0]}×{size[1]} 像素", limit=f"{MAX_PIXELS // 1_000_000} 百万像素",
        )


def _gray(image) -> np.ndarray:
    import numpy as np

    return np.asarray(image, dtype=np.uint8)


def _allow_ocr_memory(limits: Limits) -> None:
    """In the reader's child process (an address-space limit is set) raise the limit to the one for
    OCR: never above the hard limit, never lowered, and nothing to do in process."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft >= limits.ocr_memory_bytes:
        return
    wanted = limits.ocr_memory_bytes if hard == resource.RLIM_INFINITY else min(hard, limits.ocr_memory_bytes)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _read_pages(pages, name: str, limits: Limits, kind: str) -> OcrDocument:
    from .ocr_table import CrookedPage

    _allow_ocr_memory(limits)

    started = time.monotonic()
    doc = OcrDocument(kind)
    tables = 0
    texts = 0
    for number, gray in enumerate(pages, start=1):
        if time.monotonic() - started > limits.seconds:
            raise ReportError("timeout", f"{name}: over {limits.seconds}s at page {number}",
                              name=name, seconds=limits.seconds)
        try:
            tables, found = _read_page(gray, number, tables, doc)
        except CrookedPage as exc:
            raise ReportError(
                "needs_ocr", f"{name}: page {number}: {exc}; a photo or a bent page cannot be read cell by cell",
                name=name,
            ) from exc
        texts += found
    if texts == 0:
        raise ReportError("needs_ocr", f"{name}: OCR found no text", name=name)
    return doc


def _read_page(gray: np.ndarray, number: int | None, tables_before: int, doc: OcrDocument,
               picture: str | None = None, rows: list[RawRow] | None = None) -> tuple[int, int]:
    """Table cells are recognised crop by crop (their boxes are known, so no text detection runs
    over them, which is most of the time saved); the rest of the page goes through detection.
    ``number`` is the page (None for a picture inside a page, named by ``picture``); the rows go to
    ``rows`` (default: the end of the document)."""
    from .ocr_table import binarize, find_tables, rotate, skew_angle

    angle = skew_angle(binarize(gray))
    gray = _despeckle(rotate(gray, angle))
    doc.angles.append(angle)
    grids = find_tables(gray)
    crops: list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]] = []  # (cell box, line box)
    for grid in grids:
        for row in grid.cells:
            for box in row:
                if box is not None:
                    crops += [(box, line) for line in _cell_lines(gray, box)]
    read = _recognise_crops(gray, [line for _, line in crops])
    by_cell: dict[tuple[int, int, int, int], list[_Text]] = {}
    for (box, _), text in zip(crops, read, strict=True):
        if text is not None:
            by_cell.setdefault(box, []).append(text)
    items: list[tuple[float, int, RawRow]] = []
    table_number = tables_before
    found = 0
    for grid in grids:
        table_number += 1
        for r, row in enumerate(grid.cells, start=1):
            raw = []
            for c, box in enumerate(row, start=1):
                where = Location(page=number, table=table_number, row=r, col=c)
                if box is None:
                    raw.append(RawCell("", where, covered=True))
                    continue
                texts = by_cell.get(box, [])
                text = _cell_text(texts, box) if texts else ""
                raw.append(RawCell(text, where))
                if texts:
                    found += len(texts)
                    others = readings(text, texts[0].alts) if len(texts) == 1 and texts[0].text == text else ()
                    doc.cells[where] = OcrCell(number, box, min(t.score for t in texts), text, picture, others)
            if any(cell.text for cell in raw):
                top = min(box[1] for box in row if box is not None)
                items.append((top, len(items), RawRow(raw, Location(page=number, table=table_number, row=r),
                                                       structured=True)))
    rest = _recognise_page(_blank_out(gray, [g.box for g in grids]))
    found += len(rest)
    for line_no, line in enumerate(_group_lines(rest), start=1):
        text = "".join(_spaced(line)).strip()
        if text:
            items.append((min(t.top for t in line), len(items), line_row(text, Location(page=number, line=line_no))))
    items.sort(key=lambda item: (item[0], item[1]))
    (doc.rows if rows is None else rows).extend(row for _, _, row in items)
    return table_number, found


def _despeckle(gray: np.ndarray) -> np.ndarray:
    """Dust of a scan (blobs of a few pixels) whitened: the recogniser reads a speck beside a digit
    as a colon or a point. A decimal point is larger (about 1/50 in)."""
    import cv2
    import numpy as np

    # The page's resolution from its longer side (A4, 11.7 in): a speck is at most 1/75 in across.
    side = max(3, round(max(gray.shape) / 11.7 / 75))
    ink = (gray < 160).astype(np.uint8)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = ((stats[:, cv2.CC_STAT_AREA] < side * side) & (stats[:, cv2.CC_STAT_WIDTH] <= side)
             & (stats[:, cv2.CC_STAT_HEIGHT] <= side))
    small[0] = False
    # A clean picture (a table exported or screenshotted for a web page, a clean rendering) has
    # a handful of such blobs, and they are its decimal points and dots: left alone. The dusty
    # scans of the tests have one per ~2,000 pixels, clean pages one per 36,000 or fewer.
    if small.sum() * _SPECKLED < gray.size:
        return gray
    out = gray.copy()
    out[small[labels]] = 255
    return out


def _cell_lines(gray: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """The text lines inside a cell, as tight boxes: rows of ink apart by blank rows. The ruling
    lines are left out (an inset of the cell), and specks (tiny blobs of ink) are ignored."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = box
    # Off the ruling lines (a few pixels thick), whatever the size of the cell: a merged cell
    # twenty rows high is still one column wide.
    inset = max(3, min(8, (bottom - top) // 12, (x1 - x0) // 12))
    region = gray[top + inset:bottom - inset, x0 + inset:x1 - inset]
    if region.size == 0:
        return []
    ink = (region < 140).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= 6
    ink = keep[labels]
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    lines, start, previous = [], rows[0], rows[0]
    for y in rows[1:]:
        if y - previous > 2:
            lines.append((start, previous))
            start = y
        previous = y
    lines.append((start, previous))
    out = []
    for a, b in lines:
        if b - a < 4:  # a speck row or a stray line fragment, not text
            continue
        cols = np.flatnonzero(ink[a:b + 1].any(axis=0))
        out.append((x0 + inset + int(cols[0]), top + inset + int(a), x0 + inset + int(cols[-1]) + 1,
                    top + inset + int(b) + 1))
    return out


def _recognise_crops(gray: np.ndarray, boxes: list[tuple[int, int, int, int]], pad: bool = True) -> list[_Text | None]:
    """Each box's text and confidence; tight boxes (of ink) get a margin, detected ones have theirs."""
    import cv2

    if not boxes:
        return []
    images = []
    for x0, top, x1, bottom in boxes:
        margin = max(4, (bottom - top) // 4) if pad else 0
        crop = gray[max(0, top - margin):bottom + margin, max(0, x0 - margin):x1 + margin]
        images.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    with _engine_memory():
        results, _ = _engine().text_rec(images)
    out: list[_Text | None] = []
    for (x0, top, x1, bottom), (text, score, *rest) in zip(boxes, results, strict=True):
        alts = rest[0] if rest and text == text.strip() else ()
        text = text.strip()
        out.append(_Text(text, x0, top, x1, bottom, float(score), alts) if text else None)
    return out


@contextlib.contextmanager
def _engine_memory():
    """onnxruntime reports an allocation refused under the reader's limit as a RuntimeError with
    ``bad_alloc`` in it: raised here as the MemoryError it is (``out_of_memory``, not a crash)."""
    try:
        yield
    except Exception as exc:
        if "bad_alloc" in str(exc):
            raise MemoryError(f"OCR engine: {str(exc).splitlines()[-1][:200]}") from None
        raise


def _blank_out(gray: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    page = gray.copy()
    for x0, top, x1, bottom in boxes:
        page[max(0, top - 4):bottom + 5, max(0, x0 - 4):x1 + 5] = 255
    return page


def _recognise_page(gray: np.ndarray) -> list[_Text]:
    """Text outside the tables: detected on a reduced copy (detection's memory grows with the
    pixels, and the reader lives within 1 GB), recognised on crops of the full picture."""
    import cv2

    scale = min(1.0, _DETECT_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    with _engine_memory():
        boxes, _ = _engine().auto_text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    if boxes is None:
        return []
    h, w = gray.shape
    found = []
    for points in boxes:
        xs = [p[0] / scale for p in points]
        ys = [p[1] / scale for p in points]
        found.append((max(0, int(min(xs))), max(0, int(min(ys))), min(w, int(max(xs)) + 1), min(h, int(max(ys)) + 1)))
    found = [b for b in found if b[2] - b[0] >= 4 and b[3] - b[1] >= 4]
    return [t for t in _recognise_crops(gray, found, pad=False) if t is not None]


def _group_lines(texts: list[_Text]) -> list[list[_Text]]:
    lines: list[list[_Text]] = []
    for t in sorted(texts, key=lambda t: (t.cy, t.x0)):
        if lines:
            last = lines[-1]
            height = max(x.bottom - x.top for x in last)
            if abs(t.cy - sum(x.cy for x in last) / len(last)) < 0.5 * max(height, t.bottom - t.top):
                last.append(t)
                continue
        lines.append([t])
    return [sorted(line, key=lambda t: t.x0) for line in lines]


def _spaced(line: list[_Text]) -> list[str]:
    out = []
    for previous, t in zip([None, *line[:-1]], line, strict=True):
        if previous is not None and t.x0 - previous.x1 > 0.5 * (t.bottom - t.top):
            out.append(" ")
        out.append(t.text)
    return out


def _cell_text(texts: list[_Text], box: tuple[int, int, int, int]) -> str:
    """A label wrapped inside its cell is one label; a number wrapped by a narrow column is one
    number when its first line fills the cell, else numbers stacked in a cell stay apart (as the
    PDF reader does). Letters the recogniser confuses with digits (O, l, I) are digits in a cell
    of digits."""
    lines = [_spaced(line) for line in _group_lines(texts)]
    parts = ["".join(line) for line in lines]
    parts = [_digits(p) for p in parts]
    if len(parts) > 1 and all(re.fullmatch(r"[-+\d.,]+", p) for p in parts):
        first = _group_lines(texts)[0]
        height = max(t.bottom - t.top for t in first)
        wrapped = max(t.x1 for t in first) + height > box[2] - max(0, min(t.x0 for t in texts) - box[0])
        return "".join(parts) if wrapped else " ".join(parts)
    return "".join(parts)


def _digits(text: str) -> str:
    """A count as the recogniser read it, with confusable letters as digits and the dots a speck
    of dust leaves before or after a number ("9.." is 9) dropped."""
    compact = _STRAY.sub("", text.replace(" ", ""))
    if _DIGITISH.match(compact) and (any(ch.isdigit() for ch in compact) or compact in ("o", "O")):
        return compact.translate(_CONFUSED)  # a lone "o" is the zero of a blank-free table cell
    return text
