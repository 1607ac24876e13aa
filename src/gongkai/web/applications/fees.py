"""信息处理费 from the register: the applicant's rank in the calendar month, counted from the records.

Why here and not typed by the clerk: 按件计收 (国办函〔2020〕109号) prices an application by how many
the same applicant made in the same calendar month, which the register knows and a clerk gets wrong.
"Same applicant" is the same identity number where both have one, else the same name and the same
phone or e-mail. The count is per agency (the fee is the agency's), in the order of receipt (then of
registration), and the application is priced on its own band (``gongkai.clock.fees.application_fee``).
"""

from __future__ import annotations

import calendar as cal
import datetime as dt

from django.db.models import Q

from gongkai.clock.fees import PER_PAGE, FeeCalculation, application_fee, per_page_fee

from .models import Application


def same_applicant(app: Application) -> Q:
    """The records of the same applicant as ``app``: identity number, or name + a contact."""
    if app.id_number:
        return Q(id_number=app.id_number)
    contacts = Q(pk__in=[])
    if app.phone:
        contacts |= Q(phone=app.phone)
    if app.email:
        contacts |= Q(email__iexact=app.email)
    return Q(id_number="", applicant_name=app.applicant_name) & contacts | Q(pk=app.pk)


def month_rank(app: Application) -> int:
    """Which application of its applicant's calendar month (at this agency) ``app`` is, 1-based."""
    first, last = month_of(app.received_on)
    earlier = (Application.objects.filter(agency_id=app.agency_id, received_on__range=(first, last))
               .filter(same_applicant(app))
               .filter(Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk)))
    return earlier.count() + 1


def calculation(app: Application, scale: str, pages: int | None) -> FeeCalculation:
    """The fee of this one application on the scale chosen (pages for 按量计收)."""
    if scale == PER_PAGE:
        return per_page_fee(pages)
    return application_fee(month_rank(app))


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    return day.replace(day=1), day.replace(day=cal.monthrange(day.year, day.month)[1])
