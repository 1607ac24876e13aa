"""Hostile and broken files: each gets its own error code and a Chinese message, within bounded
memory (the process runs under a 2 GiB address-space limit) and time (a hang guard, not a speed
test), and the next file of the same run is still read."""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .needs import on_ci

DATA = Path(__file__).parent / "data"
GOOD = DATA / "seeds" / "000_b62a3e5167963438.txt"
MEMORY_LIMIT = 2 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(path: Path) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai", "parse", "--json", str(path), str(GOOD)],
        capture_output=True, text=True, timeout=180, preexec_fn=_limit_memory,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert proc.returncode == 1, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)


def _entities(path: Path) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9)
    ) + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' \
        "<w:body><w:p><w:r><w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", laughs)


def _scan(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 400), "white").save(path, "PDF")


def _many_pages(path: Path) -> None:
    from PIL import Image

    pages = [Image.new("1", (20, 20), 1) for _ in range(500)]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])


def _png(path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())


CASES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty", "空文件"),
    "junk.txt": (lambda p: p.write_bytes(os.urandom(64 * 1024)), "unsupported_kind", "无法识别"),
    "picture.txt": (_png, "unsupported_kind", "无法识别"),
    "huge.txt": (lambda p: p.write_bytes(b"0\n" * (26 * 1024 * 1024)), "too_large", "过大"),
    "bomb.docx": (_zip_bomb, "zip_bomb", "解压后过大"),
    "entities.docx": (_entities, "corrupt", "损坏"),
    "cut.pdf": (lambda p: p.write_bytes((DATA / "pdf" / "seed000_libreoffice.pdf").read_bytes()[:20000]),
                "corrupt", "损坏"),
    "fake.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(4096)), "corrupt", "损坏"),
    "locked.pdf": (lambda p: shutil.copy(DATA / "pdf" / "encrypted_libreoffice.pdf", p), "encrypted", "密码"),
    "scan.pdf": (_scan, "needs_ocr", "扫描件"),
    "book.pdf": (_many_pages, "too_many_pages", "500 页"),
    "spans.html": (lambda p: p.write_text(
        "<html><body><table>" + ("<tr>" + '<td colspan="100" rowspan="100">x</td>' * 3 + "</tr>") * 3000
        + "</table></body></html>", "utf-8"), "corrupt", "合并单元格"),
}


@pytest.mark.timeout(240)
@pytest.mark.parametrize("name", sorted(CASES))
def test_it_rejects_hostile_input_cleanly_and_reads_the_next_file(tmp_path, name):
    build, code, words = CASES[name]
    path = tmp_path / name
    build(path)
    first, second = _run(path)
    assert first["error"]["code"] == code
    assert words in first["error"]["message"]
    assert first["error"]["detail"]  # the operator's precise message
    assert second["issuer"] == "阿合奇县库兰萨日克乡人民政府"


@pytest.mark.timeout(240)
def test_it_reads_a_legacy_doc_through_libreoffice_or_says_it_cannot(tmp_path):
    doc = tmp_path / "old.doc"
    shutil.copy(DATA / "pdf" / "seed000_libreoffice.doc", doc)
    if shutil.which("soffice") or on_ci():  # on CI LibreOffice is installed: this part must run
        proc = subprocess.run([sys.executable, "-m", "gongkai", "parse", "--json", str(doc)],
                              capture_output=True, text=True, timeout=200)
        got = json.loads(proc.stdout)
        assert got["source"]["kind"] == "doc"
        assert got["applications"]["new"]["total"] == 0
        assert got["proactive"]["fees"]["amount"] == 38.29
    env = dict(os.environ, PATH="/nonexistent")
    proc = subprocess.run([sys.executable, "-m", "gongkai", "parse", "--json", str(doc)],
                          capture_output=True, text=True, timeout=60, env=env)
    got = json.loads(proc.stdout)
    assert got["error"]["code"] == "needs_libreoffice"
    assert "LibreOffice" in got["error"]["message"]
