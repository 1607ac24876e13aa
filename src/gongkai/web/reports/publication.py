"""Every change of an annual report: its written sections, its Article 20 figures, its publication, its 更正.

Each one is one transaction on the report's row, locked and read again (agencies/locks.py), so that
saving the text while the head publishes can never put a published report back to draft, and a page
made for another version of the report is refused with "此记录刚被他人修改，请刷新后重试".

A published report is frozen. To correct it the head opens a correction (state ``correcting``): the
texts and figures can be changed again while the public still gets the last published version; the
correction is published, with its reason and date, as a new version, and every earlier version stays
public, marked as superseded.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.report import Finding, document_json
from gongkai.web.agencies import locks
from gongkai.web.agencies.models import Agency, record
from gongkai.web.applications.models import today
from gongkai.web.supervision.filing import publication_block

from . import assemble as A
from . import messages as M
from . import strict
from .models import AnnualReport, ProactiveFigures, ReportVersion

TEXT_FIELDS = ("section1", "section5", "section6")


class AlreadyPublished(locks.Conflict):
    """The report was published: its text and figures are frozen."""

    def __init__(self):
        super().__init__("报告已发布，不能再修改。")


def report_row(agency: Agency, year: int) -> AnnualReport:
    """The year's row (made when first asked for, so that a page always has a version to show)."""
    return AnnualReport.objects.get_or_create(agency=agency, year=year)[0]


def seen(texts: AnnualReport) -> str:
    return locks.fingerprint(texts)


def _lock(texts: AnnualReport, seen_version: str | None) -> AnnualReport:
    fresh = locks.locked(AnnualReport, texts.pk)
    locks.check_seen(seen(fresh), seen_version)
    return fresh


EDITABLE = (AnnualReport.State.DRAFT, AnnualReport.State.CORRECTING)


class NotCorrecting(locks.Conflict):
    def __init__(self, message: str = M.NOT_CORRECTING):
        super().__init__(message)


def save_texts(texts: AnnualReport, user, sections: dict[str, str], *, seen: str | None = None) -> AnnualReport:
    """Store sections 一, 五 and 六 of a draft or a correction (only those fields), with the audit entry."""
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state not in EDITABLE:
            raise AlreadyPublished()
        for name in TEXT_FIELDS:
            setattr(fresh, name, sections[name])
        fresh.save(update_fields=list(TEXT_FIELDS))
        record(fresh.agency, user, f"report:{fresh.year}", "report_texts", fresh.state, fresh.state, "修改报告文字部分")
        locks.bring_up_to_date(texts, fresh)
    return fresh


def save_figures(agency: Agency, year: int, user, figures: dict) -> ProactiveFigures:
    """Store the year's Article 20 figures with the audit entry; refused while the report is published."""
    with transaction.atomic():
        texts = locks.locked(AnnualReport, report_row(agency, year).pk)
        if texts.state not in EDITABLE:
            raise AlreadyPublished()
        row, _ = ProactiveFigures.objects.update_or_create(agency=agency, year=year, defaults=figures)
        record(agency, user, f"report:{year}", "report_figures", "", "", "录入第二十条数据")
    return row


def refusals(texts: AnnualReport) -> list[Finding]:
    """The errors that refuse publishing the report as the records and texts stand now (with the
    platform's stricter grades, strict.py)."""
    report = A.assemble(texts.agency, texts.year, texts)
    return [f for f in A.findings(texts.agency, texts.year, report) if f.severity == "error"]


def _filing_first(texts: AnnualReport, report) -> list[Finding]:
    """先备案后公布 (supervision/filing.py): refused until the county office accepted the report as it is."""
    reason = publication_block(texts.agency, texts.year, document_json(report))
    return [Finding("filing_first", "error", reason)] if reason else []


