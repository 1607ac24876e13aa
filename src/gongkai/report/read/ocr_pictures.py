"""Pictures inside an HTML page or a DOCX, read by OCR when the text has no statutory table.

A quarter of the real report pages carry sections 二–四 as bare headings over pictures of the
tables. The HTML and DOCX readers note where each picture sits among their rows (``Slot``); when
no table of the text is a statutory one (a portal page's 索引号/发布机构 box does not count), the
pictures are read here, page-like ones only (an icon or a logo is skipped), and their rows are
put in at the picture's place, so the headings around them delimit the tables as in any other
document. The result is an ``OcrDocument``: each cell read
keeps the picture's name, its box in the picture and the engine's confidence.

Never fetched: a picture behind a URL (http, https, ``//host``, any scheme but ``data:``). A saved
page's own pictures (``report_files/image1.png`` next to ``report.html``) are read only when the
caller allows it (``Limits.local_pictures``, set by ``parse_file``), and only inside the page's
folder. Bounded: at most ``MAX_PICTURES`` pictures, each under ``ocr.MAX_PIXELS`` (checked from its
header), the time budget checked between pictures, in the same child process as the rest.
Pictures that were not read are named in the ``picture_not_read`` finding, with the reason.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ReportError
from .grid import RawDocument, RawRow

if TYPE_CHECKING:
    from ..source import Limits

# A report has three statutory tables, often cut into a picture per page: more than this many
# pictures on one report page is no report's worth of tables.
MAX_PICTURES = 30

REMOTE = "外部网址的图片不下载（不访问外部网络）"
NO_FOLDER = "图片不在网页所在的文件夹中，或网页不是从文件读取的"
MISSING = "网页所在文件夹中没有这张图片"
BROKEN = "图片文件已损坏或格式无法识别"
TOO_LARGE = "图片过大（超过 40 百万像素）"
TOO_MANY = f"一个文件最多识别 {MAX_PICTURES} 张图片"
CROOKED = "图片中的表格线不直（照片或弯曲的纸张），无法逐格识别"
UNREADABLE = "图片无法读取"


@dataclass(frozen=True, slots=True)
class Slot:
    """A picture of the document: before row ``index`` of the reader's rows."""

    index: int
    name: str  # the src or the member name, for provenance
    data: bytes | None  # None: not read
    reason: str = ""  # why not, when data is None


# Words of the statutory tables' labels and headers: a table of the text holding none of them (a
# portal's 索引号/发布机构 box above the report) is not one of them.
_STATUTORY = re.compile(r"自然人|商业企业|新收|予以公开|行政复议|行政诉讼|规章|规范性文件|行政许可|行政处罚|行政强制")


def has_tables(doc: RawDocument) -> bool:
    """Whether the text holds a statutory table (then its pictures are not read)."""
    return any(row.structured and _STATUTORY.search(row.text) for row in doc.rows)


def data_uri(src: str) -> bytes | None:
    """The bytes of a ``data:image/...;base64,`` URI (None when it is not one or is malformed)."""
    head, comma, body = src.partition(",")
    if not comma or not head.lower().startswith("data:image/"):
        return None
    try:
        if head.lower().endswith(";base64"):
            return base64.b64decode(body.strip(), validate=False)
        return urllib.parse.unquote_to_bytes(body)
    except (binascii.Error, ValueError):
        return None


def local_picture(src: str, folder: str | None, limits: Limits) -> tuple[bytes | None, str]:
    """The bytes of a picture a saved page links by a relative path, or (None, why not). Only a
    regular file inside ``folder`` (symlinks resolved first), at most ``limits.max_bytes``."""
    from ..source import read_path

    if folder is None:
        return None, NO_FOLDER
    path = urllib.parse.unquote(src.split("#", 1)[0].split("?", 1)[0])
    if not path or path.startswith(("/", "\\")) or "\\" in path or "\x00" in path:
        return None, NO_FOLDER
    root = os.path.realpath(folder)
    full = os.path.realpath(os.path.join(root, path))
    if os.path.commonpath([root, full]) != root or full == root:
        return None, NO_FOLDER
    try:
        return read_path(full, limits), ""
    except ReportError as exc:
        return None, MISSING if exc.code == "not_found" else TOO_LARGE if exc.code == "too_large" else UNREADABLE


def classify(src: str, folder: str | None, limits: Limits) -> tuple[bytes | None, str]:
    """A picture's bytes from its src, or (None, why not): never a request over the network."""
    src = src.strip()
    if src.lower().startswith("data:"):
        data = data_uri(src)
        return (data, "") if data else (None, BROKEN)
    scheme = urllib.parse.urlsplit(src).scheme
    if src.startswith("//") or (scheme and len(scheme) > 1):  # one letter: a Windows drive, not a scheme
        return None, REMOTE
    return local_picture(src, folder, limits)


def read_pictures(doc: RawDocument, slots: list[Slot], name: str, limits: Limits | None,
                  tables_before: int = 0) -> RawDocument:
    """``doc`` with the rows read from its pictures put in at their places, as an ``OcrDocument``;
    ``doc`` itself when it has tables or no picture. ``needs_ocr`` when page-like pictures are
    there, the text has no table and no OCR engine is installed."""
    if not slots or has_tables(doc):
        return doc
    from . import ocr

    out = ocr.OcrDocument(doc.kind)
    pictures: list[tuple[Slot, object]] = []
    for slot in slots:
        if slot.data is None:
            out.skipped.append((slot.name, slot.reason))
            continue
        image, reason = _open(slot.data, slot.name)
        if image is None:
            if reason:
                out.skipped.append((slot.name, reason))
            continue
        if len(pictures) >= MAX_PICTURES:
            out.skipped.append((slot.name, TOO_MANY))
            continue
        pictures.append((slot, image))
    if pictures and not ocr.available():
        raise ReportError("needs_ocr", f"{name}: its tables are pictures, and no OCR engine is installed", name=name)
    if not pictures:
        if not out.skipped:
            return doc
        out.rows = list(doc.rows)
        return out
    from ..source import DEFAULT_LIMITS
    from .ocr_table import CrookedPage

    limits = limits or DEFAULT_LIMITS
    ocr._allow_ocr_memory(limits)
    started = time.monotonic()
    read: dict[int, list[RawRow]] = {}
    tables = tables_before  # the pictures' tables are numbered after the text's
    for slot, image in pictures:
        if time.monotonic() - started > limits.seconds:
            raise ReportError("timeout", f"{name}: over {limits.seconds}s at picture {slot.name}",
                              name=name, seconds=limits.seconds)
        rows: list[RawRow] = []
        try:
            tables, _ = ocr._read_page(ocr._gray(image.convert("L")), None, tables, out, slot.name, rows)
        except CrookedPage:
            out.skipped.append((slot.name, CROOKED))
            continue
        read.setdefault(slot.index, []).extend(rows)
    for index, row in enumerate(doc.rows):
        out.rows.extend(read.pop(index, []))
        out.rows.append(row)
    for index in sorted(read):
        out.rows.extend(read[index])
    return out


def _open(data: bytes, name: str):
    """(picture with its header read, "") or (None, why it is skipped; "" for an icon or a logo)."""
    from . import ocr

    try:
        return ocr.open_page_picture(data, name), ""
    except ReportError as exc:
        if exc.code == "unsupported_kind":
            return None, ""
        return None, TOO_LARGE if exc.code == "too_large" else BROKEN
