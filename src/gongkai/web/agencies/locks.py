"""One change, one transaction: lock the row, read it again, and compare it with what the person saw.

Every state-changing service of the platform takes its row with ``locked`` inside ``transaction.atomic``
and decides on that fresh copy, never on one read before the lock: two people acting at the same
moment are then served one after the other, and the second one sees the first one's change. A page
that offers a change carries the row's ``fingerprint`` (the hidden field ``seen``); the service refuses
the change (``Conflict``, "此记录刚被他人修改，请刷新后重试") when the row no longer has it, so a form
left open while someone else acted cannot undo their work either.

Why a fingerprint of the row's values and not a version column: it changes whichever path wrote the
row (a service, the back office, a data fix), it needs no schema change, and a change that did not
touch the row (an attachment added, a review noted) does not make everybody's open form stale.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models

from . import messages as M
from . import stall

SEEN = "seen"  # the hidden field of every form that changes a row


class Conflict(Exception):
    """The row changed since the page was made, or the step no longer applies: nothing was changed."""

    def __init__(self, message: str = M.STALE):
        super().__init__(message)


def fingerprint(instance: models.Model, *related) -> str:
    """A short digest of the row's stored values (and of ``related`` rows that belong to it)."""
    values = [[f.attname, getattr(instance, f.attname)] for f in instance._meta.concrete_fields]
    raw = json.dumps([values, [list(r) for r in related]], default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def locked(model: type[models.Model], pk) -> models.Model:
    """The row, read again under its lock (``select_for_update``; SQLite locks at BEGIN IMMEDIATE).

    Must be called inside ``transaction.atomic``. Raises ``Conflict`` when the row is gone.
    """
    try:
        row = model._default_manager.select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise Conflict() from None
    stall.point("locked")
    return row


def check_seen(current: str, seen: str | None) -> None:
    """Refuse a change made on a page that showed another version of the row.

    ``seen`` is None when the request carried none (a script, a test): the lock and the service's own
    checks on the fresh row still hold, only the comparison with a page is skipped.
    """
    if seen is not None and seen != current:
        raise Conflict()


def seen_in(post) -> str | None:
    """The version a submitted form was made for, or None when it carried none."""
    value = post.get(SEEN)
    return value.strip() if value else None


def bring_up_to_date(stale: models.Model, fresh: models.Model) -> None:
    """Give the caller's copy the values just written, so it cannot later be saved over them.

    The services keep their old contract (the instance passed in shows the change) without ever
    writing from that copy.
    """
    if stale is fresh:
        return
    for field in fresh._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale._state.fields_cache.clear()
    getattr(stale, "_prefetched_objects_cache", {}).clear()
