"""Reading a file or bytes into a ``Report``: limits, kind detection, the reader, the parser.

Every failure becomes a ``ReportError`` with a stable code; nothing else escapes ``parse_bytes``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import stat
from dataclasses import dataclass

from . import messages
from .errors import ReportError
from .model import Report, Source
from .parse.document import parse_document
from .read.detect import decode_text, detect_kind, text_kind
from .read.text import read_text

log = logging.getLogger(__name__)


def _read_html(data: bytes, name: str, limits: Limits):
    from .read.html import read_html

    return read_html(decode_text(data, name), name, limits.pictures_folder, limits)


def _read_docx(data: bytes, name: str, limits: Limits):
    from .read.docx import read_docx

    return read_docx(data, name, limits)


def _read_pdf(data: bytes, name: str, limits: Limits):
    from .read.pdf import read_pdf

    try:
        return read_pdf(data, name, limits)
    except ReportError as exc:
        # A PDF of scanned pages: read by OCR when the engine is installed, else needs_ocr as before.
        if exc.code != "needs_ocr" or not _ocr_available():
            raise
    from .read.ocr import read_scanned_pdf

    return read_scanned_pdf(data, name, limits)


def _read_image(data: bytes, name: str, limits: Limits):
    from .read.ocr import open_page_picture, read_image

    if not _ocr_available():
        open_page_picture(data, name)  # a picture too small for a page stays unsupported_kind
        raise ReportError("needs_ocr", f"{name}: a picture, and no OCR engine is installed", name=name)

    return read_image(data, name, limits)


def _ocr_available() -> bool:
    from .read.ocr import available

    return available()


def _read_legacy(data: bytes, name: str, limits: Limits):
    from .read.legacy import read_legacy

    return read_legacy(data, name, limits)


# Readers of binary or markup kinds, loaded only when a file of that kind arrives.
_READERS = {"html": _read_html, "docx": _read_docx, "pdf": _read_pdf, "doc": _read_legacy, "image": _read_image}


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile file from eating the machine."""

    max_bytes: int = 50 * 1024 * 1024
    # Total uncompressed size of a DOCX's parts, and the largest expansion ratio allowed.
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200
    # A statutory report runs to a few dozen pages; hundreds of pages is not a report.
    max_pages: int = 100
    # Time budget for reading one file. In the reader's child process (``isolate``) it is a hard
    # limit: the child is killed when it is over, wherever it is. In process it is only checked
    # between PDF pages and enforced on LibreOffice.
    seconds: float = 60.0
    # Read in a child process with the budget above and an address-space limit of ``memory_bytes``:
    # for files from outside (the command line, uploads, imports). In process is faster (see
    # ``make bench``) and is for the project's own documents.
    isolate: bool = False
    memory_bytes: int = 1024 * 1024 * 1024
    # Reading a scan by OCR: the engine's libraries and models map ~600 MB of address space before
    # the first pixel, so the child reading a scan is allowed this much instead (still a hard bound).
    ocr_memory_bytes: int = 1536 * 1024 * 1024
    # The folder a saved HTML page's own pictures (``report_files/…``) may be read from, when its
    # text has no tables (they are then pictures, read by OCR). ``parse_file`` sets the file's
    # folder; bytes from elsewhere (an upload) get None, so that their <img> cannot reach local files.
    pictures_folder: str | None = None


DEFAULT_LIMITS = Limits()
# For files from outside: each read in a child process, killed at the budget, within ~1 GB.
UNTRUSTED = Limits(isolate=True)


