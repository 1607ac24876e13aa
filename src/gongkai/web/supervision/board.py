"""The roster and deadline board: every supervised agency, its local deadlines and its state for a year.

The roster is the agency tree below the county (``access.supervised``); a ``RosterEntry`` takes an
agency off it for the years it was not expected to report (created later, merged away).

Deadlines (``deadlines_for``) are dates in the year after the report year. Without a ``LevelDeadline``
row: publication by 01-31 for departments and townships (条例第四十九条), by 03-31 for a 人民政府
(第五十条, 本级政府年度报告), and filing by the publication date (no earlier filing date).

The state of an agency for the year (``classify``), worked out in this order:

- 已发布 (published): a version is published on the platform, or a report published elsewhere was
  uploaded and matched to the agency. Published after the publication deadline: still 已发布, with
  the mark 逾期发布 (``late_publication``).
- Otherwise the stage reached: 已备案 (the latest filing accepted), 退回整改 (returned), 已报送
  (submitted, waiting for the office), 草稿 (the report has written text or entered figures on the
  platform, never filed), 未起草 (nothing).
- 缺报 (missing) replaces the stage when the publication deadline (the year's final one) has passed
  with nothing at all: no filing, no publication, no upload, no draft (stage 未起草).
- 逾期 (overdue) replaces it when a deadline has passed and its step is not done: the publication
  deadline passed and not published; or, when filing is required, the filing deadline passed and
  nothing filed yet (stage 未起草 or 草稿). The stage reached is kept and shown with it. Filing is
  required when the county requires 先备案后公布, or when its deadlines set a filing date earlier than
  the publication date (怀化: file by 1-26, publish by 1-28).

"Today" is the project's clock (``applications.models.today``). The deadline is the last day allowed:
overdue from the day after. Due soon: the next deadline not met falls within ``SOON_DAYS`` days
(today included), shown with a CSS class and its text (not colour alone).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from gongkai.web.agencies.models import Agency
from gongkai.web.reports.models import AnnualReport, ProactiveFigures, ReportVersion

from . import messages as M
from .access import ancestors, supervised
from .models import CountyRules, Filing, LevelDeadline, Reminder, RosterEntry
from .sources import uploads

SOON_DAYS = 7

NOT_STARTED, DRAFT, SUBMITTED, RETURNED, ACCEPTED, PUBLISHED, OVERDUE, MISSING = (
    "not_started", "draft", "submitted", "returned", "accepted", "published", "overdue", "missing")
STATE_LABELS = {NOT_STARTED: "未起草", DRAFT: "草稿", SUBMITTED: "已报送", RETURNED: "退回整改", ACCEPTED: "已备案",
                PUBLISHED: "已发布", OVERDUE: "逾期", MISSING: "缺报"}
STATES = tuple(STATE_LABELS)
FILING_STAGES = {Filing.State.SUBMITTED: SUBMITTED, Filing.State.RETURNED: RETURNED,
                 Filing.State.ACCEPTED: ACCEPTED}
# Not yet filed: what a reminder "to all not yet filed" goes to (a returned filing must be filed again).
NOT_FILED = frozenset({NOT_STARTED, DRAFT, RETURNED})
# Stages reached by filing with the office (the 通报 counts these as filed, not yet published).
FILED = frozenset({SUBMITTED, RETURNED, ACCEPTED})

DEFAULT_PUBLISH = {Agency.Level.GOVERNMENT: (3, 31), Agency.Level.DEPARTMENT: (1, 31),
                   Agency.Level.TOWNSHIP: (1, 31)}


@dataclass(frozen=True)
class Deadlines:
    filing: dt.date
    publish: dt.date
    configured: bool  # False: the statute's defaults (no LevelDeadline row)


@dataclass(frozen=True)
class Facts:
    """What the platform knows of one agency's report for the year, gathered in bulk by ``facts_of``."""

    published_on: dt.date | None = None  # first publication (platform or elsewhere)
    published_where: str = ""  # "platform" | "external"
    filing_state: str = ""  # the latest filing that was not withdrawn
    filings: int = 0
    first_filed_on: dt.date | None = None
    has_draft: bool = False


@dataclass(frozen=True)
class Due:
    what: str  # "filing" | "publish"
    date: dt.date
    days: int  # 0 = today

    @property
    def text(self) -> str:
        label = M.DUE_WHAT[self.what]
        if self.days == 0:
            return M.DUE_TODAY.format(what=label, date=self.date.isoformat())
        return M.DUE_IN.format(what=label, days=self.days, date=self.date.isoformat())


@dataclass(frozen=True)
class Status:
    state: str
    stage: str  # the step reached (state before 逾期/缺报 replaced it)
    late_publication: bool
    late_filing: bool  # the first filing after the filing deadline (shown as a mark, like 逾期发布)
    due: Due | None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def stage_label(self) -> str:
        return STATE_LABELS[self.stage]


@dataclass(frozen=True)
class Row:
    agency: Agency
    expected: bool
    deadlines: Deadlines
    facts: Facts
    status: Status | None  # None when not expected this year
    unread_reminders: int


def rules_of(county: Agency) -> CountyRules | None:
    return CountyRules.objects.filter(county=county).first()


