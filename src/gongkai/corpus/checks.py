"""``gongkai corpus check``: the findings that need more than one report.

Recomputed from the whole store every time (after each import, or on demand with a new roster), so
the result never depends on the order files were imported in: the old corpus findings, copy pairs
and missing reports are replaced in one transaction (the reports' agencies and versions are set in
the one before, see ``run``).

Rules (CONTRACT.md: stored in ``findings`` on the later report, ``scope`` = ``corpus``):

- ``carry_over`` (warning): 二 上年结转 of year N ≠ 四 结转下年度 of year N−1, per column, same agency.
- ``stock_flow`` (info): 2021 format, 规章 / 行政规范性文件: 现行有效 N ≠ 现行有效 N−1 + 制发 N − 废止 N.
  Information only: a clean-up of old documents breaks it legitimately.
- ``year_jump`` (info): a headline count grows or shrinks five-fold from N−1 to N; small numbers are
  left alone (the larger of the two must reach ``JUMP_MINIMUM``).
- ``duplicate_version`` (warning): one agency and year, different contents; on every version but the
  first. The current version (the latest published, then the last path) is what the other rules use.
- ``copied_previous_year`` / ``copied_other_agency`` (warning): see ``similar``.
- ``not_in_roster`` (info): with a roster, a report whose issuer matches no roster agency.
- ``aggregate_mismatch`` (warning): a roster agency marked ``aggregate`` whose headline counts differ
  from the sum of its members' reports of the same year (only when every member's report is there).

- ``late_publication`` (error; warning for a township): the core's rule, run here rather than in the
  workers because the deadline depends on the agency: the roster's ``deadline`` of the agency the
  report matched, else the level deadlines last given (``--deadline LEVEL=MM-DD``, kept in ``meta``),
  else the statutory ones. Reports on 2008–2018 keep the 2008 条例's 31 March.

``format_mismatch`` is the core's per-report rule; reports missing from the roster go to the
``missing`` table, as they have no report to be stored on.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date

import pyarrow as pa

from ..report import Deadlines, ValidationConfig
from ..report.model import Report, Source
from ..report.validate.rules import late_publication
from . import agency as names
from . import roster as rosters
from . import similar, store
from .messages import COLUMNS, FINDINGS, LABELS, MISSING

NAMED = 5  # other versions named in a duplicate_version message
JUMP_FACTOR = 5
JUMP_MINIMUM = 20
JUMP_CELLS = (
    ("applications", "new", "total"),
    ("appeals", "reconsideration", "total"),
    ("appeals", "litigation_direct", "total"),
    ("proactive", "licensing", "decisions"),
    ("proactive", "punishment", "decisions"),
)
AGGREGATE_CELLS = (("applications", "new", "total"), ("applications", "total", "total"),
                   ("appeals", "reconsideration", "total"))
CORPUS_RULES = ("late_publication", "carry_over", "stock_flow", "year_jump", "duplicate_version",
                "copied_previous_year", "copied_other_agency", "not_in_roster", "aggregate_mismatch")

_CURRENT = """CREATE OR REPLACE TEMP VIEW cur AS
    SELECT report_id, agency, year, path FROM reports
    WHERE is_current AND agency IS NOT NULL AND year IS NOT NULL"""


def _fmt(value: float | None) -> str:
    if value is None:
        return "空白"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


_FINDING_COLUMNS = ("report_id", "rule", "severity", "message", "cells", "scope", "related_report_id")
_PAIR_COLUMNS = ("report_id", "other_report_id", "relation", "score", "passages")
_MISSING_COLUMNS = ("agency", "year", "message")


def _table(rows: list[tuple], names_: tuple[str, ...], types: tuple) -> pa.Table:
    return pa.table({n: pa.array([r[i] for r in rows], t) for i, (n, t) in enumerate(zip(names_, types, strict=True))})


class _Findings:
    """The corpus findings of a check, kept in a temporary table of DuckDB after each step (``flush``)
    rather than in Python until the end: 45,000 findings and 12,000 copy pairs with their passages as
    Python rows, then as Arrow for the insert, were ~100 MB of the importing process at 100,000 reports;
    DuckDB holds them within its memory limit. ``write`` replaces the store's in one transaction."""

    def __init__(self, con) -> None:
        self.con = con
        self.rows: list[tuple] = []
        self.count = 0
        con.execute("CREATE OR REPLACE TEMP TABLE corpus_findings AS SELECT * FROM findings LIMIT 0")
        con.execute("CREATE OR REPLACE TEMP TABLE corpus_pairs AS SELECT * FROM copy_pairs LIMIT 0")

    def add(self, report_id, rule, severity, message, cells=(), related=None) -> None:
        self.rows.append((report_id, rule, severity, message, ",".join(cells), "corpus", related))

    def _append(self, table: str, data: pa.Table) -> None:
        self.con.register("corpus_rows", data)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM corpus_rows")
        finally:
            self.con.unregister("corpus_rows")

    def flush(self) -> None:
        if self.rows:
            self._append("corpus_findings", _table(self.rows, _FINDING_COLUMNS, (pa.string(),) * 7))
            self.count += len(self.rows)
            self.rows = []

    def pairs(self, rows: list[tuple]) -> None:
        if rows:
            self._append("corpus_pairs", _table(rows, _PAIR_COLUMNS, (pa.string(), pa.string(), pa.string(),
                                                                      pa.float64(), pa.string())))

    def write(self, missing: list[tuple]) -> None:
        """The store's corpus findings, copy pairs and missing reports replaced by these, at once."""
        self.flush()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM findings WHERE scope = 'corpus'")
            con.execute("DELETE FROM copy_pairs")
            con.execute("DELETE FROM missing")
            con.execute("INSERT INTO findings SELECT * FROM corpus_findings")
            con.execute("INSERT INTO copy_pairs SELECT * FROM corpus_pairs ORDER BY report_id, other_report_id")
            if missing:
                self._append("missing", _table(missing, _MISSING_COLUMNS, (pa.string(), pa.int32(), pa.string())))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.execute("DROP TABLE IF EXISTS corpus_findings")
            con.execute("DROP TABLE IF EXISTS corpus_pairs")


