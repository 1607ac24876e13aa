"""Untrusted files within every size limit, read within the time budget and the memory limit
(issue 13): the reader's child process is killed at the deadline wherever it is, and refused memory
beyond its limit; a path that is not a regular file is refused before anything waits on it;
LibreOffice converts without fetching what a document links to.

The budget in these tests is small (5 s) so that the suite stays quick; durations are printed,
never asserted: the code says how it ended. Peak memory is the child's high-water mark (VmHWM),
which the address-space limit bounds.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from gongkai.report import ReportError, isolate, parse_bytes, parse_file
from gongkai.report.read import legacy
from gongkai.report.source import Limits

from .hostile import SEED, dense_page_pdf, huge_table_docx, long_text

BUDGET = Limits(isolate=True, seconds=5.0)


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _soffice() -> str:
    binary = legacy.soffice()
    if binary is None:
        message = "LibreOffice is not installed (Debian package libreoffice-writer-nogui, scripts/apt-packages.txt)"
        if _on_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return binary


def _read(path: Path, limits: Limits) -> isolate.Outcome:
    outcome = isolate.run(path.read_bytes(), str(path), limits)
    code = outcome.error.code if outcome.error else "read"
    print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MB -> {code} after {outcome.seconds:.1f} s, "
          f"child peak RSS {outcome.peak_rss / 2**20:.0f} MB (limit {limits.memory_bytes / 2**20:.0f} MB)")
    return outcome


# --- the files ------------------------------------------------------------------------------

@pytest.mark.timeout(120)
def test_it_stops_a_one_page_pdf_that_takes_minutes_at_the_deadline(tmp_path):
    # Characters are placed into cells by binary search now, so the page must hold more of them
    # (3 million) than the reader can take out of PDFium within the budget; the address space is
    # generous here so that the time budget, not the memory limit, is what stops it on any machine.
    path = dense_page_pdf(tmp_path / "dense.pdf", lines=3000)
    assert path.stat().st_size < 8 * 1024
    limits = dataclasses.replace(BUDGET, memory_bytes=3 * 1024**3)
    outcome = _read(path, limits)
    assert outcome.error is not None and outcome.error.code == "timeout"
    assert "dense.pdf" in outcome.error.message and "5 秒" in outcome.error.message
    assert outcome.peak_rss <= limits.memory_bytes


@pytest.mark.timeout(120)
def test_it_stops_a_fifty_megabyte_text_at_the_deadline(tmp_path):
    path = long_text(tmp_path / "long.txt")
    assert path.stat().st_size <= BUDGET.max_bytes
    outcome = _read(path, BUDGET)
    assert outcome.error is not None and outcome.error.code == "timeout"
    assert 0 < outcome.peak_rss <= BUDGET.memory_bytes


@pytest.mark.timeout(120)
def test_it_refuses_a_docx_that_needs_gigabytes_within_the_memory_limit(tmp_path):
    path = huge_table_docx(tmp_path / "huge.docx")
    assert path.stat().st_size <= BUDGET.max_bytes
    limits = Limits(isolate=True, seconds=60.0, memory_bytes=512 * 2**20)
    outcome = _read(path, limits)
    assert outcome.error is not None and outcome.error.code == "out_of_memory"
    assert "huge.docx" in outcome.error.message and "512.0 MB" in outcome.error.message
    assert outcome.peak_rss <= limits.memory_bytes


@pytest.mark.timeout(120)
def test_it_reads_a_good_file_in_the_child_as_in_process():
    data = SEED.read_bytes()
    isolated = parse_bytes(data, str(SEED), BUDGET)
    assert isolated == parse_bytes(data, str(SEED))
    assert isolated.issuer == "阿合奇县库兰萨日克乡人民政府"


@pytest.mark.timeout(120)
def test_it_gives_the_childs_error_with_its_code_message_and_detail():
    with pytest.raises(ReportError) as caught:
        parse_bytes(b"%PDF-1.7\n" + os.urandom(2048), "fake.pdf", BUDGET)
    assert caught.value.code == "corrupt"
    assert "fake.pdf" in caught.value.message and "损坏" in caught.value.message
    assert caught.value.detail


@pytest.mark.timeout(180)
def test_the_command_line_reads_files_in_the_bounded_child(tmp_path):
    """The CLI reads with ``UNTRUSTED``: a child killed at the budget is a ``timeout`` line, and the
    next file is read. The budget is the CLI's own (60 s), so a file that takes longer is used."""
    from gongkai.report.source import UNTRUSTED

    assert UNTRUSTED.isolate and UNTRUSTED.memory_bytes <= 2**30
    bomb = huge_table_docx(tmp_path / "huge.docx")
    proc = subprocess.run([sys.executable, "-m", "gongkai", "parse", "--json", str(bomb), str(SEED)],
                          capture_output=True, text=True, timeout=170, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["error"]["code"] == "out_of_memory", first
    assert "1024.0 MB" in first["error"]["message"]
    assert second["issuer"] == "阿合奇县库兰萨日克乡人民政府"


# --- only regular files -----------------------------------------------------------------------------

def _refused(path: Path) -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse_file(str(path))
    return caught.value


@pytest.mark.timeout(30)
def test_it_refuses_a_fifo_at_once_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    error = _refused(fifo)
    assert error.code == "unreadable"
    assert "命名管道" in error.message and "report.txt" in error.message


@pytest.mark.timeout(30)
def test_it_refuses_symlinks_to_a_fifo_and_to_dev_zero_and_a_directory(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "to_pipe.txt").symlink_to(tmp_path / "pipe")
    (tmp_path / "to_zero.txt").symlink_to("/dev/zero")
    (tmp_path / "folder.txt").mkdir()
    assert "命名管道" in _refused(tmp_path / "to_pipe.txt").message
    assert "设备文件" in _refused(tmp_path / "to_zero.txt").message
    assert "文件夹" in _refused(tmp_path / "folder.txt").message


@pytest.mark.timeout(60)
def test_the_command_line_refuses_a_fifo_and_reads_the_next_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "gongkai", "parse", "--json", str(fifo), str(SEED)],
                          capture_output=True, text=True, timeout=50, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["error"]["code"] == "unreadable"
    assert second["issuer"] == "阿合奇县库兰萨日克乡人民政府"


