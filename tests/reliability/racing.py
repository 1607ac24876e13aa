"""The platform under gunicorn on its own scratch database, and staff who use it over HTTP, for the race
and kill tests.

Why a server and not the test client: a lost update needs two requests in two processes with two
database connections, as production has them; and a half-written change needs a worker that can be
killed. The database is PostgreSQL when ``DATABASE_URL`` names one (a scratch database on that
server, dropped afterwards), else a SQLite file in the test's folder. What the server stored is read
by ``race_fixtures`` in a child process on the same database.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
STALE = "此记录刚被他人修改，请刷新后重试"
PASSWORD = "race-Password-2025"


def backend_url(tmp: Path) -> tuple[str, str, callable]:
    """(name, DATABASE_URL, drop) of a new empty database on the backend the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "sqlite", f"sqlite:///{tmp / 'race.sqlite3'}", lambda: None
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"gongkai_race_{uuid.uuid4().hex[:10]}"
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return "postgresql", parts._replace(path=f"/{name}").geturl(), drop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Site:
    backend: str
    base: str
    env: dict
    process: subprocess.Popen | None
    log: Path

    def fixtures(self, command: str, payload=None):
        """Run ``race_fixtures <command>`` on the server's database; its JSON answer."""
        out = subprocess.run([PYTHON, "-m", "tests.reliability.race_fixtures", command],
                             input=json.dumps(payload), env=self.env, cwd=ROOT, check=True,
                             capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace") if self.log.exists() else ""


def prepare(tmp: Path, extra_env: dict | None = None) -> tuple[Site, callable]:
    """A migrated scratch database and the environment to serve it; (site, drop)."""
    backend, url, drop = backend_url(tmp)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GONGKAI_STALL")}
    env.update({"DATABASE_URL": url, "GONGKAI_VAR": str(tmp), "MEDIA_ROOT": str(tmp / "media"),
                "GONGKAI_TODAY": "2025-03-10", "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT),
                "DJANGO_SETTINGS_MODULE": "gongkai.web.settings", **(extra_env or {})})
    for args in (("migrate", "--noinput"), ("createcachetable",)):
        subprocess.run([PYTHON, "-m", "gongkai.web", *args], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return Site(backend, "", env, None, tmp / "gunicorn.log"), drop


def serve(site: Site, workers: int = 4) -> Site:
    port = free_port()
    site.base = f"http://127.0.0.1:{port}"
    site.process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "gongkai.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "120"],
        cwd=ROOT, env=site.env, stdout=site.log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited {site.process.returncode}:\n{site.output()[-3000:]}")
        try:
            with urllib.request.urlopen(site.base + "/login/", timeout=5) as r:
                if r.status == 200:
                    return site
        except OSError:
            time.sleep(0.3)
    stop(site)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{site.output()[-3000:]}")


def stop(site: Site) -> None:
    if site.process is None:
        return
    try:
        os.killpg(site.process.pid, signal.SIGTERM)
        site.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(site.process.pid, signal.SIGKILL)
        site.process.wait()
    except ProcessLookupError:
        pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str

    @property
    def stale(self) -> bool:
        return self.status == 409 and STALE in self.body


class Staff:
    """One person in one browser: own cookies, logged in once, reads pages and posts their forms."""

    def __init__(self, site: Site, username: str):
        self.site = site
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())
        page = self.get("/login/")
        answer = self.post("/login/", {"username": username, "password": PASSWORD}, page)
        assert answer.status == 302, f"login of {username} failed: {answer.status}"

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=120) as r:
                return Answer(r.status, r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.site.base + path))

    def post(self, path: str, fields: dict, page: Answer, files: dict | None = None) -> Answer:
        """Submit a form of ``page``: its CSRF token and the version it showed (``seen``) go along."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        data = {"csrfmiddlewaretoken": token, **fields}
        seen = re.search(r'name="seen" value="([^"]*)"', page.body)
        if seen and "seen" not in fields:
            data["seen"] = seen.group(1)
        headers = {"Referer": self.site.base + path}
        if files:
            body, headers["Content-Type"] = _multipart(data, files)
        else:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self._open(urllib.request.Request(self.site.base + path, data=body, headers=headers, method="POST"))


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        quoted = urllib.parse.quote(filename)
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{quoted}"; '
                   f"filename*=UTF-8''{quoted}\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
                   + content + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"
