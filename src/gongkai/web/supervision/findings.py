"""The findings of a county's reports of one year, each with its evidence and the office's decision.

Two kinds, from two engines, never re-implemented here:

- the report core's own rules on each report (``gongkai.report.validate``: sums, missing cells,
  the format, the narrative against the tables), with the parser's findings of a report read from a
  file; ``late_publication`` is left to the corpus check, which knows the county's own deadline;
- the corpus engine's rules that need more than one report (``gongkai.corpus.checks``: carry_over
  and year_jump against the agency's report of the year before, late_publication against the
  county's deadline of the agency's level, copied_previous_year / copied_other_agency, and
  aggregate_mismatch of the county's own report against the sum of its agencies'). The reports of
  years N and N−1 are written into an in-memory DuckDB store (the corpus schema, the corpus
  workers' own row builder) and ``checks.run`` is run on it, exactly as on an imported corpus.

Each finding gets a fingerprint (``fingerprint.py``) by which the office's decision is kept.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pyarrow as pa
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.corpus import checks, extract, store
from gongkai.report import Location, validate
from gongkai.report import schema as report_schema
from gongkai.report.model import Report
from gongkai.web.agencies.models import Agency, record

from . import copying
from . import messages_findings as M
from .access import supervised
from .board import deadlines_for
from .fingerprint import fingerprint
from .models import FindingDecision
from .rules import own_report_aggregates
from .sources import SourcedReport, reports_of

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Rules the corpus check runs with the county's deadline instead (the workers defer it the same way).
DEFERRED = extract.DEFERRED_RULES


@dataclass(frozen=True)
class Evidence:
    """One cell a finding is about: its value in the report (and where the text of a parsed file
    said it), or the same cell of the other report the finding compares with."""

    path: str
    label: str
    value: str
    raw: str | None = None
    where: str = ""
    report: str = M.EVIDENCE_THIS  # which report: this one or the year before's


@dataclass(frozen=True)
class Item:
    fingerprint: str
    agency: Agency
    year: int
    rule: str
    severity: str
    message: str
    cells: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    source: str  # the report's label (已发布第1版 / 报送第2次 / 外部上传 文件名)
    scope: str  # "report" | "corpus"
    related: Agency | None = None
    passages: tuple[str, ...] = ()
    score: float | None = None
    decision: FindingDecision | None = None

    @property
    def severity_label(self) -> str:
        return M.SEVERITY.get(self.severity, self.severity)

    @property
    def rule_label(self) -> str:
        return M.RULES.get(self.rule, self.rule)

    @property
    def article(self) -> str:
        return M.ARTICLES.get(self.rule, M.NO_ARTICLE)


def cell_label(report: Report, path: str) -> str:
    """``三、（二）上年结转 · 自然人``: the row and column of a cell path as the form prints them."""
    table_key, _, rest = path.partition(".")
    row_key, _, col_key = rest.rpartition(".")
    spec = report_schema.FORMATS.get(report.format)
    table = getattr(spec, table_key, None) if spec is not None else None
    if table is None or row_key not in table.row_index:
        return path
    row = table.row(row_key)
    column = next((c.label for c in row.columns if c.key == col_key), col_key)
    return f"{row.label} · {column}"


def _value(value) -> str:
    if value is None:
        return "空白"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def evidence(sourced: SourcedReport, path: str, which: str = M.EVIDENCE_THIS) -> Evidence:
    """The cell at ``path`` of the report, with the raw text and place the parser kept (provenance)."""
    cell = sourced.report.cell_at(path)
    raw, where = None, ""
    seen = (sourced.document.get("provenance") or {}).get(path) if isinstance(sourced.document, dict) else None
    if isinstance(seen, dict):
        raw = seen.get("raw")
        place = seen.get("where")
        if isinstance(place, dict):
            try:
                keys = ("line", "page", "table", "row", "col")
                where = Location(**{k: place[k] for k in keys if k in place}).describe()
            except TypeError:
                where = ""
    return Evidence(path, cell_label(sourced.report, path), _value(cell.value if cell else None), raw, where, which)


def _prepared(sourced: SourcedReport) -> Report:
    """The report as the rules see it: the year and publication date of its source, a name to call it by."""
    report = sourced.report
    return dataclasses.replace(report, year=sourced.year, published_on=sourced.published_on or report.published_on,
                               issuer=report.issuer or sourced.agency.name)


def _compared(sourced: SourcedReport) -> Report:
    """``_prepared`` with sections 一, 五, 六 as the agency wrote them (``copying.own_sections``): what
    the corpus's copy detection compares."""
    report = _prepared(sourced)
    sections = dict(report.sections)
    for number, text in copying.own_sections(sourced).items():
        sections[number] = dataclasses.replace(sections[number], text=text)
    return dataclasses.replace(report, sections=sections)