def _store_roster(con, entries: list[rosters.Entry]) -> None:
    con.execute("DELETE FROM roster")
    if entries:
        con.executemany("INSERT INTO roster VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(e.agency, e.parent, e.level, e.region, e.expected_from, e.aggregate, e.aliases,
                          e.deadline) for e in entries])


def _entries(con) -> list[rosters.Entry]:
    return [rosters.Entry(*row) for row in con.execute("SELECT * FROM roster ORDER BY agency").fetchall()]


def _assign_agencies(con, entries: list[rosters.Entry]) -> set[str]:
    """Set ``agency``, ``level``, ``region`` from the roster or the name; the name keys left unmatched."""
    matcher = rosters.Matcher(entries) if entries else None
    by_agency = {e.agency: e for e in entries}
    keys = [row[0] for row in
            con.execute("SELECT DISTINCT name_key FROM reports WHERE name_key IS NOT NULL").fetchall()]
    rows, unmatched = [], set()
    for key in keys:
        found = matcher.match(key) if matcher else None
        if matcher and found is None:
            unmatched.add(key)
        entry = by_agency.get(found) if found else None
        target = found or key
        rows.append((key, target, (entry and entry.level) or names.level(target),
                     (entry and entry.region) or names.region(target)))
    con.register("assigned", pa.table({c: [r[i] for r in rows] for i, c in
                                       enumerate(("name_key", "agency", "level", "region"))},
                                      schema=pa.schema([(c, pa.string()) for c in
                                                        ("name_key", "agency", "level", "region")])))
    try:
        con.execute("""UPDATE reports SET agency = a.agency, level = a.level, region = a.region
                       FROM assigned a WHERE reports.name_key = a.name_key""")
    finally:
        con.unregister("assigned")
    return unmatched


def _versions(con) -> None:
    con.execute("""
        UPDATE reports SET version = v.version, is_current = v.version = v.versions
        FROM (SELECT report_id,
                     row_number() OVER w AS version,
                     count(*) OVER (PARTITION BY agency, year) AS versions
              FROM reports WHERE error_code IS NULL AND agency IS NOT NULL AND year IS NOT NULL
              WINDOW w AS (PARTITION BY agency, year ORDER BY published_on NULLS FIRST, path, report_id)) v
        WHERE reports.report_id = v.report_id""")
    con.execute("UPDATE reports SET version = NULL, is_current = (error_code IS NULL) "
                "WHERE error_code IS NOT NULL OR agency IS NULL OR year IS NULL")


