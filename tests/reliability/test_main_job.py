"""The README's run command on a fresh clone: migrate, seed, serve, answer.

Why a clone: the working tree of a developer always has var/, caches and a database; only a clone
shows what a newcomer gets. The clone borrows this checkout's virtual environment (same
pyproject.toml, so setup finds nothing to do) to keep the test to seconds rather than a reinstall,
with the clone's own source first on the path; everything else it needs the clone must make for itself.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture
def fresh_clone(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.fail("the main-job test needs the git checkout it runs in")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--local", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    # Borrowed only if the clone would find nothing to install: else its setup would install the
    # clone's code into this checkout's environment, and leave it pointing at a deleted folder.
    made_from = (ROOT / ".venv" / ".gongkai-setup").read_text().strip()
    wanted = subprocess.run(["bash", "scripts/setup.sh", "--stamp"], cwd=clone, check=True, capture_output=True,
                            text=True).stdout.strip()
    if wanted != made_from:
        pytest.fail("the committed pyproject.toml, scripts/setup.sh or C sources differ from those .venv/ was "
                    "made from: commit them (and run make setup) before this test")
    (clone / ".venv").symlink_to(ROOT / ".venv")
    assert not (clone / "var").exists()
    return clone


def test_it_starts_the_platform_on_a_fresh_clone(fresh_clone):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GONGKAI_VAR", "MEDIA_ROOT")}
    # The borrowed environment's editable install points at this checkout: put the clone's code first.
    env["PYTHONPATH"] = str(fresh_clone / "src")
    log = (fresh_clone / "run.log").open("wb")
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"], cwd=fresh_clone, env=env, stdin=subprocess.DEVNULL,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        login = portal = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and server.poll() is None:
            try:
                login = _get(f"http://127.0.0.1:{port}/login/")
                portal = _get(f"http://127.0.0.1:{port}/zfxxgk/")
                break
            except OSError:
                time.sleep(1)
        output = (fresh_clone / "run.log").read_text("utf-8", "replace")
        assert login is not None, f"make run never answered (exit {server.poll()}):\n{output[-3000:]}"
        assert login[0] == 200 and "登录" in login[1]
        assert portal[0] == 200 and "政府信息公开" in portal[1]
        # The demo county was seeded into the clone's own var/, and the logins were printed.
        assert (fresh_clone / "var" / "gongkai.sqlite3").is_file()
        assert "gongkai-demo" in output
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