def publish(texts: AnnualReport, user, published_on: dt.date, *, seen: str | None = None) -> list[Finding]:
    """Publish the report as the records stand, freezing its figures; refused while any finding is an error.

    Returns the error findings that refused it (nothing is saved then), or [] once published. Raises
    ``Conflict`` when the report changed since the page was made, ``AlreadyPublished`` when it is out.
    """
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state != AnnualReport.State.DRAFT:
            raise AlreadyPublished()
        fresh.published_on = published_on
        report = A.assemble(fresh.agency, fresh.year, fresh)
        errors = strict.future_date(published_on, today()) + [
            f for f in A.findings(fresh.agency, fresh.year, report) if f.severity == "error"]
        errors += _filing_first(fresh, report)
        if errors:
            return errors
        fresh.state, fresh.published_by = AnnualReport.State.PUBLISHED, user
        fresh.snapshot = document_json(report)
        fresh.save(update_fields=["state", "published_on", "published_by", "snapshot"])
        ReportVersion.objects.create(report=fresh, number=1, published_on=published_on, published_by=user,
                                     snapshot=fresh.snapshot)
        record(fresh.agency, user, f"report:{fresh.year}", "report_publish", "draft", "published",
               f"发布日期{published_on}")
        locks.bring_up_to_date(texts, fresh)
    return []


def begin_correction(texts: AnnualReport, user, *, seen: str | None = None) -> AnnualReport:
    """Open a published report for correction; the public keeps the published version meanwhile."""
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state != AnnualReport.State.PUBLISHED:
            raise NotCorrecting(M.NOT_PUBLISHED)
        fresh.state = AnnualReport.State.CORRECTING
        fresh.save(update_fields=["state"])
        record(fresh.agency, user, f"report:{fresh.year}", "report_correct", "published", "correcting", "开始更正")
        locks.bring_up_to_date(texts, fresh)
    return fresh


def cancel_correction(texts: AnnualReport, user, *, seen: str | None = None) -> AnnualReport:
    """Give up a correction: texts and figures go back to the published version, which stays current."""
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state != AnnualReport.State.CORRECTING:
            raise NotCorrecting()
        published = fresh.snapshot or {}
        for n, name in zip((1, 5, 6), TEXT_FIELDS, strict=True):
            setattr(fresh, name, ((published.get("sections") or {}).get(str(n)) or {}).get("text", ""))
        fresh.state = AnnualReport.State.PUBLISHED
        fresh.save(update_fields=["state", *TEXT_FIELDS])
        figures = A.figures_of(published)
        if figures:
            ProactiveFigures.objects.update_or_create(agency=fresh.agency, year=fresh.year, defaults=figures)
        record(fresh.agency, user, f"report:{fresh.year}", "report_correct", "correcting", "published", "放弃更正")
        locks.bring_up_to_date(texts, fresh)
    return fresh


def publish_correction(texts: AnnualReport, user, corrected_on: dt.date, reason: str, *,
                       seen: str | None = None) -> list[Finding]:
    """Publish the correction as a new version with its reason and date; refused like a first publication.

    The report keeps its first publication date (Art 49's deadline is about the report, not its
    correction), so a correction in June of a report published in January is not "late".
    """
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state != AnnualReport.State.CORRECTING:
            raise NotCorrecting()
        last = fresh.versions.order_by("-number").first()
        errors = strict.future_date(corrected_on, today(), what="更正日期")
        if last is not None and corrected_on < last.date:
            errors.append(Finding("correction_date", "error", M.CORRECTION_BEFORE.format(
                date=corrected_on.isoformat(), last=last.date.isoformat())))
        if not reason.strip():
            errors.append(Finding("correction_reason", "error", M.NO_REASON))
        report = A.assemble(fresh.agency, fresh.year, fresh)
        errors += [f for f in A.findings(fresh.agency, fresh.year, report) if f.severity == "error"]
        errors += _filing_first(fresh, report)
        if errors:
            return errors
        fresh.state, fresh.snapshot = AnnualReport.State.PUBLISHED, document_json(report)
        fresh.save(update_fields=["state", "snapshot"])
        number = (last.number if last else 0) + 1
        ReportVersion.objects.create(report=fresh, number=number, published_on=fresh.published_on,
                                     corrected_on=corrected_on, reason=reason.strip(), published_by=user,
                                     snapshot=fresh.snapshot)
        record(fresh.agency, user, f"report:{fresh.year}", "report_correction", "correcting", "published",
               f"第{number}版，更正日期{corrected_on}：{reason.strip()}")
        locks.bring_up_to_date(texts, fresh)
    return []
