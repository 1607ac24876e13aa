"""The county's figures for a year: sections 三 and 四 summed over the supervised agencies' reports and
per agency, the outcome shares and 纠错率, the platform's own counts of late work, rankings, and the
county's own report against the sum of its members when the county says its own report aggregates
theirs (``CountyRules.own_report_aggregates``; otherwise the own line is shown as 本级, not compared).

Why the definitions are not written here: a 公开率 on this page must mean what it means in the corpus
report, so the sums and shares come from ``gongkai.corpus.measures`` (cell-path patterns, one share
function). The platform counts (Art 26 late disclosures, overdue and late answers) are counts per
agency, from grouped queries: no applicant's name, number or text is ever read here.

Rankings carry their definition and a small-sample guard: an agency whose base (the ranking's own
denominator) is below ``RANK_MIN_BASE`` is listed as 样本过少, not ranked. The corpus's ``MIN_BASE``
(30) suits regions; a township handles a handful of applications a year, so the county page shows
every share and guards the ranking at 10, below which one case moves a share by more than ten points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from gongkai.corpus import measures
from gongkai.report import Report
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import OPEN_STATES, Application, today
from gongkai.web.disclosures.models import Attribute, Document

from . import messages_figures as M
from .access import supervised
from .rules import own_report_aggregates
from .sources import SourcedReport, reports_of

RANK_MIN_BASE = 10
# The sums the page, the XLSX and the 通报 table show, in order (names of corpus.measures.SUMS).
SHOWN = ("new", "carried_in", "total", "granted", "partial", "denied", "unable", "not_processed", "other",
         "carried_out", "reconsideration", "rec_corrected", "litigation", "lit_corrected", "fees")
OUTCOMES = ("granted", "partial", "denied", "unable", "not_processed", "other")
PLATFORM = ("applications", "overdue_open", "answered_late", "disclosed", "late_disclosures")


@dataclass(frozen=True)
class AgencyFigures:
    agency: Agency
    source: str  # the SourcedReport's label, "" when the agency has no report
    sums: dict  # corpus.measures.SUMS name -> value (None: blank or no report)
    shares: dict  # corpus.measures.SHARES name -> share (None: no base)
    platform: dict  # PLATFORM name -> count

    @property
    def has_report(self) -> bool:
        return bool(self.source)

    @property
    def overdue(self) -> int:
        return self.platform["overdue_open"] + self.platform["answered_late"]


@dataclass(frozen=True)
class Ranking:
    key: str
    title: str
    definition: str
    percent: bool
    ranked: list  # (rank, AgencyFigures, value, base), competition ranking (1, 1, 3)
    too_small: list  # AgencyFigures with a base below RANK_MIN_BASE
    no_data: list  # AgencyFigures without the figure at all


@dataclass(frozen=True)
class Comparison:
    key: str
    label: str
    own: float | None
    members: float | None

    @property
    def difference(self) -> float | None:
        if self.own is None or self.members is None:
            return None
        return self.own - self.members


@dataclass(frozen=True)
class CountyFigures:
    county: Agency
    year: int
    on: dt.date  # the day the platform's overdue count is for
    members: list[AgencyFigures]  # every supervised agency but the county itself
    own: AgencyFigures  # the county's own row (its report, if any, is not added to the sums)
    sums: dict  # over the members' reports
    shares: dict
    platform: dict  # over every supervised agency, the county's own included
    rankings: list[Ranking] = field(default_factory=list)
    comparison: list[Comparison] = field(default_factory=list)
    own_aggregates: bool = False  # the county's own report sums its members' (then ``comparison`` is made)

    @property
    def reported(self) -> list[AgencyFigures]:
        return [m for m in self.members if m.has_report]

    @property
    def missing(self) -> list[AgencyFigures]:
        return [m for m in self.members if not m.has_report]


def cells_of(report: Report) -> dict[str, float | None]:
    """Every statutory cell of the report by path, and a 2008–2018 report's headline figures as the
    corpus stores them (section ``pre2019``, column ``total``)."""
    out: dict[str, float | None] = {}
    for table in report.tables():
        for row, cols in table.rows.items():
            for col, cell in cols.items():
                out[f"{table.spec.key}.{row}.{col}"] = cell.value
    for key, value in (report.headlines or {}).items():
        out[f"pre2019.{key}.total"] = value
    return out


def _empty_sums() -> dict:
    return dict.fromkeys(measures.SUMS)


def platform_counts(agencies: list[Agency], year: int, on: dt.date) -> dict[int, dict]:
    """The platform's own counts per agency id (three grouped queries, counts only).

    - applications: received in ``year``; overdue_open: of those, still open on ``on`` with the stored
      answer deadline (``Application.due_on``, which also holds a 人工核定 date) before ``on``;
      answered_late: of those, answered after the deadline in force (``replied_late``, Art 33);
    - disclosed / late_disclosures: proactive documents first published in ``year`` / of those the ones
      published more than 20 working days after they were made (``published_late``, Art 26), as
      ``disclosures.figures.year_figures`` counts them.
    """
    ids = [a.pk for a in agencies]
    out = {pk: dict.fromkeys(PLATFORM, 0) for pk in ids}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for row in (Application.objects.filter(agency_id__in=ids, received_on__range=(start, end))
                .values("agency_id").order_by("agency_id")
                .annotate(n=Count("id"),
                          open_late=Count("id", filter=Q(state__in=OPEN_STATES, due_on__lt=on)),
                          late=Count("id", filter=Q(replied_late=True)))):
        out[row["agency_id"]].update(applications=row["n"], overdue_open=row["open_late"], answered_late=row["late"])
    for row in (Document.objects.filter(agency_id__in=ids, attribute=Attribute.PROACTIVE,
                                        first_published_on__range=(start, end))
                .values("agency_id").order_by("agency_id")
                .annotate(n=Count("id"), late=Count("id", filter=Q(published_late=True)))):
        out[row["agency_id"]].update(disclosed=row["n"], late_disclosures=row["late"])
    return out


def agency_figures(agency: Agency, sourced: SourcedReport | None, platform: dict) -> AgencyFigures:
    sums = measures.sums_of(cells_of(sourced.report)) if sourced else _empty_sums()
    return AgencyFigures(agency, sourced.label if sourced else "", sums, measures.shares(sums, min_base=1),
                         dict(platform))


def rank(key: str, rows: list[AgencyFigures], percent: bool = True) -> Ranking:
    """One ranking of ``rows`` by ``key``: a share (measures.SHARES) or a platform count, highest first."""
    title, definition = M.RANKINGS[key]
    values = []
    too_small, no_data = [], []
    for row in rows:
        if key in measures.SHARES:
            denominator = measures.base(key, row.sums)
            value = row.shares[key]
        elif key == "overdue":
            denominator, value = row.platform["applications"], row.overdue
        else:  # late_disclosures
            denominator, value = row.platform["disclosed"], row.platform["late_disclosures"]
        if value is None or not denominator:
            no_data.append(row)
        elif denominator < RANK_MIN_BASE:
            too_small.append(row)
        else:
            values.append((row, value, denominator))
    values.sort(key=lambda item: (-item[1], item[0].agency.code))
    ranked, previous, place = [], None, 0
    for i, (row, value, denominator) in enumerate(values, start=1):
        if value != previous:
            place, previous = i, value
        ranked.append((place, row, value, denominator))
    return Ranking(key, title, definition, percent, ranked, too_small, no_data)


def compare(own: AgencyFigures, total: dict) -> list[Comparison]:
    """The county's own report against the sum of its members, figure by figure (none without a report)."""
    if not own.has_report:
        return []
    return [Comparison(key, M.SUM_LABELS[key], own.sums.get(key), total.get(key)) for key in SHOWN]


def county_figures(county: Agency, year: int, on: dt.date | None = None) -> CountyFigures:
    """Everything the figures page, the XLSX and the 通报 show, computed once."""
    on = on or today()
    agencies = supervised(county)
    reports = reports_of(county, year, agencies)
    platform = platform_counts(agencies, year, on)
    rows = [agency_figures(a, reports.get(a.pk), platform[a.pk]) for a in agencies]
    own, members = rows[0], rows[1:]
    sums = _empty_sums()
    for row in members:
        sums = measures.add(sums, row.sums)
    # The platform's counts do not double up as an aggregate report does: the county's own cases count too.
    counts = {k: sum(r.platform[k] for r in rows) for k in PLATFORM}
    rankings = [rank("disclosed_rate", members), rank("reconsideration_corrected_rate", members),
                rank("litigation_corrected_rate", members), rank("overdue", members, percent=False),
                rank("late_disclosures", members, percent=False)]
    aggregates = own_report_aggregates(county)
    return CountyFigures(county, year, on, members, own, sums, measures.shares(sums, min_base=1), counts,
                         rankings, compare(own, sums) if aggregates else [], aggregates)
