"""Word (DOCX) → raw rows.

The body is walked in document order: a paragraph becomes an unstructured row (a paragraph broken
by line breaks becomes one row per line, as a Word-to-text converter prints it), a table becomes
structured rows with merged cells expanded onto the table grid: a cell spanning n grid columns
(``gridSpan``) keeps its text at its first position and leaves the others blank, and a cell that
continues a vertical merge (``vMerge``) is blank, its value belonging to the first row of the
merge. Every row of a table so has the same width, as in the official form. A table that holds
other tables is page layout, not data: its cells are read like the body. Text boxes, headers,
footers, deleted text and field codes are skipped.

Before any XML parser sees the bytes the archive is checked with the standard library: the sum of
declared uncompressed sizes and each member's expansion ratio are bounded (zip bombs), and no XML
part that is parsed may declare a DTD or entities (entity expansion), in any encoding the XML
parser would read it in (``declarations``), whatever the XML parser's settings.

Only the parts the report lives in are read and parsed, the main document and its styles, found
through the package relationships as python-docx finds them. Opening the whole package with
python-docx parsed every part into its object classes and cost more than half of reading a report;
the body itself is reduced by an XSLT (docx_body.xsl) before Python looks at it.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import ReportError
from ..messages import size_text
from ..model import location
from .declarations import Uncheckable, declares
from .grid import RawCell, RawDocument, RawRow
from .text import line_row

if TYPE_CHECKING:
    from ..source import Limits

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's "Strict Open XML" files: the same vocabulary under other names.
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def _w(tag: str, namespace: str = _W) -> str:
    return f"{{{namespace}}}{tag}"

_HEADING_STYLES = ("heading", "标题", "title")
_MAX_SPAN = 64  # one cell never covers more grid columns than this
_MAX_WIDTH = 256  # nor a row more positions
_ONE_MB = 1024 * 1024
_MAIN_PART = "word/document.xml"


def read_docx(data: bytes, name: str, limits: Limits) -> RawDocument:
    root, styles, namespace = _open(data, name, limits)
    walker = _Walker(_style_names(styles, namespace))
    walker.walk(_body(root, namespace, name))
    if not walker.pictures:
        return walker.doc
    from .ocr_pictures import has_tables, read_pictures

    if has_tables(walker.doc):
        return walker.doc
    return read_pictures(walker.doc, _pictures(data, name, walker.pictures), name, limits, walker.tables)


# --- pictures, when the text has no tables (read by OCR, see ocr_pictures) ----------------------------

def _pictures(data: bytes, name: str, found: list[tuple[int, str]]):
    """A ``Slot`` per picture of the body, in body order: its media member's bytes, or why not
    (a picture linked from outside the file is never fetched). The archive's sizes were checked."""
    from .ocr_pictures import BROKEN, REMOTE, Slot

    parser = _parser()
    slots = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = _Parts(archive, name)
        main = _related(parts, parser, "_rels/.rels", "", "officeDocument") or _MAIN_PART
        folder, _, leaf = main.rpartition("/")
        try:
            rels = parts.xml(f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels", parser)
        except (KeyError, etree.XMLSyntaxError):
            rels = None
        targets = {}
        for rel in (rels.iter(_RELS) if rels is not None else ()):
            targets[rel.get("Id")] = (rel.get("Target") or "", rel.get("TargetMode") == "External")
        for index, rid in found:
            target, external = targets.get(rid, ("", False))
            if external or not target:
                slots.append(Slot(index, target or rid, None, REMOTE if external else BROKEN))
                continue
            member = _part_name(folder, target)
            try:
                with archive.open(member) as fh:
                    slots.append(Slot(index, member, fh.read()))
            except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                    NotImplementedError):
                slots.append(Slot(index, member, None, BROKEN))
    return slots


# --- the archive, before any XML parser runs ----------------------------------------------------

def _corrupt(name: str, detail: str, reason: str) -> ReportError:
    return ReportError("corrupt", detail, name=name, reason=reason)


