"""Who may supervise what: every supervisor page goes through ``supervisor_view``.

A ``supervisor`` Membership (政务公开办) at a county (or city) agency makes the user a supervisor of that
agency and of every agency below it in the ``Agency.parent`` tree. The role is read-only and never
shows an applicant's personal data; it does not open the agency's own staff pages either
(agencies.access ignores it). A user who is not a supervisor of the county in the URL gets 404, not
403: a township's staff or another county's office must not even learn that the page exists.
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai.web.agencies.models import Agency, Membership, Role


def _children() -> dict[int | None, list[Agency]]:
    """Every agency by its parent's id: one query, walked in Python (a county has at most a few
    hundred agencies, a province a few thousand)."""
    out: dict[int | None, list[Agency]] = {}
    for agency in Agency.objects.order_by("code"):
        out.setdefault(agency.parent_id, []).append(agency)
    return out


def supervised(county: Agency) -> list[Agency]:
    """The county and every agency below it, the county first, then breadth-first by code."""
    children = _children()
    out, level, seen = [county], [county], {county.pk}
    while level:
        nxt = []
        for agency in level:
            for child in children.get(agency.pk, []):
                if child.pk not in seen:  # a cycle entered in the admin must not loop forever
                    seen.add(child.pk)
                    nxt.append(child)
        out.extend(nxt)
        level = nxt
    return out


def ancestors(agency: Agency) -> list[Agency]:
    """The agency and the agencies above it, nearest first."""
    out, seen, current = [], set(), agency
    while current is not None and current.pk not in seen:
        out.append(current)
        seen.add(current.pk)
        current = current.parent
    return out


def is_supervisor(user, county: Agency) -> bool:
    """True when the user holds the supervisor role at the county or at an agency above it."""
    if not user.is_authenticated:
        return False
    ids = [a.pk for a in ancestors(county)]
    return Membership.objects.filter(user=user, agency_id__in=ids, role=Role.SUPERVISOR).exists()


def supervised_by(user) -> list[Agency]:
    """The agencies where the user holds the supervisor role (the counties of their boards)."""
    return list(Agency.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR)
                .distinct().order_by("code"))


def county_for(request, code: str) -> Agency:
    county = get_object_or_404(Agency, code=code)
    if not is_supervisor(request.user, county):
        raise Http404("no such page")
    request.county = county
    return county


def agency_in_scope(county: Agency, agency_code: str) -> Agency:
    """The agency of ``agency_code`` when it is the county or below it, else 404."""
    agency = get_object_or_404(Agency, code=agency_code)
    if county.pk not in {a.pk for a in ancestors(agency)}:
        raise Http404("not supervised here")
    return agency


def supervisor_view(view=None):
    """The view gets the county of the ``code`` URL argument once the user is its supervisor.

    Usable bare (``@supervisor_view``) or called (``@supervisor_view()``), like ``staff_view()``.
    """
    if view is None:
        return supervisor_view

    @login_required
    @functools.wraps(view)
    def wrapper(request, code, *args, **kwargs):
        return view(request, county_for(request, code), *args, **kwargs)

    return wrapper
