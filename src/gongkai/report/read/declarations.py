"""Whether an XML part declares a DTD or entities, in whatever encoding the XML parser would read
it: UTF-8, UTF-16 and UTF-32 in either byte order, with or without a byte order mark, and any
encoding named in the XML declaration.

Why not only ask the parser to resolve no entities: the check runs before any parser sees the
bytes, so that it holds whatever the parser's settings and version. Why every encoding: a search
for the UTF-8 bytes of "<!DOCTYPE" misses the same words in UTF-32, or in UTF-7 written as
"+ADwAIQ-DOCTYPE", and libxml2 reads those as well. The encoding is found as XML 1.0 appendix F
and libxml2 find it (byte order mark, then the first four bytes, then the declaration); a part in
an encoding Python cannot decode, or whose bytes do not decode, cannot be checked and is refused.
Real Word parts are UTF-8 and take the fast path of a byte search.
"""

from __future__ import annotations

import codecs
import re

_WORDS = (b"<!doctype", b"<!entity")
_DECLARING = re.compile(r"<!(?i:doctype|entity)")
_BOMS = (  # the UTF-32 LE mark begins with the UTF-16 LE one, so it is tried first
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UNMARKED = {  # the first four bytes of "<?xm" (or of any "<" for UTF-32) without a mark
    b"\x00\x00\x00<": "utf-32-be", b"<\x00\x00\x00": "utf-32-le",
    b"\x00<\x00?": "utf-16-be", b"<\x00?\x00": "utf-16-le",
}
# Orders and families libxml2 recognises but no Python codec reads: refused rather than guessed.
_UNCHECKABLE = {b"\x00\x00<\x00": "UCS-4 (2143)", b"\x00<\x00\x00": "UCS-4 (3412)", b"Lo\xa7\x94": "EBCDIC"}
# The XML declaration up to the end of its encoding name: libxml2 switches to the named encoding
# right there, so that what follows (the rest of the declaration included) may be in it.
_DECLARATION = re.compile(r"<\?xml\s[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]{0,40})[\"']")
_DECLARATION_BYTES = re.compile(_DECLARATION.pattern.encode("ascii"))
_ALIASES = {"ucs-4": "utf-32", "ucs4": "utf-32", "iso-10646-ucs-4": "utf-32",
            "ucs-2": "utf-16", "ucs2": "utf-16", "iso-10646-ucs-2": "utf-16"}
# A name without a byte order: either order may be what the parser's iconv reads.
_ORDERS = {"utf-16": ("utf-16-le", "utf-16-be"), "utf-32": ("utf-32-le", "utf-32-be")}


class Uncheckable(ValueError):
    """The part's encoding cannot be read here, so neither can its declarations be looked for."""


def declares(data: bytes) -> bool:
    """Whether ``data`` holds "<!DOCTYPE" or "<!ENTITY" (any case) in the encoding it is read in.

    Raises ``Uncheckable`` when that encoding cannot be decoded."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _ascii_family(data[len(bom):])
            return _wide(data[len(bom):], encoding)
    head = data[:4]
    if head in _UNMARKED:
        return _wide(data, _UNMARKED[head])
    if head in _UNCHECKABLE:
        raise Uncheckable(f"{_UNCHECKABLE[head]} encoding")
    return _ascii_family(data)


def _wide(data: bytes, encoding: str) -> bool:
    """A part in UTF-16 or UTF-32 (by its mark or first bytes). One that then names another
    encoding would make the parser switch mid-way; no Word file does that, so it is refused."""
    text = _decoded(data, encoding)
    declared = _DECLARATION.match(text)
    if declared and not _codec(declared.group(1)).startswith(("utf-16", "utf-32")):
        raise Uncheckable(f"{encoding} part declaring encoding {declared.group(1)!r}")
    return _DECLARING.search(text) is not None


def _ascii_family(data: bytes) -> bool:
    """A part whose first bytes are ASCII: read as UTF-8 unless its declaration names another
    encoding, from the end of that name on."""
    if _in_bytes(data):
        return True  # in every encoding whose ASCII characters are their own bytes
    declared = _DECLARATION_BYTES.match(data)
    if declared is None:
        return False
    encoding = _codec(declared.group(1).decode("ascii"))
    if encoding in ("utf-8", "ascii"):
        return False
    tail = data[declared.end():]
    texts = []
    for order in _ORDERS.get(encoding, (encoding,)):
        try:
            texts.append(tail.decode(order))
        except UnicodeDecodeError:
            continue
    if not texts:
        raise Uncheckable(f"not valid {encoding} after the declaration")
    return any(_DECLARING.search(text) for text in texts)


def _codec(label: str) -> str:
    try:
        return codecs.lookup(_ALIASES.get(label.lower(), label)).name
    except LookupError:
        raise Uncheckable(f"unknown encoding {label!r}") from None


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Uncheckable(f"not valid {encoding}: {exc}") from None


def _in_bytes(data: bytes) -> bool:
    return _may_declare(data) and any(word in data.lower() for word in _WORDS)


def _may_declare(data: bytes) -> bool:
    """Whether ``data`` holds "<!", with which every forbidden word starts: without one,
    lower-casing could not make one. Searched from the rare "!" rather than the "<" that opens
    every tag, which made ``b"<!" in data`` slow on large parts; a part full of "!" is searched
    the plain way, so that it cannot keep this loop busy."""
    if data.count(b"!") > 64:
        return b"<!" in data
    i = data.find(b"!")
    while i != -1:
        if data[i - 1 : i] == b"<":
            return True
        i = data.find(b"!", i + 1)
    return False
