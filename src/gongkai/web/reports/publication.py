"""Every change of an annual report: its written sections, its Article 20 figures, its publication.

Each one is one transaction on the report's row, locked and read again (agencies/locks.py), so that
saving the text while the head publishes can never put a published report back to draft, and a page
made for another version of the report is refused with "此记录刚被他人修改，请刷新后重试".
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.report import Finding, document_json
from gongkai.web.agencies import locks
from gongkai.web.agencies.models import Agency, record

from . import assemble as A
from .models import AnnualReport, ProactiveFigures

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


def save_texts(texts: AnnualReport, user, sections: dict[str, str], *, seen: str | None = None) -> AnnualReport:
    """Store sections 一, 五 and 六 of a draft (only those fields), with the audit entry."""
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state == AnnualReport.State.PUBLISHED:
            raise AlreadyPublished()
        for name in TEXT_FIELDS:
            setattr(fresh, name, sections[name])
        fresh.save(update_fields=list(TEXT_FIELDS))
        record(fresh.agency, user, f"report:{fresh.year}", "report_texts", fresh.state, fresh.state, "修改报告文字部分")
        locks.bring_up_to_date(texts, fresh)
    return fresh


def save_figures(agency: Agency, year: int, user, figures: dict) -> ProactiveFigures:
    """Store the year's Article 20 figures with the audit entry; refused once the report is published."""
    with transaction.atomic():
        texts = locks.locked(AnnualReport, report_row(agency, year).pk)
        if texts.state == AnnualReport.State.PUBLISHED:
            raise AlreadyPublished()
        row, _ = ProactiveFigures.objects.update_or_create(agency=agency, year=year, defaults=figures)
        record(agency, user, f"report:{year}", "report_figures", "", "", "录入第二十条数据")
    return row


def publish(texts: AnnualReport, user, published_on: dt.date, *, seen: str | None = None) -> list[Finding]:
    """Publish the report as the records stand, freezing its figures; refused while any finding is an error.

    Returns the error findings that refused it (nothing is saved then), or [] once published. Raises
    ``Conflict`` when the report changed since the page was made, ``AlreadyPublished`` when it is out.
    """
    with transaction.atomic():
        fresh = _lock(texts, seen)
        if fresh.state == AnnualReport.State.PUBLISHED:
            raise AlreadyPublished()
        fresh.published_on = published_on
        report = A.assemble(fresh.agency, fresh.year, fresh)
        errors = [f for f in A.findings(fresh.agency, fresh.year, report) if f.severity == "error"]
        if errors:
            return errors
        fresh.state, fresh.published_by = AnnualReport.State.PUBLISHED, user
        fresh.snapshot = document_json(report)
        fresh.save(update_fields=["state", "published_on", "published_by", "snapshot"])
        record(fresh.agency, user, f"report:{fresh.year}", "report_publish", "draft", "published",
               f"发布日期{published_on}")
        locks.bring_up_to_date(texts, fresh)
    return []