def report_findings(sourced: SourcedReport) -> list:
    """The core's findings of one report (the parser's kept), ``late_publication`` left to the corpus."""
    return [f for f in validate(_prepared(sourced)) if f.rule not in DEFERRED]


# --- the corpus engine on the county's reports ------------------------------------------------------


def _report_id(agency_id: int, year: int) -> str:
    return f"{agency_id}:{year}"


def _batch(items: list[tuple[str, str, str, Report]]) -> dict:
    """The corpus workers' own rows (``extract.report_rows``) of the reports, as the tables a batch writes;
    each report's name key is the agency's own name (``items``: id, label, agency name, report)."""
    out = {name: extract.Columns(schema) for name, schema in extract.SCHEMAS.items() if name != "cells"}
    out["cells"] = extract.Cells()
    for seq, (report_id, label, _, report) in enumerate(items):
        extract.report_rows(out, seq, report_id, label, dataclasses.replace(report, findings=[]))
    ids = dict(zip(out["reports"].data[0], out["reports"].data[1], strict=True))
    tables = {name: columns.table(ids) if name == "cells" else columns.table() for name, columns in out.items()}
    reports = tables["reports"]
    at = reports.schema.get_field_index("name_key")
    tables["reports"] = reports.set_column(at, "name_key", pa.array([name for _, _, name, _ in items], pa.string()))
    return {name: table.drop_columns(["seq"]) for name, table in tables.items()}


@dataclass(frozen=True)
class CorpusResult:
    findings: list[tuple]  # (report_id, rule, severity, message, cells, related_report_id)
    pairs: dict[tuple[str, str], tuple[float, tuple[str, ...]]]  # (later, earlier) → (score, passages)


def corpus_findings(county: Agency, year: int, now: dict[int, SourcedReport], before: dict[int, SourcedReport],
                    agencies: list[Agency]) -> CorpusResult:
    """``checks.run`` on an in-memory store of the county's reports of ``year`` and ``year - 1``.

    The roster is the county's: each agency by its name (the report's name key is set to it, so no
    name is guessed), the county's deadline of its level, and the county's own report as the aggregate
    of every agency below it only when the county says it is one (``CountyRules.own_report_aggregates``)."""
    # The board's deadlines (one definition of the county's rows over the statute's defaults).
    deadlines = deadlines_for(county, year)
    root = agencies[0] if agencies else county
    aggregates = own_report_aggregates(county)
    items = []
    for reports in (before, now):
        for pk, sourced in sorted(reports.items()):
            items.append((_report_id(pk, sourced.year), f"{sourced.agency.name}·{sourced.year}年度·{sourced.label}",
                          sourced.agency.name, _compared(sourced)))
    if not items:
        return CorpusResult([], {})
    con = store.connect(":memory:")
    try:
        con.execute("SET threads = 1")
        store.write_batch(con, _batch(items))
        roster = []
        for a in agencies:
            publish = deadlines.get(a.level, deadlines[Agency.Level.DEPARTMENT]).publish
            parent = None if a.pk == root.pk else root.name
            aggregate = a.pk == root.pk and aggregates and len(agencies) > 1
            roster.append((a.name, parent, a.level, aggregate, publish.strftime("%m-%d")))
        con.register("county_roster", pa.table({c: [r[i] for r in roster] for i, c in enumerate(
            ("agency", "parent", "level", "aggregate", "deadline"))}))
        con.execute("""INSERT INTO roster SELECT agency, parent, level, NULL, NULL, aggregate, '', deadline
                       FROM county_roster""")
        con.unregister("county_roster")
        checks.run(con)
        rows = con.execute("""SELECT report_id, rule, severity, message, cells, related_report_id FROM findings
                              WHERE scope = 'corpus' ORDER BY report_id, rule, cells""").fetchall()
        pairs = {(a, b): (score, tuple(filter(None, (passages or "").split("\n"))))
                 for a, b, _, score, passages in con.execute("SELECT * FROM copy_pairs").fetchall()}
    finally:
        con.close()
    wanted = {_report_id(pk, s.year) for pk, s in now.items()}
    return CorpusResult([r for r in rows if r[0] in wanted], pairs)


_COUNTERPART = {"applications.carried_in": "applications.carried_out"}


def _counterpart(path: str) -> str:
    """The cell of the year before a comparison reads: last year's 结转下年度 for this year's 上年结转."""
    head, _, col = path.rpartition(".")
    return f"{_COUNTERPART.get(head, head)}.{col}"


