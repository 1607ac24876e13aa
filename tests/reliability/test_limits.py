"""The limits under real load: gunicorn with two worker processes and threads, on a temporary SQLite
file, the counters in real Redis and in the database (the embedded default), parallel requests.

What is measured: how many of N parallel guesses of a lookup code were checked (must be at most the
limit, because each is counted before the check), how many requests each limit refused, and that 20
citizens filing at the same moment on SQLite all succeed. The figures are printed (run with -s).
"""

from __future__ import annotations

import itertools
import os
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from gongkai.web.portal import messages as M

from . import served

REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# Lower than the defaults (10, 30, 10, 20): every checked guess and every application costs a password hash.
PER_CLIENT, PER_NUMBER, APPLICATIONS, MESSAGES = 4, 8, 3, 5
LIMITS = {"GONGKAI_LOOKUP_FAILURES_PER_CLIENT": PER_CLIENT, "GONGKAI_LOOKUP_FAILURES_PER_NUMBER": PER_NUMBER,
          "GONGKAI_APPLICATIONS_PER_DAY": APPLICATIONS, "GONGKAI_MESSAGES_PER_DAY": MESSAGES}
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "欧阳素娥", "id_number": "11010519491231002X",
             "phone": "13912345678", "address": "示范县幸福路88号", "email": "suoe@example.com",
             "description": "2024年示范县老旧小区改造项目的资金分配方案", "delivery": "email"}
_addresses = (f"10.77.{n // 250}.{n % 250 + 1}" for n in itertools.count())
_lock = threading.Lock()


def address() -> str:
    """A client address of its own for each use, so that the tests sharing a server never share a counter."""
    with _lock:
        return next(_addresses)