def filing_first(agency: Agency) -> tuple[bool, Agency | None]:
    """Whether 先备案后公布 applies to the agency, and the county whose rule says so: the nearest agency
    at or above it with rules set decides (a county's own choice overrides its city's)."""
    chain = ancestors(agency)
    rules = {r.county_id: r for r in CountyRules.objects.filter(county_id__in=[a.pk for a in chain])}
    for a in chain:
        if a.pk in rules:
            return rules[a.pk].filing_first, a
    return False, None


def deadlines_for(county: Agency, year: int) -> dict[str, Deadlines]:
    rows = {d.level: d for d in LevelDeadline.objects.filter(county=county)}
    out = {}
    for level, (month, day) in DEFAULT_PUBLISH.items():
        row = rows.get(level)
        if row is not None:
            out[level] = Deadlines(row.filing_date(year), row.publish_date(year), True)
        else:
            publish = dt.date(year + 1, month, day)
            out[level] = Deadlines(publish, publish, False)
    return out


def classify(facts: Facts, deadlines: Deadlines, today: dt.date, filing_required: bool) -> Status:
    """The state of one agency for the year (module docstring), from its facts alone."""
    late_filing = bool(filing_required and facts.first_filed_on and facts.first_filed_on > deadlines.filing)
    if facts.published_on is not None:
        return Status(PUBLISHED, PUBLISHED, facts.published_on > deadlines.publish, late_filing, None)
    stage = FILING_STAGES.get(facts.filing_state) or (DRAFT if facts.has_draft else NOT_STARTED)
    if today > deadlines.publish:
        state = MISSING if stage == NOT_STARTED else OVERDUE
        return Status(state, stage, False, late_filing, None)
    unfiled = stage in (NOT_STARTED, DRAFT)
    if filing_required and unfiled and today > deadlines.filing:
        return Status(OVERDUE, stage, False, late_filing, _due("publish", deadlines.publish, today))
    if filing_required and unfiled:
        return Status(stage, stage, False, late_filing, _due("filing", deadlines.filing, today))
    return Status(stage, stage, False, late_filing, _due("publish", deadlines.publish, today))


def _due(what: str, date: dt.date, today: dt.date) -> Due | None:
    days = (date - today).days
    return Due(what, date, days) if 0 <= days < SOON_DAYS else None


def facts_of(county: Agency, agencies: list[Agency], year: int) -> dict[int, Facts]:
    """The facts of every agency, in a handful of queries whatever the county's size."""
    ids = [a.pk for a in agencies]
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency_id__in=ids, year=year)}
    published: dict[int, tuple[dt.date, str]] = {}
    for v in (ReportVersion.objects.filter(report__agency_id__in=ids, report__year=year, number=1)
              .select_related("report")):
        published[v.report.agency_id] = (v.published_on, "platform")
    for e in uploads(county, ids, year).order_by("uploaded_at", "id"):
        if e.agency_id in published:
            continue
        try:
            on = dt.date.fromisoformat((e.document or {}).get("published_on") or "")
        except ValueError:
            on = None
        # A report found elsewhere without a date still counts as published; its lateness is unknown.
        published[e.agency_id] = (on or dt.date.min, "external")
    figures = set(ProactiveFigures.objects.filter(agency_id__in=ids, year=year).values_list("agency_id", flat=True))
    filings: dict[int, list[Filing]] = {}
    for f in Filing.objects.filter(agency_id__in=ids, year=year).order_by("number").only(
            "agency_id", "number", "state", "submitted_on"):
        filings.setdefault(f.agency_id, []).append(f)
    out = {}
    for pk in ids:
        r = reports.get(pk)
        mine = filings.get(pk, [])
        live = [f for f in mine if f.state != Filing.State.WITHDRAWN]
        on, where = published.get(pk, (None, ""))
        out[pk] = Facts(
            published_on=on, published_where=where,
            filing_state=live[-1].state if live else "", filings=len(mine),
            first_filed_on=mine[0].submitted_on if mine else None,
            has_draft=pk in figures or bool(r and any((r.section1.strip(), r.section5.strip(), r.section6.strip()))),
        )
    return out


def expected_map(county: Agency, agencies: list[Agency], year: int) -> dict[int, bool]:
    entries = {e.agency_id: e for e in RosterEntry.objects.filter(county=county)}
    return {a.pk: (entries[a.pk].expects(year) if a.pk in entries else True) for a in agencies}


def board(county: Agency, year: int, today: dt.date) -> list[Row]:
    """Every supervised agency with its deadlines and state; the not-expected ones too (status None)."""
    agencies = supervised(county)
    deadlines = deadlines_for(county, year)
    required = filing_first(county)[0]
    facts = facts_of(county, agencies, year)
    expected = expected_map(county, agencies, year)
    unread = Counter(Reminder.objects.filter(county=county, year=year, read_at__isnull=True)
                     .values_list("agency_id", flat=True))
    rows = []
    for a in agencies:
        d = deadlines[a.level]
        status = classify(facts[a.pk], d, today, required or d.filing < d.publish) if expected[a.pk] else None
        rows.append(Row(a, expected[a.pk], d, facts[a.pk], status, unread[a.pk]))
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    """How many expected agencies are in each state (every state listed, zeros included)."""
    found = Counter(r.status.state for r in rows if r.status is not None)
    return {state: found[state] for state in STATES}