def collect(county: Agency, year: int) -> list[Item]:
    """Every finding of the county's reports of ``year``, most severe first, with the decisions taken."""
    agencies = supervised(county)
    now = reports_of(county, year, agencies)
    before = reports_of(county, year - 1, agencies)
    out: list[Item] = []
    for pk, sourced in now.items():
        for f in report_findings(sourced):
            out.append(Item(fingerprint(pk, year, f.rule, f.cells), sourced.agency, year, f.rule, f.severity,
                            f.message, tuple(f.cells), tuple(evidence(sourced, c) for c in f.cells), sourced.label,
                            "report"))
    result = corpus_findings(county, year, now, before, agencies)
    reports = {_report_id(pk, s.year): s for rs in (now, before) for pk, s in rs.items()}
    for report_id, rule, severity, message, cells, related_id in result.findings:
        sourced = reports[report_id]
        other = reports.get(related_id) if related_id else None
        paths = tuple(filter(None, (cells or "").split(",")))
        proof = [evidence(sourced, c) for c in paths]
        if other is not None and other.year != year:
            proof += [evidence(other, _counterpart(c), M.EVIDENCE_PREVIOUS.format(year=other.year)) for c in paths]
        related = other.agency if other is not None and other.agency.pk != sourced.agency.pk else None
        score, passages = result.pairs.get((report_id, related_id)) or result.pairs.get((related_id, report_id)) \
            or (None, ())
        out.append(Item(fingerprint(sourced.agency.pk, year, rule, paths, related.pk if related else None),
                        sourced.agency, year, rule, severity, message, paths, tuple(proof), sourced.label, "corpus",
                        related, passages if rule.startswith("copied_") else (), score if rule.startswith("copied_")
                        else None))
    decisions = {d.fingerprint: d for d in FindingDecision.objects.filter(
        county=county, fingerprint__in=[i.fingerprint for i in out]).select_related("decided_by")}
    order = {a.pk: n for n, a in enumerate(agencies)}
    out = [dataclasses.replace(i, decision=decisions.get(i.fingerprint)) for i in out]
    return sorted(out, key=lambda i: (SEVERITY_ORDER.get(i.severity, 9), order.get(i.agency.pk, 0), i.rule, i.cells))


def filtered(items: list[Item], agency: str = "", severity: str = "", decided: str = "") -> list[Item]:
    """The items of one agency (its code), one severity, decided (``yes``) or not (``no``)."""
    out = items
    if agency:
        out = [i for i in out if i.agency.code == agency]
    if severity:
        out = [i for i in out if i.severity == severity]
    if decided == "yes":
        out = [i for i in out if i.decision is not None]
    elif decided == "no":
        out = [i for i in out if i.decision is None]
    return out


COMMENT_LIMIT = 2000


class DecisionRefused(Exception):
    """The decision cannot be taken (nothing was changed); ``message`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decide(county: Agency, year: int, fp: str, decision: str, comment: str, user) -> FindingDecision:
    """Confirm or dismiss the finding ``fp`` of the county's year, with a comment; one transaction.

    The finding must be one of the year's as computed now (a stale page cannot decide a finding the
    report no longer has). The decision row is unique per (county, fingerprint): the first of two
    offices' clerks deciding at once creates it, the second waits on its lock and changes it; each
    change leaves an audit entry with the decision before and after."""
    if decision not in M.DECIDED:
        raise DecisionRefused(M.DECISION_INVALID)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_LIMIT:
        raise DecisionRefused(M.COMMENT_TOO_LONG.format(limit=COMMENT_LIMIT))
    item = next((i for i in collect(county, year) if i.fingerprint == fp), None)
    if item is None:
        raise DecisionRefused(M.DECISION_UNKNOWN)
    fields = {"agency": item.agency, "year": year, "rule": item.rule, "decision": decision, "comment": comment,
              "decided_at": timezone.now(), "decided_by": user}
    with transaction.atomic():
        row = FindingDecision.objects.select_for_update().filter(county=county, fingerprint=fp).first()
        before = row.decision if row is not None else ""
        if row is None:
            try:
                with transaction.atomic():  # a savepoint: the other clerk's row may have just committed
                    row = FindingDecision.objects.create(county=county, fingerprint=fp, **fields)
            except IntegrityError:
                row = FindingDecision.objects.select_for_update().get(county=county, fingerprint=fp)
                before = row.decision
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save()
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        record(item.agency, user, f"finding:{year}:{fp[:16]}", "finding_decide", before, decision,
               f"{item.rule_label}：{comment}"[:500])
    return row