def _check_sizes(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise ReportError(
            "zip_bomb", f"declared uncompressed size {total} > limit {limits.max_unzipped_bytes}",
            name=name, limit=size_text(limits.max_unzipped_bytes),
        )
    for m in members:
        # Deflate expands at most ~1032 times, so a member under 1 MB cannot hurt whatever its
        # ratio; small parts of spaces legitimately compress far beyond any sane ratio.
        if m.file_size >= _ONE_MB and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
            raise ReportError(
                "zip_bomb",
                f"{m.filename}: {m.file_size} bytes from {m.compress_size} (ratio > {limits.max_zip_ratio})",
                name=name, limit=f"{limits.max_zip_ratio} 倍压缩比",
            )
    if _MAIN_PART not in archive.NameToInfo:
        raise _corrupt(name, f"no {_MAIN_PART} in the archive", "缺少 Word 正文部分 word/document.xml")


class _Parts:
    """The package's XML parts, each decompressed once and checked before it reaches a parser.

    Only the parts that are parsed are read: a part nobody parses cannot expand entities, and
    decompressing every part of a Word file (fonts, themes, thumbnails) cost more than reading
    the body. Sizes were bounded from the central directory before (``_check_sizes``)."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.read: dict[str, bytes] = {}

    def bytes(self, member: str) -> bytes:
        """The part's bytes; KeyError when the archive has no such member."""
        if member not in self.read:
            self.read[member] = self._scanned(self.archive.getinfo(member))
        return self.read[member]

    def xml(self, member: str, parser: etree.XMLParser):
        return etree.fromstring(self.bytes(member), parser)

    def _scanned(self, member: zipfile.ZipInfo) -> bytes:
        """The part's bytes, refused when it declares a DTD or entities. Read whole: its size was
        bounded from the central directory, and zipfile never returns more than the declared size
        (reading in chunks made zipfile inflate 4 KB at a time, slower than parsing)."""
        try:
            with self.archive.open(member) as fh:
                data = fh.read()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise _corrupt(self.name, f"{member.filename}: {exc}", "压缩数据损坏，可能文件不完整") from exc
        try:
            declaring = declares(data)
        except Uncheckable as exc:
            raise _corrupt(self.name, f"{member.filename}: {exc}", "XML 编码无法识别") from exc
        if declaring:
            raise _corrupt(self.name, f"{member.filename}: DTD or entity declaration", "含有不允许的 XML 实体声明")
        return data


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",  # Strict
)
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _parser() -> etree.XMLParser:
    # No entities, no network, no huge trees. Unlike python-docx we keep blank text between
    # elements (remove_blank_text): it only ever lands in tails we never read, and dropping it
    # cost a third of the parse. xml:id attributes are not collected, for the same reason.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, collect_ids=False)


def _part_name(base: str, target: str) -> str:
    """A relationship target resolved against the folder of its source part, as a zip member name."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in base.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _related(parts: _Parts, parser: etree.XMLParser, rels_member: str, base: str, rel_type: str) -> str | None:
    try:
        rels = parts.xml(rels_member, parser)
    except KeyError:
        return None
    wanted = {prefix + rel_type for prefix in _REL_TYPES}
    for rel in rels.iter(_RELS):
        if rel.get("Type") in wanted and rel.get("TargetMode") != "External":
            return _part_name(base, rel.get("Target") or "")
    return None


def _content_type(parts: _Parts, parser: etree.XMLParser, member: str) -> str:
    types = parts.xml("[Content_Types].xml", parser)
    for override in types.iter(_CT + "Override"):
        if (override.get("PartName") or "").lstrip("/").lower() == member.lower():
            return override.get("ContentType") or ""
    extension = member.rsplit(".", 1)[-1].lower()
    for default in types.iter(_CT + "Default"):
        if (default.get("Extension") or "").lower() == extension:
            return default.get("ContentType") or ""
    return ""


def _open(data: bytes, name: str, limits: Limits):
    """(root element, styles root or None, WordprocessingML namespace) of the main document part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _corrupt(name, f"not a readable zip archive: {exc}", "压缩结构损坏，可能文件不完整") from exc
    parser = _parser()
    try:
        with archive:
            _check_sizes(archive, name, limits)
            parts = _Parts(archive, name)
            parts.bytes(_MAIN_PART)  # checked first: a hostile body is refused before anything is parsed
            main = _related(parts, parser, "_rels/.rels", "", "officeDocument")
            if main is None:
                raise _corrupt(name, "no officeDocument relationship in _rels/.rels", "文档结构损坏")
            content_type = _content_type(parts, parser, main)
            if content_type != _WORD_MAIN:
                raise _corrupt(name, f"not a Word document: main part {main} is {content_type!r}", "不是 Word 文档")
            root = parts.xml(main, parser)
            namespace = etree.QName(root).namespace
            if namespace not in (_W, _W_STRICT) or root.find(_w("body", namespace)) is None:
                raise _corrupt(name, f"{main} has no w:body", "文档结构损坏")
            folder, _, leaf = main.rpartition("/")
            styles_part = _related(parts, parser, f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels",
                                   folder, "styles")
            styles = None
            used = _used_style_ids(parts.bytes(main))
            if styles_part is not None and used != set():
                try:
                    styles = _styles_of(parts.bytes(styles_part), used, namespace, parser)
                except (KeyError, etree.XMLSyntaxError):
                    styles = None  # a broken styles part costs only the heading marks
            return root, styles, namespace
    except etree.XMLSyntaxError as exc:
        if _no_memory(exc):
            raise MemoryError(f"{name}: libxml2 ran out of memory") from exc
        raise _corrupt(name, f"XML error: {exc}", "文档内容的 XML 格式错误") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, RuntimeError, NotImplementedError) as exc:
        raise _corrupt(name, f"package error: {type(exc).__name__}: {exc}", "文档结构损坏") from exc


