"""The platform as production runs it, for tests that need real HTTP: gunicorn with several worker
processes and threads, on a temporary SQLite file, the limits' store chosen by the environment.

Why processes: a counter kept in one worker's memory looks right in the Django test client and fails
as soon as a second worker answers; only separate processes show that the store is shared.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
AGENCY = "county"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "-m", "gongkai.web", *args], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@dataclass
class Answer:
    status: int
    body: str

    def json(self):
        return json.loads(self.body)


@dataclass
class Platform:
    base: str
    env: dict
    process: subprocess.Popen
    log: Path

    def request(self, method: str, path: str, data=None, client: str | None = None, json_body=None,
                opener=None, headers=None) -> Answer:
        """One request; ``client`` is the address the trusted proxy (127.0.0.1) forwards for."""
        headers = dict(headers or {})
        body = None
        if json_body is not None:
            body, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if client:
            headers["X-Forwarded-For"] = client
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with (opener or _NO_REDIRECT).open(req, timeout=120) as r:
                return Answer(r.status, r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read().decode("utf-8", "replace"))

    def api(self, path: str, payload: dict, client: str) -> Answer:
        return self.request("POST", f"/zfxxgk/api/agencies/{AGENCY}{path}", json_body=payload, client=client)

    def form(self, path: str, fields: dict, client: str) -> tuple[Answer, urllib.request.OpenerDirector]:
        """GET a public form for its CSRF token, then POST it, as a browser with its own cookies does."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                             _NoRedirect())
        page = self.request("GET", path, client=client, opener=opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        answer = self.request("POST", path, data={**fields, "csrfmiddlewaretoken": token}, client=client,
                              opener=opener, headers={"Referer": self.base + path})
        return answer, opener

    def stored(self, code: str) -> str:
        """Run Python against the server's database (``print`` what the test should read)."""
        out = subprocess.run([PYTHON, "-m", "gongkai.web", "shell", "--verbosity", "0", "-c", code], env=self.env,
                             cwd=ROOT, check=True, capture_output=True, text=True)
        return out.stdout

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_NO_REDIRECT = urllib.request.build_opener(_NoRedirect())


def start(tmp: Path, extra_env: dict | None = None, workers: int = 2, threads: int = 4) -> Platform:
    """Migrate a fresh SQLite file, create the county's agency, and serve it with gunicorn."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL")}
    env.update({"DATABASE_URL": f"sqlite:///{tmp / 'gongkai.sqlite3'}", "GONGKAI_VAR": str(tmp),
                "MEDIA_ROOT": str(tmp / "media"), "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
                "PYTHONPATH": str(ROOT / "src"), **(extra_env or {})})
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "shell", "-c", "from gongkai.web.agencies.models import Agency; "
            f"Agency.objects.create(code='{AGENCY}', name='示范县人民政府办公室', level='government')")
    port = free_port()
    log = tmp / "gunicorn.log"
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "gongkai.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--timeout", "120",
         "--forwarded-allow-ips", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    platform = Platform(f"http://127.0.0.1:{port}", env, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited {process.returncode}:\n{platform.output()[-3000:]}")
        try:
            if platform.request("GET", f"/zfxxgk/{AGENCY}/").status == 200:
                return platform
        except OSError:
            pass
        time.sleep(0.3)
    stop(platform)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{platform.output()[-3000:]}")


def stop(platform: Platform) -> None:
    try:
        os.killpg(platform.process.pid, signal.SIGTERM)
        platform.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(platform.process.pid, signal.SIGKILL)
        platform.process.wait()
    except ProcessLookupError:
        pass
