"""Copy detection (雷同): narrative near-duplicates against the agency's previous year and against
every other agency of the same year.

Why MinHash LSH (datasketch): comparing 100,000 reports pairwise is 5·10⁹ comparisons; LSH buckets
the signatures computed at import so that only likely pairs are looked at. Every candidate is then
confirmed on the texts themselves (exact 5-gram Jaccard of the cleaned narrative, see ``narrative``),
so a pair's score does not depend on the hash's luck, and its shared sentences are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHashLSH

from . import narrative

THRESHOLD = 0.8  # CASS found reports 90% identical to the previous year; 0.8 leaves room for edits
CANDIDATE = 0.6  # LSH threshold and MinHash estimate a candidate needs before the exact check
PER_REPORT = 3  # same-year pairs kept per report (its closest ones)


@dataclass(frozen=True, slots=True)
class Doc:
    report_id: str
    agency: str | None
    year: int
    path: str
    issuer: str | None
    published_on: object
    minhash: bytes


@dataclass(frozen=True, slots=True)
class Pair:
    later: Doc
    earlier: Doc
    relation: str  # "previous_year" | "same_year"
    score: float
    passages: tuple[str, ...]
    ordered: bool  # False when neither is known to be later (same-year pair, same or no date)


def _estimate(a: bytes, b: bytes) -> float:
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


def _docs(con) -> list[Doc]:
    rows = con.execute("""
        SELECT r.report_id, r.agency, r.year, r.path, r.issuer, r.published_on, s.minhash
        FROM reports r JOIN signatures s USING (report_id)
        WHERE r.is_current AND r.year IS NOT NULL
        ORDER BY r.year, r.report_id""").fetchall()
    return [Doc(*row) for row in rows]


def _texts(con, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    import pyarrow as pa

    con.register("wanted", pa.table({"report_id": sorted(ids)}))
    try:
        rows = con.execute("""
            SELECT report_id, string_agg(text, chr(10) ORDER BY section)
            FROM narratives JOIN wanted USING (report_id) GROUP BY report_id""").fetchall()
    finally:
        con.unregister("wanted")
    return dict(rows)


def _candidates(docs: list[Doc]) -> list[tuple[Doc, Doc, str]]:
    by_agency_year = {(d.agency, d.year): d for d in docs if d.agency}
    out = []
    for d in docs:
        previous = by_agency_year.get((d.agency, d.year - 1)) if d.agency else None
        if previous is not None and _estimate(d.minhash, previous.minhash) >= CANDIDATE:
            out.append((d, previous, "previous_year"))
    years: dict[int, list[Doc]] = {}
    for d in docs:
        years.setdefault(d.year, []).append(d)
    for group in years.values():
        lsh = MinHashLSH(threshold=CANDIDATE, num_perm=narrative.NUM_PERM)
        for d in group:
            lsh.insert(d.report_id, narrative.minhash_of(d.minhash))
        index = {d.report_id: d for d in group}
        for d in group:
            found = []
            for other_id in lsh.query(narrative.minhash_of(d.minhash)):
                other = index[other_id]
                if other_id <= d.report_id or other.agency == d.agency:
                    continue
                estimate = _estimate(d.minhash, other.minhash)
                if estimate >= CANDIDATE:
                    found.append((-estimate, other.report_id, other))
            # A template copied by hundreds of agencies would give pairs by the square: each report
            # keeps its closest few, which is enough to flag every one of them.
            out.extend((d, other, "same_year") for _, _, other in sorted(found)[:PER_REPORT])
    return out


def _order(a: Doc, b: Doc) -> tuple[Doc, Doc, bool]:
    if a.published_on and b.published_on and a.published_on != b.published_on:
        return (a, b, True) if a.published_on > b.published_on else (b, a, True)
    return (a, b, False) if a.path >= b.path else (b, a, False)


def pairs(con, threshold: float = THRESHOLD) -> list[Pair]:
    """Every copy pair of the store's current reports whose exact similarity reaches ``threshold``."""
    candidates = _candidates(_docs(con))
    texts = _texts(con, {d.report_id for pair in candidates for d in pair[:2]})
    out = []
    for a, b, relation in candidates:
        ta, tb = texts.get(a.report_id, ""), texts.get(b.report_id, "")
        score = narrative.jaccard(narrative.clean(ta, a.issuer), narrative.clean(tb, b.issuer))
        if score < threshold:
            continue
        if relation == "previous_year":
            later, earlier, ordered = a, b, True
        else:
            later, earlier, ordered = _order(a, b)
        shared = narrative.shared_passages(texts.get(later.report_id, ""), texts.get(earlier.report_id, ""),
                                           (later.issuer, earlier.issuer))
        out.append(Pair(later, earlier, relation, round(score, 4), tuple(shared), ordered))
    return sorted(out, key=lambda p: (p.later.report_id, p.earlier.report_id))
