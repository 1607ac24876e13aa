"""CPU per public search, in process: Django's test client over distinct queries on PostgreSQL.

Why a second benchmark beside portal_load: under wrk the figure that matters (CPU per search, Python's
and PostgreSQL's) is hidden in the latency of 50 queued clients on a shared machine. Here every query
is one request through the whole Django stack (middlewares, view, template, page cache on), and the
time is split into this process's CPU (time.process_time) and the PostgreSQL backend's CPU (its
/proc/<pid>/stat, the server being on this machine), with the number of SQL statements per request.

Queries: ``第k项工作`` for random k in [0, 2N) as the wrk script of portal_load asks (half of them find
one title, half nothing), and a few common words every title holds (each found in thousands of documents).
Seeds the database of portal_load (BENCH_PG_URL, default gongkai_bench) with --seed; asserts nothing.
The page cache's token is read from the database's cache table (one SQL statement per request) unless
CACHE_URL names Redis, as in production; the machine's reference loop and the cache are printed first.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from bench.portal_load import DEFAULT_PG, recreate_database, seed


def backend_cpu(pid: int) -> float:
    """Seconds of CPU the PostgreSQL backend ``pid`` has used (utime + stime)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client, connection, path: str, queries: list[str]) -> dict:
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    walls, statements = [], 0
    cpu0, pg0 = time.process_time(), backend_cpu(pid)
    for q in queries:
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            r = client.get(path, {"q": q})
        walls.append(time.perf_counter() - t0)
        statements += len(captured)
        assert r.status_code == 200, r.status_code
    cpu, pg = time.process_time() - cpu0, backend_cpu(pid) - pg0
    n = len(queries)
    walls.sort()
    return {"n": n, "python_ms": 1000 * cpu / n, "pg_ms": 1000 * pg / n, "sql": statements / n,
            "wall_p50_ms": 1000 * statistics.median(walls), "wall_p99_ms": 1000 * walls[int(n * 0.99) - 1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", action="store_true", help="(re)create and seed the database first")
    args = parser.parse_args()
    url = os.environ.get("BENCH_PG_URL", DEFAULT_PG)
    os.environ.update({"DATABASE_URL": url, "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
                       "ALLOWED_HOSTS": "testserver"})
    import django

    if args.seed:
        recreate_database(url)
        seed(args.documents)
    else:
        django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # The page cache's token lives in the database cache unless CACHE_URL names Redis; portal_load,
    # seeding for Redis, leaves the table out (a missing table would be read as a cache that is down).
    call_command("createcachetable", verbosity=0)
    from django.urls import reverse

    path = reverse("portal_search", args=["bench"])
    client = Client()
    rng = random.Random(18)
    client.get(path, {"q": "第1项工作"})  # warm up: templates, URL resolver, connection
    distinct = [f"第{rng.randrange(args.documents * 2)}项工作" for _ in range(args.queries)]
    common = ["通知", "基准县", "工作的通知", "关于第", "有关规定"]
    load = os.getloadavg()
    from django.core.cache import caches

    from bench.machine import print_reference

    print_reference()
    print(f"search_cpu: {args.documents:,} documents, PostgreSQL, {type(caches['default']).__name__} for the"
          f" page cache's token, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for label, queries in (("distinct 第k项工作", distinct), ("common words", common * 4)):
        if label == "common words":  # the same words, each time spelt differently: never from the page cache
            queries = [" ".join([q] * (i // len(common) + 1)) for i, q in enumerate(queries)]
        m = measure(client, connection, path, queries)
        print(f"  {label:18} {m['n']:4} requests: Python {m['python_ms']:5.2f} ms + PostgreSQL {m['pg_ms']:5.2f} ms"
              f" CPU per request, {m['sql']:.1f} SQL statements; wall p50 {m['wall_p50_ms']:.1f} ms,"
              f" p99 {m['wall_p99_ms']:.1f} ms")


if __name__ == "__main__":
    main()
