"""Every change of an application goes through ``apply``: one place that saves, recounts the
deadline and writes the audit entry, so no state change can happen without who, when and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from gongkai.web.agencies.models import Agency, record
from gongkai.web.agencies.sequences import next_value

from . import deadlines
from . import messages as M
from .models import OPEN_STATES, Application, TrackingCounter, tracking_number


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


def apply(app: Application, user, action: str, *, to_state: str | None = None, reason: str = "",
          **changes) -> Application:
    with transaction.atomic():
        # Lock the row first: a year's schedule being saved meanwhile (recount_open_deadlines) then
        # finishes before this step reads the calendar, so no deadline is stored on the old calendar.
        list(Application.objects.select_for_update().filter(pk=app.pk).values_list("pk", flat=True))
        from_state = app.state
        for name, value in changes.items():
            setattr(app, name, value)
        if to_state:
            app.state = to_state
        # Pauses may have just been added or closed: recount from the database, not a prefetched list.
        getattr(app, "_prefetched_objects_cache", {}).pop("pauses", None)
        app.due_on = deadlines.stored_due(app, app.agency.calendar())
        app.save()
        record(app.agency, user, f"application:{app.number}", action, from_state, app.state, reason)
    return app


@dataclass(frozen=True)
class Moved:
    """An open application whose stored deadline changed when the calendar did (None: 期限待定)."""

    agency: Agency
    number: str
    old: dt.date | None
    new: dt.date | None


def recount_open_deadlines(user, why: str) -> list[Moved]:
    """Count every open application's deadline again and store it; the ones that moved, audited.

    Called inside the transaction that changed a year's holiday schedule, after the change, so that
    every deadline of the platform agrees with the calendar from the moment it is committed. The rows
    are locked (``select_for_update``) so that a step taken on one of them at the same time waits and
    then counts on the new calendar (see ``apply``). Only ``due_on`` is written: nothing else of the
    case changes, and its audit trail says why the date moved.
    """
    agencies = {a.pk: a for a in Agency.objects.filter(applications__state__in=OPEN_STATES).distinct()}
    calendars = {pk: agency.calendar() for pk, agency in agencies.items()}
    moved: list[Moved] = []
    apps = (Application.objects.select_for_update().filter(state__in=OPEN_STATES)
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
