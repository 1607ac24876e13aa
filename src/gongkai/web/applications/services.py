"""Every change of an application goes through ``apply``: one place that saves, recounts the
deadline and writes the audit entry, so no state change can happen without who, when and why.

Each change is one transaction on the row locked and read again (``lock``); see agencies/locks.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from gongkai.web.agencies import locks, stall, uploads
from gongkai.web.agencies.models import Agency, record
from gongkai.web.agencies.sequences import next_value

from . import deadlines
from . import messages as M
from .models import OPEN_STATES, Application, Attachment, TrackingCounter, tracking_number


def next_number(agency: Agency, year: int) -> str:
    return tracking_number(agency, year, next_value(TrackingCounter, agency, year))


def register(agency: Agency, user, **fields) -> Application:
    with transaction.atomic():
        app = Application.objects.create(agency=agency, number=next_number(agency, fields["received_on"].year),
                                         **fields)
        app.due_on = deadlines.stored_due(app, agency.calendar())
        app.save(update_fields=["due_on"])
        record(agency, user, f"application:{app.number}", "register", "", app.state,
               f"收到申请（{app.get_channel_display()}），收到之日{app.received_on}")
    return app


def seen(app: Application) -> str:
    """The version of a case a page shows: the row and its pauses (the clock's state)."""
    return locks.fingerprint(app, *((p.pk, p.kind, p.start, p.end) for p in app.pauses.all()))


def lock(app: Application, seen_version: str | None = None) -> Application:
    """The case read again under its row lock; ``Conflict`` when it is no longer what the page showed.

    Call inside ``transaction.atomic``. The lock also makes a year's schedule being saved meanwhile
    (``recount_open_deadlines``) finish before this step reads the calendar, so no deadline is stored
    on the old calendar.
    """
    fresh = locks.locked(Application, app.pk)
    locks.check_seen(seen(fresh), seen_version)
    return fresh


def apply(app: Application, user, action: str, *, to_state: str | None = None, reason: str = "",
          **changes) -> Application:
    """Write one step: the changed fields on the locked row, the recounted deadline, the audit entry.

    The row is read again under its lock and only the fields this step changes are written, never a
    whole copy read earlier, so a step taken by someone else at the same moment is not undone. The
    instance passed in is brought up to date; the locked one is returned.
    """
    with transaction.atomic():
        fresh = lock(app)
        from_state = fresh.state
        for name, value in changes.items():
            setattr(fresh, name, value)
        if to_state:
            fresh.state = to_state
        fresh.due_on = deadlines.stored_due(fresh, fresh.agency.calendar())
        fresh.save(update_fields=[*changes, *(["state"] if to_state else []), "due_on"])
        record(fresh.agency, user, f"application:{fresh.number}", action, from_state, fresh.state, reason)
        locks.bring_up_to_date(app, fresh)
    return fresh


def attach(app: Application, user, kind: str, upload) -> Attachment:
    """Add a file to the case: the row, the audit entry and the file in place commit together or not at all.

    Not compared with a page's version: a delivery receipt may be added whatever happened meanwhile.
    """
    with uploads.staging() as files, transaction.atomic():
        fresh = lock(app)
        item = Attachment(application=fresh, kind=kind, uploaded_by=user)
        files.stage(item, "file", upload)
        item.save()
        apply(fresh, user, "attach", reason=M.AUDIT_ATTACH.format(name=upload.name))
        stall.point("attach")
    return item


@dataclass(frozen=True)
class Moved:
    """An open application whose stored deadline changed when the calendar did (None: 期限待定)."""

    agency: Agency
    number: str
    old: dt.date | None
    new: dt.date | None


def recount_open_deadlines(user, why: str, only: Agency | None = None) -> list[Moved]:
    """Count every open application's deadline again and store it; the ones that moved, audited.

    Called inside the transaction that changed a year's holiday schedule, after the change, so that
    every deadline of the platform agrees with the calendar from the moment it is committed. The rows
    are locked (``select_for_update``) so that a step taken on one of them at the same time waits and
    then counts on the new calendar (see ``apply``). Only ``due_on`` is written: nothing else of the
    case changes, and its audit trail says why the date moved. ``only``: that agency's cases alone
    (its local rest days changed).
    """
    open_here = Agency.objects.filter(applications__state__in=OPEN_STATES)
    if only is not None:
        open_here = open_here.filter(pk=only.pk)
    agencies = {a.pk: a for a in open_here.distinct()}
    calendars = {pk: agency.calendar() for pk, agency in agencies.items()}
    moved: list[Moved] = []
    apps = (Application.objects.select_for_update().filter(state__in=OPEN_STATES, agency__in=list(agencies))
            .prefetch_related("pauses").order_by("agency_id", "number"))
    for app in apps:
        agency = app.agency = agencies[app.agency_id]
        new = deadlines.stored_due(app, calendars[agency.pk])
        if new == app.due_on:
            continue
        Application.objects.filter(pk=app.pk).update(due_on=new)
        record(agency, user, f"application:{app.number}", "recount", app.state, app.state,
               M.AUDIT_RECOUNT.format(why=why, old=app.due_on or M.NO_DATE, new=new or M.NO_DATE))
        moved.append(Moved(agency, app.number, app.due_on, new))
    return moved
