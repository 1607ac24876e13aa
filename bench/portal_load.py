"""Load benchmark of the public portal on the production setup: gunicorn + PostgreSQL, 50 clients.

Seeds a throw-away PostgreSQL database (BENCH_PG_URL, default the local server's gongkai_bench,
dropped and recreated) with one county agency and N published documents, starts gunicorn as the
README starts production (DEBUG off, sync workers, no access log) with Redis as the shared cache
as in production (BENCH_CACHE_URL, default redis://127.0.0.1:6379/3; set it empty for the database
cache of the embedded setup), then drives the catalogue (first and 50th page), one item page, a
search and the agency home with wrk (Debian's package; 50 connections, 2 threads, fixed duration)
from the same 2-core machine, on the loopback address only. Prints requests per second and p50/p99
latency; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import quote, urlencode

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
DEFAULT_CACHE = "redis://127.0.0.1:6379/3"  # scripts/redis.sh starts it (make bench)


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(n: int) -> list[tuple[str, str]]:
    """One agency with ``n`` published documents over 6 categories; returns the pages to load (label, path)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse

    from gongkai.web.agencies.models import Agency
    from gongkai.web.disclosures.models import Category, Document

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the page cache's version token and the limits' counters
    agency = Agency.objects.create(name="基准县人民政府", code="bench", level="government")
    user = get_user_model().objects.create_user("bench")
    cats = [Category.objects.create(agency=agency, name=name, order=i) for i, name in
            enumerate(("机构职能", "法规文件", "规划计划", "财政信息", "行政执法", "其他"))]
    start = dt.date(2020, 1, 1)
    docs = []
    for i in range(n):
        day = start + dt.timedelta(days=i % 2000)
        title = f"基准县关于第{i}项工作的通知"
        body = "根据有关规定，现将有关事项通知如下。" * 20
        docs.append(Document(
            agency=agency, index_number=f"BENCH/{day.year}-{i:06d}", title=title, body=body, made_on=day,
            category=cats[i % len(cats)], public_category=cats[i % len(cats)], public_channels="on_website",
            state="published", drafted_by=user, version=1, public_version=1,
            public_title=title, public_body=body, published_on=day, first_published_on=day))
    Document.objects.bulk_create(docs, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics and visibility map, as autovacuum keeps them live
        cursor.execute("VACUUM ANALYZE")
    middle = Document.objects.order_by("id")[n // 2]
    index_all()
    catalogue = reverse("portal_catalogue", args=[agency.code])
    item = reverse("portal_document", args=[agency.code, middle.index_number])
    query = urlencode({"q": f"第{n // 2}项工作"})
    return [("catalogue", catalogue), ("catalogue p.50", catalogue + "?page=50"), ("item page", item),
            ("search", reverse("portal_search", args=[agency.code]) + "?" + query),
            ("agency home", reverse("portal_agency", args=[agency.code]))], reverse("portal_search", args=[agency.code])


def index_all() -> None:
    """Every document in the search index, as search.index would write it, in one COPY (index() per
    document would take minutes): the distinct-query search runs against the whole catalogue's terms."""
    from django.db import connection

    from gongkai.web.disclosures import search
    from gongkai.web.disclosures.models import Document, SearchTerm, TermCount

    table = SearchTerm._meta.db_table
    documents = list(Document.objects.only("id", "public_title", "public_doc_number", "index_number", "public_body"))
    # The documents are read first: COPY holds the connection.
    with (connection.cursor() as cursor,
          cursor.connection.cursor().copy(f"COPY {table} (document_id, term, in_title) FROM STDIN") as copy):
        for doc in documents:
            head = f"{doc.public_title} {doc.public_doc_number} {doc.index_number}"
            title = set(search.terms(head))
            for term in search.terms(f"{head} {doc.public_body}"):
                copy.write_row((doc.id, term, term in title))
    search.count_all()  # the term counts index() would have kept
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}, {TermCount._meta.db_table}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> str:
    extra = ["-s", script] if script else []
    return subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
                          capture_output=True, text=True, check=True, timeout=seconds + 60).stdout


def distinct_queries_script(search_path: str, documents: int, folder: str) -> str:
    """A wrk script asking a different query each time (第k项工作 for a random k: one title among all,
    and terms every document holds), so that nearly every search misses the page cache."""
    path = os.path.join(folder, "search.lua")
    prefix = search_path + "?q=" + quote("第")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""
local counter = 0
request = function()
  counter = counter + 1
  local k = (counter * 7919 + math.random(0, 1000000)) % {documents * 2}
  return wrk.format("GET", "{prefix}" .. k .. "{quote("项工作")}")
end
""")
    return path


def load_average() -> str:
    """The machine's 1/5/15-minute load: a shared machine's other jobs change every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(out: str) -> str:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    text = (f"{float(rps.group(1)):8.0f} req/s   p50 {p50.group(1):>8}   p99 {p99.group(1):>8}"
            if rps and p50 and p99 else out)
    if errors:
        text += f"   non-2xx: {errors.group(1)}"
    if socket_errors:
        text += f"   socket errors: {socket_errors.group(1)}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--worker-class", default="sync", help="gunicorn's worker class (sync, gthread)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE),
                        help=f"the shared cache (default {DEFAULT_CACHE}, as production uses Redis); "
                             "empty: the database cache")
    parser.add_argument("--only", default="",
                        help="comma-separated pages to load, of: catalogue, 'catalogue p.50', 'item page', search, "
                             "'agency home', distinct (the search asking a different query each time); default all")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if shutil.which("wrk") is None:
        sys.exit("portal_load: wrk is not installed (Debian package wrk; make setup installs it)")
    url = os.environ.get("BENCH_PG_URL", DEFAULT_PG)
    recreate_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
           "ALLOWED_HOSTS": "127.0.0.1", "CACHE_URL": args.cache_url}
    os.environ.update(env)
    t0 = time.perf_counter()
    pages, search_path = seed(args.documents)
    cache_used = f"Redis {args.cache_url}" if args.cache_url else "the database table"
    print(f"portal load: {args.documents:,} published documents seeded in {time.perf_counter() - t0:.1f} s "
          f"(PostgreSQL); gunicorn {args.workers} {args.worker_class} workers × {args.threads} threads, "
          f"shared cache {cache_used}; wrk 2 threads, {args.connections} connections, "
          f"{args.seconds} s per page, same machine ({os.cpu_count()} cores), load average {load_average()}")
    port = free_port()
    # The README's production command, so no access log: gunicorn's, even to /dev/null, formats a line
    # per request, CPU that production does not spend.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.web.wsgi:application", "-w", str(args.workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "-k", args.worker_class,
         "--threads", str(args.threads)], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + pages[0][1])
        for label, path in pages:
            if only and label not in only:
                continue
            wrk(base + path, 3, args.connections)  # warm up: connections, template caches
            print(f"  {label:15} {summary(wrk(base + path, args.seconds, args.connections))}")
        if only and "distinct" not in only:
            return
        with tempfile.TemporaryDirectory() as folder:
            script = distinct_queries_script(search_path, args.documents, folder)
            wrk(base + search_path, 3, args.connections, script)
            out = wrk(base + search_path, args.seconds, args.connections, script)
            print(f"  {'search, distinct':15} {summary(out)}")
    finally:
        print(f"  load average after the runs: {load_average()}")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # workers still busy on a loaded machine
            server.kill()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