def read_path(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a regular file, at most ``limits.max_bytes``.

    Opened without blocking and checked on the opened descriptor, so that a FIFO (which would
    wait for a writer for ever), a device (``/dev/zero`` never ends), a directory or a symlink to
    any of them is refused at once, and a file swapped between a check and the open cannot pass."""
    name = os.path.basename(path) or path
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise ReportError("not_found", f"{path}: no such file", name=name) from exc
    except IsADirectoryError as exc:
        raise _not_regular(path, name, "directory") from exc
    except PermissionError as exc:
        raise ReportError("unreadable", f"{path}: permission denied", name=name, reason="没有读取权限") from exc
    except OSError as exc:
        raise ReportError("unreadable", f"{path}: {exc}", name=name, reason=exc.strerror or "系统错误") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, name, _file_type(info.st_mode))
        if info.st_size > limits.max_bytes:
            raise ReportError(
                "too_large", f"{path}: {info.st_size} bytes > limit {limits.max_bytes}",
                name=name, size=messages.size_text(info.st_size), limit=messages.size_text(limits.max_bytes),
            )
        return _read_all(fd, limits.max_bytes + 1)
    except OSError as exc:
        raise ReportError("unreadable", f"{path}: {exc}", name=name, reason=exc.strerror or "系统错误") from exc
    finally:
        os.close(fd)


def _read_all(fd: int, most: int) -> bytes:
    """Up to ``most`` bytes: a regular file that grows while it is read still stops there."""
    chunks = []
    while most > 0:
        chunk = os.read(fd, min(most, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def _not_regular(path: str, name: str, kind: str) -> ReportError:
    return ReportError("unreadable", f"{path}: not a regular file ({kind})", name=name,
                       reason=messages.NOT_REGULAR[kind])


def source_of(path: str, data: bytes | None) -> Source:
    return Source(path, hashlib.sha256(data).hexdigest() if data is not None else None, None)


def parse_bytes(data: bytes, path: str = "<bytes>", limits: Limits = DEFAULT_LIMITS, *,
                sha256: str | None = None) -> Report:
    """``sha256``: the hex SHA-256 of ``data`` when the caller has it already (a corpus worker hashes
    every file to find duplicates before parsing it): the file is then not hashed a second time."""
    if limits.isolate:
        from .isolate import parse_isolated

        return parse_isolated(data, path, limits)
    try:
        return _parse(data, path, limits, sha256)
    except MemoryError as exc:
        # Raised under the reader process's address-space limit (or when the machine has none left).
        raise ReportError(
            "out_of_memory", f"{path}: {exc or 'MemoryError'} (limit {limits.memory_bytes} bytes)",
            name=os.path.basename(path) or path, limit=messages.size_text(limits.memory_bytes),
        ) from None


def _parse(data: bytes, path: str, limits: Limits, sha256: str | None = None) -> Report:
    name = os.path.basename(path) or path
    source = source_of(path, data) if sha256 is None else Source(path, sha256, None)
    if not data.strip():
        raise ReportError("empty", f"{path}: {len(data)} bytes, no content", name=name)
    if len(data) > limits.max_bytes:
        raise ReportError(
            "too_large", f"{path}: {len(data)} bytes > limit {limits.max_bytes}",
            name=name, size=messages.size_text(len(data)), limit=messages.size_text(limits.max_bytes),
        )
    kind = detect_kind(data)
    source.kind = kind
    if kind == "text":
        text = decode_text(data, name)
        kind = source.kind = text_kind(text)
        doc = read_text(text, kind)
    elif kind in _READERS:
        doc = _READERS[kind](data, name, limits)
    elif kind in ("binary", "zip"):
        raise ReportError(
            "unsupported_kind", f"{path}: content looks like {kind} (first bytes {data[:8].hex()})",
            name=name, reason=messages.KIND_LABELS.get(kind, "二进制数据"),
        )
    else:
        raise ReportError(
            "kind_not_available", f"{path}: no reader for kind {kind} yet",
            name=name, kind=messages.KIND_LABELS.get(kind, kind),
        )
    report = parse_document(doc, source)
    if getattr(doc, "cells", None) or getattr(doc, "skipped", None):
        from .read.ocr_findings import not_read, ocr_provenance, settle_by_rules, settle_points, uncertain_cells

        report.ocr = ocr_provenance(report, doc)
        found = settle_points(report, doc)
        corrected, decided = settle_by_rules(report, doc)
        report.findings.extend(found + corrected + uncertain_cells(report, doc, decided) + not_read(doc))
    return report


def parse_file(path: str, limits: Limits = DEFAULT_LIMITS) -> Report:
    if limits.pictures_folder is None:
        limits = dataclasses.replace(limits, pictures_folder=os.path.dirname(os.path.abspath(path)))
    return parse_bytes(read_path(path, limits), path, limits)


def parse_text(text: str, path: str = "<text>") -> Report:
    return parse_bytes(text.encode("utf-8"), path)