def _duplicate_versions(con, out: _Findings) -> None:
    """One finding per later version, naming (at most ``NAMED``) the other versions' paths."""
    rows = con.execute(f"""
        WITH g AS (SELECT agency, year, count(*) AS versions,
                          list(path ORDER BY version)[1:{NAMED + 1}] AS paths
                   FROM reports WHERE version IS NOT NULL GROUP BY agency, year HAVING count(*) > 1)
        SELECT r.report_id, r.version, r.path, g.versions, g.paths
        FROM reports r JOIN g USING (agency, year) WHERE r.version > 1 ORDER BY r.report_id""").fetchall()
    for report_id, version, path, versions, paths in rows:
        others = [p for p in paths if p != path][:NAMED]
        named = "、".join(others) + (f" 等 {versions - 1} 份" if versions - 1 > len(others) else "")
        out.add(report_id, "duplicate_version", "warning", FINDINGS["duplicate_version"].format(
            count=versions, version=version, others=named))


def _late(con, entries: list[rosters.Entry], levels: dict[str, tuple[int, int]], out: _Findings) -> None:
    """The core's ``late_publication`` for every read report, with the deadline of its agency."""
    base = ValidationConfig(Deadlines(**levels))
    local = {e.agency: e.month_day() for e in entries if e.deadline}
    rows = con.execute("""SELECT report_id, path, issuer, agency, year, published_on FROM reports
                          WHERE error_code IS NULL AND year IS NOT NULL AND published_on IS NOT NULL
                          ORDER BY report_id""").fetchall()
    for report_id, path, issuer, agency, year, published_on in rows:
        own = local.get(agency)
        config = base if own is None else ValidationConfig(replace(base.deadlines, government=own, department=own,
                                                                   township=own))
        for f in late_publication(Report(Source(path), issuer, year, published_on=published_on), config):
            message = f.message
            if own is not None and year >= 2019 and published_on > date(year + 1, *own):
                message = FINDINGS["late_publication_local"].format(
                    published=published_on.isoformat(), deadline=date(year + 1, *own).isoformat())
            out.add(report_id, f.rule, f.severity, message)


def _levels(con, deadlines: dict[str, tuple[int, int]] | None) -> dict[str, tuple[int, int]]:
    """The level deadlines to use: those given now (and kept for the next check), else the last given."""
    if deadlines is not None:
        store.set_meta(con, "deadlines", json.dumps({k: list(v) for k, v in sorted(deadlines.items())}))
        return dict(deadlines)
    kept = store.meta(con, "deadlines")
    return {k: tuple(v) for k, v in json.loads(kept).items()} if kept else {}


def _carry_over(con, out: _Findings) -> None:
    rows = con.execute("""
        SELECT n.report_id, p.report_id, c.col, c.value, q.value, p.year, p.path
        FROM cur n JOIN cur p ON p.agency = n.agency AND p.year = n.year - 1
        JOIN cells c ON c.report_id = n.report_id AND c.section = 'applications' AND c."row" = 'carried_in'
        JOIN cells q ON q.report_id = p.report_id AND q.section = 'applications' AND q."row" = 'carried_out'
                    AND q.col = c.col
        WHERE c.value IS NOT NULL AND q.value IS NOT NULL AND c.value <> q.value
        ORDER BY n.report_id, c.col""").fetchall()
    for report_id, previous_id, col, carried_in, carried_out, year, path in rows:
        out.add(report_id, "carry_over", "warning", FINDINGS["carry_over"].format(
            column=COLUMNS.get(col, col), carried_in=_fmt(carried_in), previous_year=year, previous_path=path,
            carried_out=_fmt(carried_out)), (f"applications.carried_in.{col}",), previous_id)


def _values(alias: str, cells: tuple[tuple[str, str, str], ...]) -> str:
    return ", ".join(
        f"max(value) FILTER (WHERE section = '{s}' AND \"row\" = '{r}' AND col = '{c}') AS {alias}{i}"
        for i, (s, r, c) in enumerate(cells))


