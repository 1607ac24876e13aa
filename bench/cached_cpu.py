"""CPU per cached public page: the WSGI application called in process, and one gunicorn sync worker.

Why beside portal_load: at 50 clients on two cores the p50 of a cached page is queueing (50 / rate),
so what the server spends per stored page is the figure to lower, and under wrk it is hidden in the
noise of a shared machine. Here it is CPU time, which other jobs barely change:

- in process: ``gongkai.web.wsgi.application`` called with a gunicorn-like environ, N times per page,
  this process's ``time.process_time`` per request (the token read from the shared cache included);
- gunicorn: one sync worker started as the README starts production (no access log), N sequential
  requests over fresh connections (the sync worker closes each), the worker's utime + stime from
  /proc per request (the client's CPU not counted; /proc counts in clock ticks, hence N/5 requests
  of at least 200).

Seeds the database of BENCH_PG_URL (default gongkai_bench_cpu, dropped and recreated) with a few
thousand published documents; the shared cache is BENCH_CACHE_URL (default Redis db 5, as production
uses Redis; empty: the database cache). Asserts nothing but that every answer is 200.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import subprocess
import sys
import time

from bench.portal_load import free_port, recreate_database, seed, wait_until_up

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/gongkai_bench_cpu"
DEFAULT_CACHE = "redis://127.0.0.1:6379/5"


def environ_for(path: str) -> dict:
    """An environ as gunicorn's sync worker builds it for a browser's GET."""
    path_info, _, query = path.partition("?")
    from urllib.parse import unquote

    return {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": unquote(path_info).encode().decode("latin1"),
        "QUERY_STRING": query, "RAW_URI": path, "SERVER_PROTOCOL": "HTTP/1.1", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000", "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "cached_cpu", "HTTP_ACCEPT": "*/*", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http", "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.file_wrapper": None,
    }


def in_process(pages: list[tuple[str, str]], n: int) -> None:
    from gongkai.web.wsgi import application

    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for label, path in pages:
        for _ in range(3):  # rendered and stored, then warm
            b"".join(application(environ_for(path), start_response))
        statuses.clear()
        t0 = time.process_time()
        for _ in range(n):
            body = application(environ_for(path), start_response)
            b"".join(body)
            getattr(body, "close", lambda: None)()
        cpu = time.process_time() - t0
        assert set(statuses) == {"200 OK"}, set(statuses)
        print(f"  in process  {label:15} {1e6 * cpu / n:7.0f} µs CPU per request ({n} requests)", flush=True)


def process_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(f"/proc/{master}/task/{master}/children") as f:
            children = f.read().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def under_gunicorn(pages: list[tuple[str, str]], n: int, env: dict) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "gongkai.web.wsgi:application", "-w", "1",
                               "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
                              env=env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{pages[0][1]}")
        worker = worker_pid(server.pid)
        for label, path in pages:
            for _ in range(3):
                get(port, path)
            t0 = process_cpu(worker)
            for _ in range(n):
                get(port, path)
            cpu = process_cpu(worker) - t0
            print(f"  gunicorn    {label:15} {1e6 * cpu / n:7.0f} µs CPU per request of the worker ({n} requests)",
                  flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(port: int, path: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    conn.close()
    assert r.status == 200, (r.status, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("-n", type=int, default=5_000, help="requests per page")
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE),
                        help="the shared cache; empty: the database cache")
    parser.add_argument("--no-gunicorn", action="store_true", help="only the in-process figures")
    args = parser.parse_args()
    from bench.machine import print_reference

    url = os.environ.get("BENCH_PG_URL", DEFAULT_PG)
    recreate_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
           "ALLOWED_HOSTS": "127.0.0.1", "CACHE_URL": args.cache_url}
    os.environ.update(env)
    pages, _ = seed(args.documents)
    print_reference()
    print(f"cached pages: {args.documents:,} documents (PostgreSQL), cache {args.cache_url or 'database'}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    in_process(pages, args.n)
    if not args.no_gunicorn:
        under_gunicorn(pages, max(args.n // 5, 200), env)


if __name__ == "__main__":
    main()
