"""Benchmark: one county with 100,000 applications; time to assemble an annual report and to list overdue.

Seeds a fresh database (a temporary SQLite file, or BENCH_DATABASE_URL, e.g. a PostgreSQL database
that may be dropped) with bulk_create, then times the two questions staff ask most: "what does our
annual report say" (sections 二–四 from the records, plus validation) and "which applications are
overdue". Run with `make bench`. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(n: int, year: int, today: dt.date) -> object:
    from gongkai.clock import answer_deadline
    from gongkai.web.agencies.models import Agency
    from gongkai.web.applications.models import Application
    from gongkai.web.applications.outcomes import OUTCOME_KEYS

    agency = Agency.objects.create(name="基准县人民政府", code="bench", level="government")
    rng = random.Random(7)
    types = ["natural_person"] * 14 + ["commercial", "research", "social_welfare", "legal_service", "other_org"]
    start = dt.date(year - 1, 1, 1)
    days = (today - start).days
    due_cache: dict[dt.date, dt.date] = {}
    batch = []
    for i in range(n):
        received = start + dt.timedelta(days=rng.randint(0, days))
        if received not in due_cache:
            due_cache[received] = answer_deadline(received).due
        due = due_cache[received]
        replied = received + dt.timedelta(days=rng.randint(5, 40))
        open_ = replied > today or rng.random() < 0.01
        batch.append(Application(
            agency=agency, number=f"BENCH-{i:07d}", channel="online", received_on=received,
            applicant_type=rng.choice(types), applicant_name="某", description="基准测试",
            state="processing" if open_ else "archived", outcome="" if open_ else rng.choice(OUTCOME_KEYS),
            replied_on=None if open_ else replied, due_on=due if open_ else None))
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    return agency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
    setup_django(url)
    from gongkai.web.applications.models import OPEN_STATES, Application
    from gongkai.web.reports import assemble

    year, today = 2025, dt.date(2026, 3, 2)
    t0 = time.perf_counter()
    agency = seed(args.applications, year, today)
    seeded = time.perf_counter() - t0
    engine = url.split(":", 1)[0]
    print(f"platform ({engine}): seeded {args.applications:,} applications in {seeded:.1f} s")
    best_report = best_overdue = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        report = assemble.assemble(agency, year)
        found = assemble.findings(agency, year, report)
        best_report = min(best_report, time.perf_counter() - t0)
        t0 = time.perf_counter()
        overdue = list(Application.objects.filter(agency=agency, state__in=OPEN_STATES, due_on__lt=today)
                       .order_by("due_on").values_list("number", "due_on"))
        best_overdue = min(best_overdue, time.perf_counter() - t0)
    total = report.applications.value("total", "total")
    print(f"  assemble {year} annual report + validate: {best_report * 1000:.0f} ms "
          f"(new {report.applications.value('new', 'total'):,}, decided {total:,}, {len(found)} findings)")
    print(f"  list overdue applications: {best_overdue * 1000:.0f} ms ({len(overdue):,} overdue on {today})")
    tmp.cleanup()


if __name__ == "__main__":
    main()
