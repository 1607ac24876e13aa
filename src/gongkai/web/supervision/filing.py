"""先备案后公布: an agency files its draft report with the county office, which returns or accepts it.

Every submission is a new ``Filing`` with the report as it stood (``snapshot``); a decision is written
once on the filing's row, under its lock, so two office staff deciding at the same moment are served
one after the other and the second one is refused (``Conflict``) instead of deciding twice.
Submissions of one agency and year are serialised on the report's own row (the lock publication.py
takes), so a submission and a publication never cross.

When the county's rule is on (``board.filing_first``), publication waits (``publication_block``)
until the latest filing is accepted AND the report is still what was accepted: its tables and its
texts are compared with the snapshot (not its publication date or source, which publishing sets).
A change after acceptance needs a new filing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.report import document_json
from gongkai.web.agencies import locks
from gongkai.web.agencies.models import Agency, record
from gongkai.web.applications.models import today
from gongkai.web.reports import assemble as A
from gongkai.web.reports.models import AnnualReport

from . import messages as M
from .board import filing_first
from .models import Filing

# The parts of the report the office looked at: a change in any of them needs a new filing.
COMPARED = ("issuer", "year", "title", "proactive", "applications", "appeals", "sections")
FILERS = ("reviewer", "head")


class AlreadyDecided(locks.Conflict):
    def __init__(self):
        super().__init__(M.ALREADY_DECIDED)


class CannotFile(locks.Conflict):
    pass


def content(document: dict) -> dict:
    return {key: document.get(key) for key in COMPARED}


def filings(agency: Agency, year: int) -> list[Filing]:
    return list(Filing.objects.filter(agency=agency, year=year).select_related("submitted_by", "decided_by")
                .order_by("number"))


def latest(agency: Agency, year: int) -> Filing | None:
    return (Filing.objects.filter(agency=agency, year=year).exclude(state=Filing.State.WITHDRAWN)
            .order_by("-number").first())


def current_document(agency: Agency, year: int, texts: AnnualReport | None = None) -> dict:
    return document_json(A.assemble(agency, year, texts))


def submit(agency: Agency, year: int, user) -> Filing:
    """File the report as it stands now: refused while a filing waits for the office, while the
    accepted filing still matches the report, or once the report is published."""
    with transaction.atomic():
        row = AnnualReport.objects.get_or_create(agency=agency, year=year)[0]
        texts = locks.locked(AnnualReport, row.pk)
        if texts.state == AnnualReport.State.PUBLISHED:
            raise CannotFile(M.FILE_PUBLISHED)
        last = Filing.objects.select_for_update().filter(agency=agency, year=year).order_by("-number").first()
        document = current_document(agency, year, texts)
        live = latest(agency, year)
        if live is not None and live.state == Filing.State.SUBMITTED:
            raise CannotFile(M.FILE_PENDING)
        if live is not None and live.state == Filing.State.ACCEPTED and content(live.snapshot) == content(document):
            raise CannotFile(M.FILE_UNCHANGED)
        filing = Filing.objects.create(agency=agency, year=year, number=(last.number if last else 0) + 1,
                                       snapshot=document, submitted_by=user)
        record(agency, user, f"report:{year}", "report_filing", "", Filing.State.SUBMITTED,
               f"报送政务公开办备案（第{filing.number}次）")
    return filing


def decide(filing: Filing, user, accept: bool, comment: str, *, seen: str | None = None) -> Filing:
    """Accept (备案通过) or return (退回整改) a waiting filing, once; the comment is kept with it."""
    with transaction.atomic():
        fresh = locks.locked(Filing, filing.pk)
        if fresh.state != Filing.State.SUBMITTED:
            raise AlreadyDecided()
        locks.check_seen(locks.fingerprint(fresh), seen)
        if not accept and not comment.strip():
            raise locks.Conflict(M.RETURN_NEEDS_COMMENT)
        fresh.state = Filing.State.ACCEPTED if accept else Filing.State.RETURNED
        fresh.decided_at, fresh.decided_on, fresh.decided_by = timezone.now(), today(), user
        fresh.comment = comment.strip()
        fresh.save(update_fields=["state", "decided_at", "decided_on", "decided_by", "comment"])
        record(fresh.agency, user, f"report:{fresh.year}", "filing_decision", Filing.State.SUBMITTED, fresh.state,
               f"第{fresh.number}次报送：{fresh.get_state_display()}" + (f"：{fresh.comment}" if fresh.comment else ""))
        locks.bring_up_to_date(filing, fresh)
    return fresh


def board_rules(agency: Agency) -> tuple[bool, Agency | None]:
    """Whether 先备案后公布 applies to the agency, and which county's office it files with."""
    return filing_first(agency)


def publication_block(agency: Agency, year: int, document: dict) -> str | None:
    """Why the report may not be published yet under 先备案后公布 (a Chinese sentence), or None.

    ``document`` is the report about to be published (``document_json`` of the assembled report).
    """
    required, county = filing_first(agency)
    if not required:
        return None
    live = latest(agency, year)
    if live is None:
        return M.BLOCK_NOT_FILED.format(county=county.name)
    if live.state == Filing.State.SUBMITTED:
        return M.BLOCK_WAITING.format(county=county.name, number=live.number)
    if live.state == Filing.State.RETURNED:
        return M.BLOCK_RETURNED.format(county=county.name, number=live.number)
    if content(live.snapshot) != content(document):
        return M.BLOCK_CHANGED.format(number=live.number)
    return None


def changed_parts(filing: Filing, document: dict) -> list[str]:
    """The parts of the report that differ from the filing (labels), for the agency's page."""
    before, now = content(filing.snapshot), content(document)
    return [M.PART_LABELS[key] for key in COMPARED if before.get(key) != now.get(key)]
