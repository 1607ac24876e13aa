"""Guards that no other test would notice missing (issue 13): the zip-bomb bound on the total
declared size, the DTD and entity check in every encoding XML allows, and the report core's
independence from Django. Each test here fails when its guard is taken out."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gongkai.report import Limits, ReportError, parse_bytes

from .hostile import docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BODY = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
_LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
) + "]>"


def _error(data: bytes, limits: Limits | None = None) -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse_bytes(data, "x.docx", limits or Limits())
    return caught.value


def test_it_refuses_an_archive_whose_members_are_harmless_but_whose_total_is_over_the_limit():
    """Today's bomb test is caught by the ratio check; here every member is incompressible (ratio
    about 1), so only the bound on the sum of declared sizes can refuse it."""
    members = {f"word/media/image{i}.bin": os.urandom(1536 * 1024) for i in range(3)}
    body = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>'
    data = docx({"word/document.xml": body.encode(), **members})
    limits = Limits(max_unzipped_bytes=4 * 1024 * 1024)
    error = _error(data, limits)
    assert error.code == "zip_bomb"
    assert "4.0 MB" in error.message
    assert "declared uncompressed size" in error.detail
    parse_bytes(data, "x.docx")  # under the default limits the same file is read


def _utf32_declared(order: str) -> bytes:
    """The declaration in ASCII naming UTF-32; libxml2 reads everything after the name in it."""
    return b'<?xml version="1.0" encoding="UTF-32"' + ("?>" + _LAUGHS + _BODY).encode(order)


ENCODINGS = {
    "utf-32-le with BOM": lambda x: x.encode("utf-32"),  # Python writes the native (LE) order with a BOM
    "utf-32-be with BOM": lambda x: b"\x00\x00\xfe\xff" + x.encode("utf-32-be"),
    "utf-32-le": lambda x: x.encode("utf-32-le"),
    "utf-32-be": lambda x: x.encode("utf-32-be"),
    "declared UTF-32 in UTF-32": lambda x: x.replace('"1.0"', '"1.0" encoding="UTF-32"').encode("utf-32-le"),
    "declared UTF-32, then big-endian": lambda x: _utf32_declared("utf-32-be"),
    "declared UTF-32, then little-endian": lambda x: _utf32_declared("utf-32-le"),
    "declared UTF-7": lambda x: x.replace('"1.0"', '"1.0" encoding="UTF-7"').encode("ascii").replace(
        b"<!", b"+ADwAIQ-"),
    "utf-16-le": lambda x: x.encode("utf-16-le"),
    "utf-16-be with BOM": lambda x: b"\xfe\xff" + x.encode("utf-16-be"),
    "utf-8 with BOM": lambda x: x.encode("utf-8-sig"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_it_refuses_entity_declarations_in_every_encoding_xml_allows(encoding):
    document = ENCODINGS[encoding]('<?xml version="1.0"?>' + _LAUGHS + _BODY)
    error = _error(docx({"word/document.xml": document}))
    assert error.code == "corrupt", error.detail
    assert "实体" in error.message, error.detail


def test_it_refuses_a_part_in_an_encoding_it_cannot_check():
    document = b'<?xml version="1.0" encoding="X-UNKNOWN"?>' + _BODY.encode()
    error = _error(docx({"word/document.xml": document}))
    assert error.code == "corrupt"
    assert "编码" in error.message


def test_it_still_reads_word_parts_in_utf_16():
    body = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p></w:body></w:document>'
    report = parse_bytes(docx({"word/document.xml": ('<?xml version="1.0" encoding="UTF-16"?>' + body)
                               .encode("utf-16")}), "x.docx")
    assert report.source.kind == "docx"


_NO_DJANGO = """
import pkgutil, sys
import gongkai.report, gongkai.clock
for package in (gongkai.report, gongkai.clock):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        __import__(module.name)
imported = sorted(m for m in sys.modules if m.startswith("gongkai."))
assert len(imported) > 30, imported
django = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not django, django
print(len(imported))
"""


def test_importing_every_module_of_the_report_core_never_imports_django():
    proc = subprocess.run([sys.executable, "-c", _NO_DJANGO], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) > 30