_STYLE_TYPES = frozenset({"paragraph", "character", "table", "numbering"})
# A part whose bytes are UTF-8 text: declared so, or declared without an encoding, or not declared.
_UTF8_DECLARED = re.compile(
    rb"""^(?:\xef\xbb\xbf)?(?:<\?xml[^>]*?encoding=["'](?:utf-8|UTF-8)["'][^>]*\?>"""
    rb"""|<\?xml(?![^>]*encoding)[^>]*\?>|(?!<\?xml))"""
)
_PSTYLE = re.compile(rb'<(\w+):pStyle\b[^>]*?\b\1:val="([^"]*)"')


def _used_style_ids(body: bytes) -> set[str] | None:
    """The paragraph style ids the main document uses, or None when its bytes cannot be scanned as
    UTF-8 text (then every style is read)."""
    if not _UTF8_DECLARED.match(body):
        return None
    return {m.group(2).decode("utf-8", "replace") for m in _PSTYLE.finditer(body)}


def _styles_of(data: bytes, used: set[str] | None, namespace: str, parser: etree.XMLParser):
    """The styles part as a tree holding every style the body may ask for.

    Why not always the whole part: python-docx's default template and LibreOffice files carry
    350 KB of styles, parsed only to learn the names of the two or three a report uses. The styles
    the body names are cut out of the bytes and parsed alone; wherever that is not certain to give
    what parsing the whole part gives (another encoding, no prefix for the namespace, a style type
    or name that makes python-docx give up the whole map, markup the cut cannot follow), the whole
    part is parsed as before."""
    subset = None if used is None else _style_subset(data, used, namespace)
    if subset is None:
        return etree.fromstring(data, parser)
    return etree.fromstring(subset, parser)


def _style_subset(data: bytes, used: set[str], namespace: str) -> bytes | None:
    if not _UTF8_DECLARED.match(data) or b"<!" in data or b"]]>" in data:
        return None
    m = re.search(rb'xmlns:(\w+)="' + re.escape(namespace.encode()) + rb'"', data[:4096])
    if m is None:
        return None
    p = re.escape(m.group(1))
    for attrs in re.finditer(rb"<" + p + rb":style\b([^>]*)>", data):
        kind = re.search(rb"\b" + p + rb':type="([^"]*)"', attrs.group(1))
        if kind is None or kind.group(1).decode() not in _STYLE_TYPES:
            return None  # the whole map is given up: let the full parse say so
    if re.search(rb"<" + p + rb":name\b(?![^>]*\b" + p + rb":val=)[^>]*>", data):
        return None
    pieces = []
    for style_id in sorted(used):
        found = list(re.finditer(
            rb"<" + p + rb":style\b[^>]*\b" + p + rb':styleId="' + re.escape(style_id.encode()) + rb'"[^>]*?'
            rb"(?:/>|>.*?</" + p + rb":style>)", data, re.DOTALL))
        if found:
            pieces.append(found[-1].group(0))
    return b'<r xmlns:' + m.group(1) + b'="' + namespace.encode() + b'">' + b"".join(pieces) + b"</r>"


def _style_names(styles, namespace: str = _W) -> dict[str, str]:
    """Style id -> UI name, as python-docx's ``{s.style_id: s.name or "" for s in document.styles
    if s.style_id}`` gives it, read from the styles XML directly (python-docx builds an object per
    style, which costs more than the rest of reading a LibreOffice file with its hundreds of styles).
    Where python-docx would fail on a style, the whole map is given up, as before."""
    from docx.styles import BabelFish

    if styles is None:
        return {}
    style_tag, type_attr, id_attr, name_tag, val_attr = (
        _w(t, namespace) for t in ("style", "type", "styleId", "name", "val")
    )
    names: dict[str, str] = {}
    for style in styles.findall(style_tag):
        if style.get(type_attr) not in _STYLE_TYPES:
            return {}  # python-docx has no style class for it
        style_id = style.get(id_attr)
        if not style_id:
            continue
        name = style.find(name_tag)
        if name is None:
            names[style_id] = ""
            continue
        value = name.get(val_attr)
        if value is None:
            return {}  # w:name without its required w:val
        names[style_id] = BabelFish.internal2ui(value) or ""
    return names


