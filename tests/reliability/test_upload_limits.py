"""A 300 MB body declared to the real server (gunicorn, production settings) is refused at once with a
Chinese 413, and nothing of it reaches the disk: neither MEDIA_ROOT nor the folder Django spools uploads to.

The client sends the headers and a few bytes only: a server that read the body before refusing it
would sit waiting for the other 300 MB, which the timeout below turns into a failure.
"""

from __future__ import annotations

import socket
import time

import pytest

from .servers import files_under

DECLARED = 300 * 1024 * 1024


def _declare(port: int, path: str, content_type: str, extra: str = "") -> tuple[str, float]:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {DECLARED}\r\nX-Forwarded-Proto: https\r\n{extra}\r\n")
        part = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        sock.sendall(head.encode("ascii") + part)
        sock.sendall(b"%PDF" + b"\0" * 4096)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                pytest.fail("no answer within 15 s: the server is reading the 300 MB body")
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace"), time.monotonic() - started


@pytest.mark.parametrize(("path", "content_type", "expected"), [
    ("/zfxxgk/county/apply/", "multipart/form-data; boundary=x", "提交的内容过大"),
    ("/county/applications/COUNTY-2025-00001/attach/", "multipart/form-data; boundary=x", "提交的内容过大"),
    ("/zfxxgk/api/agencies/county/messages", "application/json", '"code": "too_large"'),
])
def test_a_300_mb_body_is_refused_before_it_is_read(production_site, path, content_type, expected):
    response, seconds = _declare(production_site.gunicorn_port, path, content_type)
    status = response.split("\r\n", 1)[0]
    assert status.startswith("HTTP/1.1 413"), response[:500]
    assert expected in response
    print(f"\n{path}: 413 after {seconds * 1000:.0f} ms for {DECLARED // 2**20} MB declared")
    assert files_under(production_site.media) == []
    assert files_under(production_site.temp) == []
