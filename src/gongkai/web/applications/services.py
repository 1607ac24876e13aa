"""Every change of an application goes through ``apply``: one place that saves, recounts the
deadline and writes the audit entry, so no state change can happen without who, when and why.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.web.agencies.models import Agency, record
from gongkai.web.agencies.sequences import next_value

from . import deadlines
from .models import Application, TrackingCounter, tracking_number


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