# --- the body --------------------------------------------------------------------------------------
#
# docx_body.xsl walks the body in C (libxslt) and hands over a small tree: <p s= o=> per paragraph
# of the flow (style id, outline level, text with tabs and line breaks as characters), <t g=> per
# data table with <r b=> rows and <c s= v= h=> cells (gridSpan, vMerge, hMerge as written) holding
# one <q> per paragraph. Walking the Word XML element by element in Python cost more than parsing
# it; what is left here works on a few hundred small elements.

_XSLT = threading.local()


def _body_transform(namespace: str) -> etree.XSLT:
    """One compiled stylesheet per thread and namespace: lxml does not promise that one XSLT object
    may run in several threads at once. For Strict files the stylesheet's w: prefix is bound to
    the Strict namespace."""
    transforms = _XSLT.__dict__.setdefault("transforms", {})
    if namespace not in transforms:
        source = (Path(__file__).parent / "docx_body.xsl").read_bytes().replace(_W.encode(), namespace.encode())
        transforms[namespace] = etree.XSLT(etree.fromstring(source), access_control=etree.XSLTAccessControl.DENY_ALL)
    return transforms[namespace]


def _body(root, namespace: str, name: str):
    try:
        return _body_transform(namespace)(root.getroottree()).getroot()
    except etree.XSLTError as exc:
        if _no_memory(exc):
            raise MemoryError(f"{name}: libxslt ran out of memory") from exc
        raise _corrupt(name, f"body transform failed: {exc}", "文档结构损坏") from exc


def _no_memory(exc: etree.LxmlError) -> bool:
    """Whether libxml2 gave up for want of memory (under the reader's memory limit it says
    "unknown error", which is no reason to call the file corrupt)."""
    return getattr(exc, "code", None) == etree.ErrorTypes.ERR_NO_MEMORY or any(
        entry.type == etree.ErrorTypes.ERR_NO_MEMORY for entry in exc.error_log
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Walker:
    def __init__(self, styles: dict[str, str]) -> None:
        self.doc = RawDocument("docx")
        self.styles = styles
        self.paragraphs = 0
        self.tables = 0
        # (index of the row the picture comes before, its relationship id), in body order.
        self.pictures: list[tuple[int, str]] = []

    def walk(self, blocks) -> None:
        for block in blocks:
            if block.tag == "p":
                self.paragraph(block)
            elif block.tag == "g":
                self.pictures.append((len(self.doc.rows), block.get("r") or ""))
            else:
                self.table(block)

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        where = location(self.paragraphs)
        heading = self.is_heading(p.get("s"), p.get("o"))
        for line in (p.text or "").split("\n"):
            text = line.strip()
            if text:
                self.doc.rows.append(line_row(text, where, heading))

    def is_heading(self, style: str | None, outline: str | None) -> bool:
        if style:
            name = self.styles.get(style, style).strip().lower()
            if name.startswith(_HEADING_STYLES):
                return True
        return 0 <= _int(outline, 9) < 9

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        grid = [self.grid_row(tr) for tr in tbl]
        width = min(_MAX_WIDTH, max([_int(tbl.get("g"), 0), *(len(r) for r in grid)]))
        for r, texts in enumerate(grid, start=1):
            texts = texts[:width] + [""] * (width - len(texts))
            cells = [
                RawCell(t or "", location(None, None, number, r, c), covered=t is None)
                for c, t in enumerate(texts, start=1)
            ]
            self.doc.rows.append(RawRow(cells, location(None, None, number, r), structured=True))

    def grid_row(self, tr) -> list[str | None]:
        """Texts by grid position; None where a merged cell starting elsewhere covers."""
        texts: list[str | None] = [""] * min(_MAX_SPAN, max(0, _int(tr.get("b"), 0)))
        for tc in tr:
            if len(texts) >= _MAX_WIDTH:
                break
            n = min(_MAX_SPAN, max(1, _int(tc.get("s"), 1)))
            continued = tc.get("v", "restart") != "restart" or tc.get("h", "restart") != "restart"
            texts.append(None if continued else _cell_text(tc))
            texts.extend([None] * (n - 1))
        return texts


def _cell_text(tc) -> str:
    """A cell's paragraphs joined without a separator: a label wrapped in its cell stays whole.

    Numbers on separate lines of one cell ("0" over "0", several rows' values in one cell) are kept
    apart by a space, so that the parser sees two numbers rather than "00".
    """
    text = ""
    for p in tc:
        for line in (p.text or "").split("\n"):
            part = line.replace("\t", " ").strip()
            if not part:
                continue
            if text and text[-1].isdigit() and part[0].isdigit():
                text += " "
            text += part
    return text