def _stock_flow(con, out: _Findings) -> None:
    cells = tuple((("proactive", row, col)) for row in ("rules", "normative_documents")
                  for col in ("issued", "repealed", "in_force"))
    con.execute(f"""CREATE OR REPLACE TEMP VIEW stock AS SELECT report_id, {_values('v', cells)}
                    FROM cells WHERE section = 'proactive' GROUP BY report_id""")
    rows = con.execute("""
        SELECT n.report_id, p.report_id, s.*, t.v2 AS prev0, t.v5 AS prev1
        FROM cur n JOIN cur p ON p.agency = n.agency AND p.year = n.year - 1
        JOIN reports rn ON rn.report_id = n.report_id AND rn.format = '2021'
        JOIN reports rp ON rp.report_id = p.report_id AND rp.format = '2021'
        JOIN stock s ON s.report_id = n.report_id JOIN stock t ON t.report_id = p.report_id
        ORDER BY n.report_id""").fetchall()
    for row in rows:
        report_id, previous_id, _, *values = row
        v, prev = values[:6], values[6:]
        for i, key in enumerate(("rules", "normative_documents")):
            issued, repealed, in_force = v[3 * i : 3 * i + 3]
            before = prev[i]
            if None in (issued, repealed, in_force, before):
                continue
            expected = before + issued - repealed
            if expected != in_force:
                out.add(report_id, "stock_flow", "info", FINDINGS["stock_flow"].format(
                    label=LABELS[f"proactive.{key}.in_force"], in_force=_fmt(in_force), previous=_fmt(before),
                    issued=_fmt(issued), repealed=_fmt(repealed), expected=_fmt(expected)),
                    (f"proactive.{key}.in_force",), previous_id)


