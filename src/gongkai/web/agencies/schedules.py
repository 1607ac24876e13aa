"""Saving or removing a year's national holiday schedule: one transaction, audited, every open deadline recounted.

Why all in one place and one transaction: the schedule changes the meaning of every stored deadline
of the platform at once. Saved without the recount, the dashboard's overdue list (a query over the
stored ``due_on``) would disagree with the deadline shown on a case's page; recounted without the
audit, nobody could later say why a deadline moved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.clock import YearSchedule, package_schedule

from . import messages as M
from .models import Agency, HolidaySchedule, record


@dataclass(frozen=True)
class Outcome:
    """What a save did: whether anything changed, and the open applications whose deadline moved."""

    year: int
    changed: bool
    moved: tuple = ()  # applications.services.Moved


def _recount(user, year: int) -> tuple:
    # The recount belongs to the applications app, which depends on this one, not the reverse.
    from gongkai.web.applications import messages as AM
    from gongkai.web.applications.services import recount_open_deadlines

    return tuple(recount_open_deadlines(user, AM.RECOUNT_WHY.format(year=year)))


def _before(row: HolidaySchedule | None, year: int) -> str:
    if row is not None:
        return row.to_schedule().summary()
    known = package_schedule(year)
    return known.summary() if known else M.NONE.format(what=M.NONE_STORED)


def save_schedule(agency: Agency, user, schedule: YearSchedule, notice_number: str,
                  notice_date: dt.date | None) -> Outcome:
    """Store ``schedule`` for its year (replacing what was entered before) and recount every open deadline.

    ``agency`` is where the person acted (the audit trail is kept per agency). An unchanged schedule is
    not saved again, so that pressing 保存 twice leaves one audit entry, not two.
    """
    doc = schedule.to_json()
    with transaction.atomic():
        row = HolidaySchedule.objects.select_for_update().filter(year=schedule.year).first()
        if row is not None and (row.holidays, row.workdays, row.notice_number, row.notice_date) == (
                doc["holidays"], doc["workdays"], notice_number, notice_date):
            return Outcome(schedule.year, changed=False)
        old = _before(row, schedule.year)
        row = row or HolidaySchedule(year=schedule.year)
        row.holidays, row.workdays = doc["holidays"], doc["workdays"]
        row.notice_number, row.notice_date = notice_number, notice_date
        row.updated_at, row.updated_by = timezone.now(), user
        row.save()
        moved = _recount(user, schedule.year)
        record(agency, user, f"calendar:{schedule.year}", "schedule_saved",
               reason=M.AUDIT_SAVED.format(year=schedule.year, old=old, new=row.to_schedule().summary(),
                                           count=len(moved)))
    return Outcome(schedule.year, changed=True, moved=moved)


def delete_schedule(agency: Agency, user, year: int) -> Outcome:
    """Remove the entered schedule of ``year`` (entered for the wrong year, say): the package's data, or
    期限待定 for a year it does not know, apply again, and every open deadline is recounted."""
    with transaction.atomic():
        row = HolidaySchedule.objects.select_for_update().filter(year=year).first()
        if row is None:
            return Outcome(year, changed=False)
        old = row.to_schedule().summary()
        row.delete()
        moved = _recount(user, year)
        fallback = M.FALLBACK_PACKAGE if package_schedule(year) else M.FALLBACK_NONE
        record(agency, user, f"calendar:{year}", "schedule_deleted",
               reason=M.AUDIT_DELETED.format(year=year, fallback=fallback, old=old, count=len(moved)))
    return Outcome(year, changed=True, moved=moved)
