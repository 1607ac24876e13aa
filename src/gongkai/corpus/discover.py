"""The inputs of an import: files under folders, members of zip archives, paths listed in a file.

Discovery is a generator, so 100,000 paths never sit in memory at once and never pass through a
command line ("Argument list too long"): ``--files-from`` reads its list line by line. A zip archive
(but not a DOCX, which is a zip too) is read member by member. Each item carries a fingerprint (size
and modification time of a file, size and CRC of a member) so that a re-run skips what it already
stored without reading it again.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator

from .extract import Item

# Files a report folder holds beside the reports that are never reports themselves: gongkai's own
# JSON (parse output, expected values), databases and their journals, hidden files.
SKIPPED_SUFFIXES = (".json", ".duckdb", ".duckdb.wal", ".wal", ".sqlite3", ".db", ".lock", ".tmp")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.lower().endswith(SKIPPED_SUFFIXES)


def is_archive(path: str) -> bool:
    """A zip archive of reports: a zip file that is not an Office document (no ``[Content_Types].xml``)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" not in archive.NameToInfo
    except (OSError, zipfile.BadZipFile):
        return False


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its author wrote it: archives made on Chinese Windows store GBK names
    without the UTF-8 flag, which Python reads as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _members(path: str) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            shown = member_name(info)
            if info.is_dir() or _skipped(os.path.basename(shown.rstrip("/"))):
                continue
            yield Item(path, info.filename, f"{info.file_size}:{info.CRC:08x}", shown)


# Names of documents that are never an archive of reports: their contents are not sniffed for a zip
# (an open, a read and a close per file, ~40 % of discovering 100,000 text files, each system call a
# moment when the importing process's thread gives up the interpreter to the pool's threads). Should
# one be a zip all the same, it is still imported as a file: the reader tells it by its contents and
# records why it is not a report (``unsupported_kind``).
NOT_ARCHIVES = (".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".doc",
                ".wps", ".rtf", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")


def _file(path: str) -> Iterator[Item]:
    try:
        stat = os.stat(path)
    except OSError:
        yield Item(path, None, "missing")  # the worker records why it cannot be read
        return
    if not path.lower().endswith(NOT_ARCHIVES) and is_archive(path):
        try:
            yield from _members(path)
        except (OSError, zipfile.BadZipFile):
            yield Item(path, None, f"{stat.st_size}:{stat.st_mtime_ns}")
        return
    yield Item(path, None, f"{stat.st_size}:{stat.st_mtime_ns}")


def _folder(root: str, exclude: frozenset[str]) -> Iterator[Item]:
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(folder, name)
            if not _skipped(name) and os.path.abspath(path) not in exclude:
                yield from _file(path)


def listed(list_path: str) -> Iterator[str]:
    """The paths of a ``--files-from`` list: one per line, blank lines and ``#`` comments ignored."""
    with open(list_path, encoding="utf-8-sig") as fh:
        for line in fh:
            path = line.rstrip("\r\n")
            if path.strip() and not path.lstrip().startswith("#"):
                yield path


def items(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[Item]:
    """Every input item under ``paths``, in a stable order (folders sorted by name)."""
    skip = frozenset(os.path.abspath(p) for p in exclude)
    for path in paths:
        if os.path.isdir(path):
            yield from _folder(path, skip)
        else:
            yield from _file(path)