def require_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"Redis is not answering at {REDIS_URL} ({exc}); `make test` starts it (scripts/redis.sh)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(message + " (CI must not skip this test)", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """One platform per store, started on first use and stopped at the end of the module."""
    started: dict[str, served.Platform] = {}

    def get(store: str) -> served.Platform:
        if store not in started:
            # A prefix of this run's own: counters of earlier runs in the same Redis are never read.
            env = {"CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}", **{k: str(v) for k, v in LIMITS.items()}}
            if store == "redis":
                require_redis()
                env["CACHE_URL"] = REDIS_URL
            started[store] = served.start(tmp_path_factory.mktemp(store), env)
        return started[store]

    yield get
    for platform in started.values():
        served.stop(platform)


@pytest.fixture(params=["redis", "database"])
def platform(request, servers) -> served.Platform:
    return servers(request.param)


def parallel(n: int, call) -> list[served.Answer]:
    """``call(i)`` for i in 0..n-1, all released at once."""
    gate = threading.Barrier(n)

    def run(i):
        gate.wait()
        return call(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def statuses(answers) -> dict[int, int]:
    out: dict[int, int] = {}
    for a in answers:
        out[a.status] = out.get(a.status, 0) + 1
    return out


def file(platform, client=None, **fields) -> dict:
    answer = platform.api("/applications", {**APPLICANT, **fields}, client or address())
    assert answer.status == 201, answer.body
    return answer.json()


def guess(platform, number, client, code="AAAAAAAA"):
    return platform.api("/status", {"number": number, "code": code}, client)


def test_parallel_guesses_from_one_client_are_checked_at_most_the_limit(platform):
    number = file(platform)["number"]
    who = address()
    answers = parallel(30, lambda i: guess(platform, number, who))
    counts = statuses(answers)
    print(f"\n[{platform.env.get('CACHE_URL', 'database')}] 30 parallel guesses from one client: "
          f"{counts.get(404, 0)} checked, {counts.get(429, 0)} refused")
    assert set(counts) <= {404, 429}, counts
    assert counts.get(404, 0) <= PER_CLIENT
    assert counts.get(429, 0) >= 30 - PER_CLIENT
    refused = [a.json()["error"] for a in answers if a.status == 429]
    assert {(e["code"], e["message"]) for e in refused} == {("too_many_attempts", M.LOOKUP_LIMITED_CLIENT)}


def test_parallel_guesses_on_one_number_from_many_clients_are_checked_at_most_its_limit(platform):
    number = file(platform)["number"]
    clients = [address() for _ in range(30)]
    answers = parallel(30, lambda i: guess(platform, number, clients[i]))
    counts = statuses(answers)
    print(f"\n[{platform.env.get('CACHE_URL', 'database')}] 30 parallel guesses on one number from 30 clients: "
          f"{counts.get(404, 0)} checked, {counts.get(429, 0)} refused")
    assert set(counts) <= {404, 429}, counts
    assert counts.get(404, 0) <= PER_NUMBER
    assert counts.get(429, 0) >= 30 - PER_NUMBER
    assert {a.json()["error"]["message"] for a in answers if a.status == 429} == {M.LOOKUP_LIMITED_NUMBER}


def test_one_persons_typos_lock_out_only_that_person(platform):
    mine, theirs = file(platform), file(platform)
    typist = address()
    for _ in range(PER_CLIENT):
        assert guess(platform, mine["number"], typist).status == 404
    refused = guess(platform, mine["number"], typist, mine["code"])  # even the right code, from the typist
    assert refused.status == 429 and refused.json()["error"]["message"] == M.LOOKUP_LIMITED_CLIENT
    # The applicant from another address, and another applicant: both answered.
    for app in (mine, theirs):
        answer = guess(platform, app["number"], address(), app["code"])
        assert answer.status == 200, answer.body
        assert answer.json()["number"] == app["number"]
    # Behind the proxy: the forwarded address counts, not the proxy's own (all requests come from 127.0.0.1).
    assert guess(platform, theirs["number"], address(), theirs["code"]).status == 200


def test_applications_over_the_daily_quota_are_refused_on_the_api_and_the_page(platform):
    who = address()
    name = f"配额{uuid.uuid4().hex[:6]}"
    answers = parallel(10, lambda i: platform.api("/applications", {**APPLICANT, "applicant_name": name}, who))
    counts = statuses(answers)
    print(f"\n[{platform.env.get('CACHE_URL', 'database')}] 10 parallel applications from one client: "
          f"{counts.get(201, 0)} accepted, {counts.get(429, 0)} refused")
    assert counts == {201: APPLICATIONS, 429: 10 - APPLICATIONS}
    error = next(a.json()["error"] for a in answers if a.status == 429)
    assert error == {"code": "too_many_applications", "message": M.APPLICATIONS_LIMITED.format(allowed=APPLICATIONS)}
    page, _ = platform.form(f"/zfxxgk/{served.AGENCY}/apply/", {**APPLICANT, "applicant_name": name}, who)
    assert page.status == 429
    assert M.APPLICATIONS_LIMITED.format(allowed=APPLICATIONS) in page.body
    stored = platform.stored("from gongkai.web.applications.models import Application; "
                             f"print(Application.objects.filter(applicant_name='{name}').count())")
    assert int(stored) == APPLICATIONS  # the refused ones were never registered
    assert platform.api("/applications", {**APPLICANT, "applicant_name": name}, address()).status == 201


def test_messages_over_the_daily_quota_are_refused_on_the_api_and_the_page(platform):
    who = address()
    answers = parallel(15, lambda i: platform.api("/messages", {"subject": "建议", "body": f"第{i}条"}, who))
    counts = statuses(answers)
    print(f"\n[{platform.env.get('CACHE_URL', 'database')}] 15 parallel messages from one client: "
          f"{counts.get(201, 0)} accepted, {counts.get(429, 0)} refused")
    assert counts == {201: MESSAGES, 429: 15 - MESSAGES}
    error = next(a.json()["error"] for a in answers if a.status == 429)
    assert error == {"code": "too_many_messages", "message": M.MESSAGES_LIMITED.format(allowed=MESSAGES)}
    page, _ = platform.form(f"/zfxxgk/{served.AGENCY}/mailbox/", {"subject": "建议", "body": "再来一条"}, who)
    assert page.status == 429 and M.MESSAGES_LIMITED.format(allowed=MESSAGES) in page.body


def test_twenty_parallel_online_applications_on_embedded_sqlite_all_succeed(servers):
    """The embedded default (SQLite in WAL with IMMEDIATE transactions, the database cache): 20 citizens
    submit the online form at the same moment; each gets its own tracking number, none a 500."""
    platform = servers("database")
    name = f"并发{uuid.uuid4().hex[:6]}"
    clients = [address() for _ in range(20)]
    gate = threading.Barrier(20)

    def submit(i):
        gate.wait()
        answer, opener = platform.form(f"/zfxxgk/{served.AGENCY}/apply/", {**APPLICANT, "applicant_name": name},
                                       clients[i])
        receipt = platform.request("GET", f"/zfxxgk/{served.AGENCY}/apply/done/", client=clients[i], opener=opener)
        return answer, receipt

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(submit, range(20)))
    codes = [answer.status for answer, _ in results]
    numbers = [m.group(0) for _, receipt in results if (m := re.search(r"COUNTY-\d{4}-\d{5}", receipt.body))]
    print(f"\n[embedded SQLite] 20 parallel online applications: {codes.count(302)} succeeded, "
          f"{len(set(numbers))} distinct tracking numbers")
    assert codes == [302] * 20, codes
    assert len(set(numbers)) == 20, numbers
    stored = platform.stored("from gongkai.web.applications.models import Application; "
                             f"print(*Application.objects.filter(applicant_name='{name}')"
                             ".values_list('number', flat=True))").split()
    assert sorted(stored) == sorted(numbers)
    assert "database is locked" not in platform.output()
