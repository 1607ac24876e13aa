"""Numbers given out in order per agency and year (tracking numbers, 索引号), never twice.

Why a locked row and not MAX()+1: two clerks registering at the same moment must not get the same
number, on SQLite and PostgreSQL alike; ``select_for_update`` serialises them on the counter row.
"""

from __future__ import annotations

from django.db import transaction


def next_value(counter_model, agency, year: int) -> int:
    """The next number of ``counter_model`` (fields agency, year, last) for this agency and year."""
    with transaction.atomic():
        counter, _ = counter_model.objects.select_for_update().get_or_create(agency=agency, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last
