"""Racing pairs over HTTP: two people submit, at the same moment, forms made from the same page.

For every state change of the platform (each step of an application, each step of a document, the
report's text and its publication, an appeal's result) N rounds start from a fresh row: both people
load the page, then post at once into a gunicorn with several workers (each request in its own
process, with its own database connection). Every change holds its row lock a moment longer
(``GONGKAI_STALL=locked:…``), so the second request surely arrives while the first one holds it.

Exactly one wins (302) and the other gets 409 with "此记录刚被他人修改，请刷新后重试"; the stored row
shows the winner's change and nothing of the loser's; the audit trail has exactly one entry for the
winner's change and none for the loser's. Two uploads to one case both win, each with its own file,
row and audit entry. A round that breaks any of this is a lost update; there must be none.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from . import racing

ROUNDS = int(os.environ.get("GONGKAI_RACE_ROUNDS", "10"))
HOLD = "0.05"  # seconds each change keeps its row lock, so that the racing request waits for it


def app_page(n):
    return reverse("application", args=["county", n])


def act(key):
    return lambda n: reverse("act", args=["county", n, key])


def doc_page(pk):
    return reverse("document", args=["county", pk])


def doc_url(name):
    return lambda pk: reverse(name, args=["county", pk])


@dataclass(frozen=True)
class Move:
    who: str
    page: Callable
    post: Callable
    fields: Callable  # (ids) -> form fields
    audit: str  # the audit action this move writes when it wins
    effect: Callable  # (stored record) -> whether the row shows this move's change
    files: dict | None = None


@dataclass(frozen=True)
class Pair:
    name: str
    kind: str  # apps, docs, reports, appeals
    state: str
    left: Move
    right: Move
    both_win: bool = False
    year: int = 0
    # The left move may also win first and the right one after it (e.g. a file added to a draft, then the
    # draft submitted with it): both stored, each audited once, is then no lost update either.
    left_then_right: bool = False


def audited(rec, action, reason_part=""):
    return [e for e in rec["audit"] if e[0] == action and reason_part in e[1]]


# --- applications -------------------------------------------------------------------------------

def decide(who, outcome):
    return Move(who, app_page, act("decide"), lambda ids: {
        "decide-outcome": outcome, "decide-legal_basis": "", "decide-reply_text": "",
        "decide-replied_on": "2025-03-07", "decide-reason": ""},
        "decide", lambda r: r["row"]["state"] == "reply" and r["row"]["outcome"] == outcome)


def extend(who):
    return Move(who, app_page, act("extend"), lambda ids: {"extend-days": "10", "extend-decided_on": "2025-03-06",
                                                           "extend-notified_on": "2025-03-06",
                                                           "extend-reason": "需要调取档案"},
                "extend", lambda r: r["row"]["extension_days"] == 10)


def delay(who):
    return Move(who, app_page, act("delay"), lambda ids: {"delay-days": "30", "delay-reason": "申请数量明显过多"},
                "delay", lambda r: r["row"]["delayed_days"] == 30)


def pause_start(who, kind):
    return Move(who, app_page, act("pause_start"), lambda ids: {
        "pause_start-kind": kind, "pause_start-party": "示范公司", "pause_start-start": "2025-03-05",
        "pause_start-reason": ""},
        "pause_start", lambda r: [kind, "2025-03-05", None] in r["pauses"])


def pause_end(who):
    return Move(who, app_page, act("pause_end"), lambda ids: {"pause_end-end": "2025-03-06", "pause_end-agreed": "yes",
                                                              "pause_end-reason": ""},
                "pause_end", lambda r: any(p[2] == "2025-03-06" for p in r["pauses"]))


def fee_notice(who):
    return Move(who, app_page, act("fee_notice"), lambda ids: {
        "fee_notice-scale": "per_page", "fee_notice-quantity": "150", "fee_notice-notice_on": "2025-03-05",
        "fee_notice-reason": ""}, "fee_notice", lambda r: r["row"]["fee_notice_on"] == "2025-03-05")


def accept(who):
    return Move(who, app_page, act("accept"), lambda ids: {"accept-handler": ids["users"][who], "accept-reason": ""},
                "accept", lambda r: r["row"]["state"] == "processing")


def correction(who):
    return Move(who, app_page, act("correction"), lambda ids: {
        "correction-requested_on": "2025-03-05", "correction-period_until": "2025-03-20",
        "correction-note": "请明确时间范围", "correction-reason": ""},
        "correction", lambda r: r["row"]["correction_requested_on"] == "2025-03-05")


def submit_app(who):
    return Move(who, app_page, act("submit"), lambda ids: {"submit-reason": f"{who}提交审核"},
                "submit", lambda r: r["row"]["state"] == "review" and audited(r, "submit", f"{who}提交"))


def archive(who, day):
    return Move(who, app_page, act("archive"), lambda ids: {"archive-archived_on": day, "archive-reason": ""},
                "archive", lambda r: r["row"]["archived_on"] == day)


def manual_due(who, day):
    return Move(who, app_page, act("manual_due"), lambda ids: {
        "manual_due-due_on": day, "manual_due-reason": "参照往年春节放假安排估算"},
        "manual_due", lambda r: r["row"]["manual_due_on"] == day)


def attach_app(who):
    return Move(who, app_page, lambda n: reverse("attach", args=["county", n]), lambda ids: {"kind": "delivery"},
                "attach", lambda r: len(r["attachments"]) == 2,
                files={"file": ("receipt.pdf", b"%PDF-1.4 " + who.encode())})


# --- documents ----------------------------------------------------------------------------------

def doc_fields(title, ids, published, reason=""):
    fields = {"title": title, "doc_number": "", "made_on": "2025-03-03", "body": f"{title}的正文。",
              "category": ids["category"], "article20": "", "kind": "other", "on_website": "on", "reason": reason}
    if not published:
        fields["attribute"] = "proactive"
    return fields


def edit(who, title, published=False):
    return Move(who, doc_url("document_edit"), doc_url("document_edit"),
                lambda ids: doc_fields(title, ids, published, "修订文字" if published else ""),
                "edit", lambda r: r["row"]["title"] == title)


def withdraw(who):
    return Move(who, doc_page, doc_url("document_withdraw"), lambda ids: {"withdraw-reason": f"{who}撤回：已过时效"},
                "withdraw", lambda r: r["row"]["withdrawn_on"] is not None
                and r["row"]["withdrawn_reason"] == f"{who}撤回：已过时效")


def submit_doc(who):
    return Move(who, doc_page, doc_url("document_submit"), lambda ids: {"submit-reason": f"{who}送审"},
                "submit", lambda r: r["row"]["state"] == "first_review")


def approve(who, audit, state_after):
    return Move(who, doc_page, doc_url("document_approve"),
                lambda ids: {"approve-comment": f"{who}同意", "approve-secrecy_cleared": "on"},
                audit, lambda r: r["row"]["state"] == state_after and audited(r, audit, f"{who}同意"))


def send_back(who, audit):
    return Move(who, doc_page, doc_url("document_send_back"), lambda ids: {"send_back-reason": f"{who}请核对数字"},
                audit, lambda r: r["row"]["state"] == "draft" and audited(r, audit, f"{who}请核对数字"))


def attach_doc(who):
    return Move(who, doc_page, doc_url("document_attach"), lambda ids: {},
                "attach", lambda r: len(r["files"]) == 1 and r["files"][0][1],
                files={"attach-file": ("budget.pdf", b"%PDF-1.4 budget")})


# --- annual reports and appeals -----------------------------------------------------------------

def texts(who):
    return Move(who, lambda code, y: reverse("report_texts", args=[code, y]),
                lambda code, y: reverse("report_texts", args=[code, y]),
                lambda ids: {"section1": "总体情况。", "section5": f"{who}写的问题和改进。", "section6": "无。"},
                "report_texts", lambda r: r["row"]["section5"] == f"{who}写的问题和改进。")


def publish(who, day):
    return Move(who, lambda code, y: reverse("report", args=[code, y]),
                lambda code, y: reverse("report_publish", args=[code, y]),
                lambda ids: {"published_on": day}, "report_publish",
                lambda r: r["row"]["state"] == "published" and r["row"]["published_by"] == r["users"][who])


def result(who, value):
    return Move(who, lambda pk: reverse("appeal_result", args=["county", pk]),
                lambda pk: reverse("appeal_result", args=["county", pk]),
                lambda ids: {"result": value, "decided_on": "2025-03-09"},
                "appeal_result", lambda r: r["row"]["result"] == value)


PAIRS = (
    Pair("close vs close", "apps", "processing", decide("a", "granted"), decide("b", "unable.not_held")),
    Pair("close vs extension", "apps", "processing", decide("a", "granted"), extend("b")),
    Pair("extension vs Art 35 delay", "apps", "art35_asked", extend("a"), delay("b")),
    Pair("pause vs pause", "apps", "processing", pause_start("a", "third_party"), pause_start("b", "other_agency")),
    Pair("pause end vs close", "apps", "paused", pause_end("a"), decide("b", "granted")),
    Pair("fee notice vs pause", "apps", "processing", fee_notice("a"), pause_start("b", "third_party")),
    Pair("accept vs correction", "apps", "review", accept("a"), correction("b")),
    Pair("submit vs submit", "apps", "registered", submit_app("a"), submit_app("b")),
    Pair("archive vs archive", "apps", "replied", archive("a", "2025-03-08"), archive("b", "2025-03-09")),
    Pair("manual deadline vs manual deadline", "apps", "undetermined", manual_due("a", "2027-01-25"),
         manual_due("b", "2027-01-26")),
    Pair("attach vs attach", "apps", "processing", attach_app("a"), attach_app("b"), both_win=True),
    Pair("edit vs withdrawal", "docs", "published", edit("a", "修订后的标题", published=True), withdraw("b")),
    Pair("edit vs edit", "docs", "draft", edit("a", "甲改的标题"), edit("b", "乙改的标题")),
    Pair("submit vs edit", "docs", "draft", submit_doc("a"), edit("b", "送审时改的标题")),
    Pair("first review vs first review", "docs", "first_review", approve("a", "approve_first_review", "review"),
         approve("b", "approve_first_review", "review")),
    Pair("first review vs send back", "docs", "first_review", approve("a", "approve_first_review", "review"),
         send_back("b", "return_first_review")),
    Pair("publication vs send back", "docs", "sign_off", approve("a", "publish", "published"),
         send_back("b", "return_sign_off")),
    Pair("withdrawal vs withdrawal", "docs", "published", withdraw("a"), withdraw("b")),
    Pair("attach vs submit", "docs", "draft", attach_doc("a"), submit_doc("b"), left_then_right=True),
    Pair("report text vs publication", "reports", "", texts("a"), publish("b", "2025-01-20"), year=2024),
    Pair("report text vs report text", "reports", "", texts("a"), texts("b"), year=2023),
    Pair("publication vs publication", "reports", "", publish("a", "2023-01-20"), publish("b", "2023-01-20"),
         year=2022),
    Pair("appeal result vs appeal result", "appeals", "", result("a", "upheld"), result("b", "corrected")),
)


@dataclass
class Tally:
    rounds: int = 0
    won: int = 0
    refused: int = 0
    lost: int = 0
    audit: int = 0
    seconds: float = 0.0
    problems: list = field(default_factory=list)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("races")
    site, drop = racing.prepare(tmp, {"GONGKAI_STALL": f"locked:{HOLD}"})
    try:
        racing.serve(site)
        yield site
    finally:
        racing.stop(site)
        drop()


def _seed(site) -> dict:
    apps = {p.name: [p.state, ROUNDS] for p in PAIRS if p.kind == "apps"}
    docs = {p.name: [p.state, ROUNDS] for p in PAIRS if p.kind == "docs"}
    years = sorted({p.year for p in PAIRS if p.kind == "reports"})
    return site.fixtures("seed", {"apps": apps, "docs": docs, "reports": ROUNDS, "report_years": years,
                                  "appeals": ROUNDS})


def _targets(pair: Pair, ids: dict) -> list:
    if pair.kind == "apps":
        return [(n,) for n in ids["apps"][pair.name]]
    if pair.kind == "docs":
        return [(pk,) for pk in ids["docs"][pair.name]]
    if pair.kind == "reports":
        return [(code, pair.year) for code in ids["reports"]]
    return [(pk,) for pk in ids["appeals"]]


def _record(pair: Pair, stored: dict, target: tuple, ids: dict) -> dict:
    key = {"apps": lambda: target[0], "docs": lambda: str(target[0]), "reports": lambda: f"{target[0]}/{target[1]}",
           "appeals": lambda: str(target[0])}[pair.kind]()
    return {**stored[pair.kind][key], "users": ids["users"]}


def _race(people: dict, pair: Pair, target: tuple, ids: dict) -> list:
    """Both load their page, then both post at the same moment; the two answers, left first."""
    moves = (pair.left, pair.right)
    barrier, answers = threading.Barrier(2, timeout=120), [None, None]

    def go(i):
        move = moves[i]
        page = people[move.who].get(move.page(*target))
        barrier.wait()
        answers[i] = (people[move.who].post(move.post(*target), move.fields(ids), page, move.files)
                      if page.status == 200 else page)

    threads = [threading.Thread(target=go, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    return answers


def _judge(pair: Pair, answers: list, rec: dict, tally: Tally) -> None:
    moves = (pair.left, pair.right)
    won = [a.status == 302 for a in answers]
    tally.rounds += 1
    raced = {m.audit for m in moves}
    tally.audit += sum(1 for e in rec["audit"] if e[0] in raced)
    problems = []
    if pair.both_win:
        if not all(won):
            problems.append(f"both should win: {[a.status for a in answers]}")
        if sum(1 for e in rec["audit"] if e[0] == pair.left.audit) != 2:
            problems.append(f"audit: {rec['audit']}")
        names = [f[0] for f in rec.get("attachments", rec.get("files", []))]
        if not (pair.left.effect(rec) and len(set(names)) == 2 and all(f[1] for f in rec["attachments"])):
            problems.append(f"files: {rec.get('attachments')}")
        tally.won += sum(won)
    elif pair.left_then_right and all(won):
        tally.won += 2
        for move in moves:
            if not move.effect(rec) or len(audited(rec, move.audit)) != 1:
                problems.append(f"both won, but {move.who} {move.audit} is not stored once: {rec['audit']}")
    elif sum(won) != 1:
        problems.append(f"exactly one must win, got {[a.status for a in answers]}")
    else:
        winner, loser = (moves[0], moves[1]) if won[0] else (moves[1], moves[0])
        refusal = answers[1] if won[0] else answers[0]
        tally.won += 1
        if refusal.stale:
            tally.refused += 1
        else:
            problems.append(f"the loser got {refusal.status}, not the stale-record refusal")
        if not winner.effect(rec):
            problems.append(f"the winner's change ({winner.who} {winner.audit}) is not stored")
        if winner.audit != loser.audit and loser.effect(rec):
            problems.append(f"the refused change ({loser.who} {loser.audit}) was stored")
        if len(audited(rec, winner.audit)) != 1:
            problems.append(f"{len(audited(rec, winner.audit))} audit entries for {winner.audit}: {rec['audit']}")
        if winner.audit != loser.audit and audited(rec, loser.audit):
            problems.append(f"the refused change was audited: {rec['audit']}")
    if problems:
        tally.lost += 1
        tally.problems.append(problems)


def test_it_loses_no_update_in_racing_pairs_of_every_state_change(site):
    ids = _seed(site)
    people = {name: racing.Staff(site, name) for name in ("a", "b")}
    tallies: dict[str, Tally] = {}
    ask = {"apps": [], "docs": [], "reports": [], "appeals": []}

    def run(pair):
        started = time.monotonic()
        targets = _targets(pair, ids)
        answers = [_race(people, pair, target, ids) for target in targets]
        tallies[pair.name] = Tally(seconds=time.monotonic() - started)
        return pair, targets, answers

    # Two pairs at a time (four requests in flight, one per worker), each pair's rounds one after the other.
    with ThreadPoolExecutor(2) as pool:
        raced = list(pool.map(run, PAIRS))
    for pair, targets, _ in raced:
        ask[pair.kind] += [list(t) if pair.kind == "reports" else t[0] for t in targets]
    stored = site.fixtures("probe", ask)
    for pair, targets, answers in raced:
        for target, pair_answers in zip(targets, answers, strict=True):
            _judge(pair, pair_answers, _record(pair, stored, target, ids), tallies[pair.name])
    print(f"\nracing pairs on {site.backend} ({ROUNDS} rounds each; gunicorn, 4 workers):")
    for name, t in sorted(tallies.items(), key=lambda item: [p.name for p in PAIRS].index(item[0])):
        print(f"  {name:38} rounds {t.rounds:3}  won {t.won:3}  refused {t.refused:3}  lost {t.lost}  "
              f"audit entries {t.audit}  ({t.seconds:.1f} s)")
    total = sum(t.rounds for t in tallies.values())
    print(f"  total: {len(tallies)} state changes, {total} rounds, "
          f"{sum(t.lost for t in tallies.values())} updates lost, {sum(t.audit for t in tallies.values())} "
          f"audit entries for {sum(t.won for t in tallies.values())} changes made")
    lost = {name: t.problems[:3] for name, t in tallies.items() if t.lost}
    assert lost == {}, f"lost updates:\n{lost}\n{site.output()[-2000:]}"