# --- LibreOffice without network ----------------------------------------------------------------------

class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def listening():
    """A local HTTP server that records every request it receives."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.requests
    server.shutdown()
    server.server_close()


def _linking_doc(folder: Path, url: str) -> bytes:
    """A Word 97 .doc, made by LibreOffice from HTML, whose picture is an INCLUDEPICTURE link to ``url``."""
    html = folder / "made.html"
    html.write_text(f'<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p>'
                    f'<p><img src="{url}" width="100" height="50"></p></body></html>', encoding="utf-8")
    subprocess.run([_soffice(), f"-env:UserInstallation={(folder / 'maker').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(html)],
                   capture_output=True, timeout=120, check=True)
    data = (folder / "made.doc").read_bytes()
    assert url.encode() in data  # the link itself is in the file, not the picture
    return data


def _convert_and_count(tmp_path, listening) -> list[str]:
    port, requests = listening
    data = _linking_doc(tmp_path, f"http://127.0.0.1:{port}/picture.png")
    requests.clear()  # making the file may have fetched it; reading it must not
    report = parse_bytes(data, "linked.doc", Limits(seconds=120.0))
    assert report.source.kind == "doc"
    time.sleep(0.5)  # a late fetch would still be counted
    return list(requests)


@pytest.mark.timeout(300)
def test_libreoffice_fetches_nothing_a_legacy_doc_links_to(tmp_path, listening):
    assert legacy.sandbox(), "unshare --net works as root here; without it only the profile protects"
    assert _convert_and_count(tmp_path, listening) == []


@pytest.mark.timeout(300)
def test_libreoffice_fetches_nothing_with_the_offline_profile_alone(tmp_path, listening, monkeypatch):
    """Where no network namespace can be made, the profile still keeps LibreOffice off the network."""
    monkeypatch.setattr(legacy, "sandbox", lambda: ())
    assert _convert_and_count(tmp_path, listening) == []


def test_unshare_comes_with_the_base_system():
    assert shutil.which("unshare"), "util-linux (Essential in Debian) provides unshare"
