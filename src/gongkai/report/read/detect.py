"""What kind of document a byte string is, from its content alone, and how to decode text.

The file name never decides: published reports arrive as ".txt" files holding HTML, ".doc" files
holding DOCX, and binary junk under any name.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReportError

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])", re.IGNORECASE)
_MARKDOWN = re.compile(r"^\s{0,3}(#{1,6}\s|\|.*\|\s*$)", re.MULTILINE)


def detect_kind(data: bytes) -> str:
    """One of text, markdown, html, docx, pdf, doc, zip, image, binary."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    sample = head.lstrip(codecs.BOM_UTF8)
    if _HTML.match(sample):
        return "html"
    if _looks_binary(data[:8192]):
        return "binary"
    return "text"


# Every byte that is not a control character (below 9, or 14 to 31): deleting them leaves the
# control characters to count, in C rather than one Python step per byte.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return not (sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))
    control = len(sample.translate(None, _NOT_CONTROL))
    return control > max(8, len(sample) // 100)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReportError("decode_error", f"invalid UTF-16 at byte {exc.start}", name=name) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
            # A file cut off in the middle of its last character: keep everything before it.
            return data[: utf8_error.start].decode("utf-8")
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ReportError(
                "decode_error",
                f"neither UTF-8 (byte {utf8_error.start}) nor GB18030 (byte {exc.start})",
                name=name,
            ) from exc
        return text


def text_kind(text: str) -> str:
    sample = text[:200000]
    # Every Markdown line the pattern knows holds a "#" or a "|": without either, the multi-line
    # pattern (tried at every position) cannot match.
    if "#" not in sample and "|" not in sample:
        return "text"
    return "markdown" if len(_MARKDOWN.findall(sample)) >= 2 else "text"