def _jumps(con, out: _Findings) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP VIEW heads AS SELECT report_id, {_values('v', JUMP_CELLS)}
                    FROM cells GROUP BY report_id""")
    rows = con.execute("""
        SELECT n.report_id, p.report_id, p.year, h.*, g.*
        FROM cur n JOIN cur p ON p.agency = n.agency AND p.year = n.year - 1
        JOIN heads h ON h.report_id = n.report_id JOIN heads g ON g.report_id = p.report_id
        ORDER BY n.report_id""").fetchall()
    width = len(JUMP_CELLS)
    for row in rows:
        report_id, previous_id, year = row[:3]
        now, before = row[4 : 4 + width], row[5 + width : 5 + 2 * width]
        for (section, r, c), value, previous in zip(JUMP_CELLS, now, before, strict=True):
            if value is None or previous is None or max(value, previous) < JUMP_MINIMUM:
                continue
            if value >= JUMP_FACTOR * previous or previous >= JUMP_FACTOR * value:
                path = f"{section}.{r}.{c}"
                out.add(report_id, "year_jump", "info", FINDINGS["year_jump"].format(
                    label=LABELS[path], previous_year=year, previous=_fmt(previous), value=_fmt(value),
                    factor=JUMP_FACTOR), (path,), previous_id)


def _roster_rules(con, entries: list[rosters.Entry], unmatched: set[str], out: _Findings) -> list[tuple]:
    if not entries:
        return []
    for report_id, issuer, key in con.execute(
            "SELECT report_id, issuer, name_key FROM reports WHERE name_key IS NOT NULL ORDER BY report_id").fetchall():
        if key in unmatched:
            out.add(report_id, "not_in_roster", "info", FINDINGS["not_in_roster"].format(issuer=issuer))
    years = [y for (y,) in con.execute("SELECT DISTINCT year FROM cur ORDER BY year").fetchall()]
    present = set(con.execute("SELECT agency, year FROM cur").fetchall())
    missing = []
    for e in entries:
        for year in years:
            if e.expected_from is not None and year >= e.expected_from and (e.agency, year) not in present:
                missing.append((e.agency, year, MISSING.format(agency=e.agency, year=year,
                                                              expected_from=e.expected_from)))
    _aggregates(con, entries, out)
    return missing


def _aggregates(con, entries: list[rosters.Entry], out: _Findings) -> None:
    members: dict[str, list[str]] = {}
    for e in entries:
        if e.parent:
            members.setdefault(e.parent, []).append(e.agency)
    heads = {(a, y): (rid, v) for rid, a, y, *v in con.execute(
        f"""SELECT c.report_id, c.agency, c.year, {", ".join(f"h.v{i}" for i in range(len(AGGREGATE_CELLS)))}
            FROM cur c JOIN (SELECT report_id, {_values('v', AGGREGATE_CELLS)} FROM cells GROUP BY report_id) h
            USING (report_id)""").fetchall()}
    for e in entries:
        if not e.aggregate or not members.get(e.agency):
            continue
        for (agency, year), (report_id, values) in sorted(heads.items()):
            if agency != e.agency:
                continue
            theirs = [heads.get((m, year)) for m in members[e.agency]]
            if any(t is None for t in theirs):
                continue
            for i, (section, r, c) in enumerate(AGGREGATE_CELLS):
                parts = [t[1][i] for t in theirs]
                if values[i] is None or None in parts or sum(parts) == values[i]:
                    continue
                path = f"{section}.{r}.{c}"
                out.add(report_id, "aggregate_mismatch", "warning", FINDINGS["aggregate_mismatch"].format(
                    label=LABELS[path], value=_fmt(values[i]), members=len(parts), total=_fmt(sum(parts))), (path,))


def _copies(con, out: _Findings, threshold: float) -> int:
    """The copy pairs and their findings, stored a window of candidates at a time."""
    count = 0
    for window in similar.windows(con, threshold):
        rows = []
        for pair in sorted(window, key=lambda p: (p.later.report_id, p.earlier.report_id)):
            later, earlier = pair.later, pair.earlier
            rows.append((later.report_id, earlier.report_id, pair.relation, pair.score, "\n".join(pair.passages)))
            if pair.relation == "previous_year":
                out.add(later.report_id, "copied_previous_year", "warning", FINDINGS["copied_previous_year"].format(
                    other_year=earlier.year, other_path=earlier.path, score=pair.score), (), earlier.report_id)
                continue
            targets = [(later, earlier)] if pair.ordered else [(later, earlier), (earlier, later)]
            for this, other in targets:
                out.add(this.report_id, "copied_other_agency", "warning", FINDINGS["copied_other_agency"].format(
                    other_agency=other.agency, other_path=other.path, score=pair.score), (), other.report_id)
        out.pairs(rows)
        out.flush()
        count += len(rows)
    return count


def run(con, roster_path: str | None = None, threshold: float = similar.THRESHOLD,
        deadlines: dict[str, tuple[int, int]] | None = None, timings: dict[str, float] | None = None) -> dict[str, int]:
    """Recompute every corpus finding, copy pair and missing report.

    Two transactions, each a function of the store alone, so a check killed between them is finished by
    running it again: the reports' paths, agencies and versions (with the roster and level deadlines
    given), then the findings, copy pairs and missing reports replaced at once. Why not one: DuckDB
    keeps a transaction's updates of 100,000 report rows in memory it does not bound by
    ``memory_limit``, and every read of the checks after them paid for it (~100 MB at 100,000 reports);
    committed and checkpointed, the reads run on the stored table.

    ``roster_path`` and ``deadlines`` replace the stored roster and level deadlines; None keeps them.
    ``timings`` (when given) receives the seconds of each step, as ``check.<step>``."""
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        now = time.perf_counter()
        if timings is not None:
            timings[f"check.{name}"] = timings.get(f"check.{name}", 0.0) + now - clock[0]
        clock[0] = now

    entries = rosters.load(roster_path) if roster_path else None
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("""UPDATE reports SET path = f.path
                       FROM (SELECT report_id, min(path) AS path FROM files GROUP BY report_id) f
                       WHERE reports.report_id = f.report_id AND reports.path <> f.path""")
        if entries is not None:
            _store_roster(con, entries)
        entries = _entries(con)
        levels = _levels(con, deadlines)
        step("paths")
        unmatched = _assign_agencies(con, entries)
        step("agencies")
        _versions(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("CHECKPOINT")
    con.execute(_CURRENT)
    step("versions")
    out = _Findings(con)
    _late(con, entries, levels, out)
    out.flush()
    step("late")
    for rule in (_duplicate_versions, _carry_over, _stock_flow, _jumps):
        rule(con, out)
        out.flush()
    step("years")
    missing = _roster_rules(con, entries, unmatched, out)
    out.flush()
    step("roster")
    pairs = _copies(con, out, threshold)
    step("copies")
    out.write(missing)
    step("write")
    return {"findings": out.count, "pairs": pairs, "missing": len(missing)}
