"""Copy detection (雷同): narrative near-duplicates against the agency's previous year and against
every other agency of the same year.

Why MinHash LSH: comparing 100,000 reports pairwise is 5·10⁹ comparisons; LSH buckets the
signatures computed at import so that only likely pairs are looked at. Every candidate is then
confirmed on the texts themselves (exact 5-gram Jaccard of the cleaned narrative, see ``narrative``),
so a pair's score does not depend on the hash's luck, and its shared sentences are listed.

The banding is datasketch's ``MinHashLSH`` (its bands and rows for ``CANDIDATE``: two signatures
are candidates when all the values of one band are equal), done on a numpy array instead of its
dictionaries of byte strings: each band's rows sorted, equal runs are the buckets. Same candidates
(tests/test_corpus_checks.py compares them with datasketch's), a tenth of the memory. Signatures are
read from the store one year at a time, as the same-year pairs need one year and the previous-year
pairs two.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np

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
    return np.count_nonzero(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)) / narrative.NUM_PERM


def _years(con) -> list[int]:
    return [y for (y,) in con.execute("""
        SELECT DISTINCT r.year FROM reports r JOIN signatures s USING (report_id)
        WHERE r.is_current AND r.year IS NOT NULL ORDER BY r.year""").fetchall()]


def _docs(con, year: int) -> list[Doc]:
    rows = con.execute("""
        SELECT r.report_id, r.agency, r.year, r.path, r.issuer, r.published_on, s.minhash
        FROM reports r JOIN signatures s USING (report_id)
        WHERE r.is_current AND r.year = ?
        ORDER BY r.report_id""", [year]).fetchall()
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


def _candidates(con) -> list[tuple[Doc, Doc, str]]:
    """The candidate pairs, one year of signatures at a time (and the previous year's by agency)."""
    out = []
    previous_year: dict[str, Doc] = {}
    last = None
    for year in _years(con):
        docs = _docs(con, year)
        if last != year - 1:
            previous_year = {}
        for d in docs:
            previous = previous_year.get(d.agency) if d.agency else None
            if previous is not None and _estimate(d.minhash, previous.minhash) >= CANDIDATE:
                out.append((d, previous, "previous_year"))
        out.extend(_same_year(docs))
        previous_year = {d.agency: d for d in docs if d.agency}
        last = year
    return out


# datasketch's bands for ``MinHashLSH(threshold=CANDIDATE, num_perm=NUM_PERM)``: its optimal (bands,
# rows) for 0.6 and 64 permutations is (10, 6); written here because importing datasketch loads scipy
# (tests/test_corpus_checks.py checks these against its ``hashranges``).
BANDS, ROWS = 10, 6


def _bands() -> tuple[tuple[int, int], ...]:
    return tuple((i * ROWS, (i + 1) * ROWS) for i in range(BANDS))


def band_pairs(signatures: np.ndarray) -> np.ndarray:
    """The pairs (i, j), i < j, of rows of ``signatures`` (n × NUM_PERM) equal on all the values of
    at least one band: what ``MinHashLSH.query`` returns for each inserted signature. Sorted by
    (i, j), each pair once (an int64 array of shape (k, 2))."""
    n = len(signatures)
    found = [np.empty(0, dtype=np.int64)]
    for start, end in _bands():
        band = signatures[:, start:end]
        order = np.lexsort(band.T[::-1])
        ranked = band[order]
        # A run of equal rows in sort order is one bucket.
        starts = np.flatnonzero(np.concatenate(([True], np.any(ranked[1:] != ranked[:-1], axis=1), [True])))
        for run in np.flatnonzero(np.diff(starts) >= 2).tolist():
            first, stop = starts[run], starts[run + 1]
            members = np.sort(order[first:stop]).astype(np.int64)
            i, j = np.triu_indices(len(members), 1)
            found.append(members[i] * n + members[j])
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // max(n, 1), codes % max(n, 1)), axis=1)


def _same_year(group: list[Doc]) -> Iterator[tuple[Doc, Doc, str]]:
    """For each report, its ``PER_REPORT`` closest others of the year (by MinHash estimate, then id;
    only those with a larger id and another agency, so each pair is looked at once).

    Why by signature: a template copied word for word by thousands of agencies gives them one and
    the same signature, and asking LSH for each of them would return thousands of candidates each
    (10⁸ comparisons for 20,000 copies). So reports of one signature form a cluster, LSH indexes one
    signature per cluster, an estimate is computed once per pair of clusters, and a report takes its
    closest from its own cluster first (estimate 1) and from the nearest clusters after: the same
    pairs as comparing every report with every candidate, in time linear in the reports.
    """
    clusters: dict[bytes, list[Doc]] = {}
    for d in sorted(group, key=lambda d: d.report_id):
        clusters.setdefault(d.minhash, []).append(d)
    ids = {key: [d.report_id for d in members] for key, members in clusters.items()}
    keys = list(clusters)
    signatures = np.frombuffer(b"".join(keys), dtype=np.uint32).reshape(len(keys), narrative.NUM_PERM)
    pairs = band_pairs(signatures)
    # The estimates of the candidate pairs at once (same value as ``_estimate``: equal values / NUM_PERM).
    estimates = np.count_nonzero(signatures[pairs[:, 0]] == signatures[pairs[:, 1]], axis=1) / narrative.NUM_PERM
    close = estimates >= CANDIDATE
    near_of: dict[int, dict[float, list[bytes]]] = {}
    for (a, b), estimate in zip(pairs[close].tolist(), estimates[close].tolist(), strict=True):
        near_of.setdefault(a, {}).setdefault(estimate, []).append(keys[b])
        near_of.setdefault(b, {}).setdefault(estimate, []).append(keys[a])
    for number, (key, members) in enumerate(clusters.items()):
        near = near_of.pop(number, {})
        # The candidate clusters from the closest down; a report takes from them in that order.
        ranked = [(1.0, [key]), *sorted(near.items(), key=lambda item: -item[0])]
        for d in members:
            yield from ((d, other, "same_year") for other in _closest(d, ranked, clusters, ids))


def _closest(d: Doc, ranked: list[tuple[float, list[bytes]]], clusters: dict[bytes, list[Doc]],
             ids: dict[bytes, list[str]]) -> list[Doc]:
    """The ``PER_REPORT`` candidates of ``d``: larger ids, other agencies, closest first, then by id."""
    found: list[Doc] = []
    for _, keys in ranked:
        tier: list[Doc] = []
        for key in keys:
            members = clusters[key]
            start = bisect.bisect_right(ids[key], d.report_id)
            taken = 0
            for other in members[start:]:
                if other.agency == d.agency:
                    continue
                tier.append(other)
                taken += 1
                if taken == PER_REPORT - len(found):
                    break
        tier.sort(key=lambda o: o.report_id)
        found.extend(tier[: PER_REPORT - len(found)])
        if len(found) == PER_REPORT:
            break
    return found


def _order(a: Doc, b: Doc) -> tuple[Doc, Doc, bool]:
    if a.published_on and b.published_on and a.published_on != b.published_on:
        return (a, b, True) if a.published_on > b.published_on else (b, a, True)
    return (a, b, False) if a.path >= b.path else (b, a, False)


def _cleaned(texts: dict[str, str], report_id: str, issuer: str | None) -> str:
    return narrative.clean(texts.get(report_id, ""), issuer)


def _prepared(texts: dict[str, str], report_id: str) -> narrative.Prepared:
    return narrative.prepared(texts.get(report_id, ""))


WINDOW = 2_000  # candidates confirmed per round: their texts are fetched together, then let go


def windows(con, threshold: float = THRESHOLD) -> Iterator[list[Pair]]:
    """The copy pairs of the store's current reports whose exact similarity reaches ``threshold``, one
    window of candidates at a time (so a caller can store them and let them go).

    Candidates are confirmed in windows sorted by report, so only a window's texts are in memory;
    a report's cleaned text and sentences are kept while its neighbours use them (``lru_cache``).
    """
    candidates = sorted(_candidates(con), key=lambda c: (c[0].report_id, c[1].report_id))
    for start in range(0, len(candidates), WINDOW):
        window = candidates[start : start + WINDOW]
        texts = _texts(con, {d.report_id for pair in window for d in pair[:2]})
        cleaned = lru_cache(maxsize=1024)(partial(_cleaned, texts))
        sentences = lru_cache(maxsize=1024)(partial(_prepared, texts))
        out = []
        for a, b, relation in window:
            ca, cb = cleaned(a.report_id, a.issuer), cleaned(b.report_id, b.issuer)
            score = 1.0 if ca == cb and ca else narrative.jaccard(ca, cb)
            if score < threshold:
                continue
            if relation == "previous_year":
                later, earlier, ordered = a, b, True
            else:
                later, earlier, ordered = _order(a, b)
            shared = narrative.shared_between(sentences(later.report_id), sentences(earlier.report_id),
                                              (later.issuer, earlier.issuer))
            out.append(Pair(later, earlier, relation, round(score, 4), tuple(shared), ordered))
        yield out


def pairs(con, threshold: float = THRESHOLD) -> list[Pair]:
    """Every copy pair (``windows``), sorted by the later report, then the earlier."""
    return sorted((p for window in windows(con, threshold) for p in window),
                  key=lambda p: (p.later.report_id, p.earlier.report_id))
