"""Who may see and do what: every staff view goes through ``staff_view``.

Another agency's staff get 404 (they must not learn that an application exists), staff of the
right agency without the needed role get 403, anonymous visitors are sent to the login page.
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Agency, Membership, Role


def roles_of(user, agency: Agency) -> set[str]:
    """The staff roles the user holds in the agency. The supervisor role (政务公开办) is not one: it
    opens the supervision pages only (supervision/access.py), never the agency's own cases."""
    return set(Membership.objects.filter(user=user, agency=agency).exclude(role=Role.SUPERVISOR)
               .values_list("role", flat=True))


def agency_for(request, code: str, roles: tuple[str, ...] = ()) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    held = roles_of(request.user, agency)
    if not held:
        raise Http404("no such agency")
    if roles and not held & set(roles):
        raise PermissionDenied
    request.roles = held
    return agency


def staff_view(*roles: str):
    """The view gets the agency of the ``code`` URL argument, once access is established."""

    def decorator(view):
        @login_required
        @functools.wraps(view)
        def wrapper(request, code, *args, **kwargs):
            return view(request, agency_for(request, code, roles), *args, **kwargs)

        return wrapper

    return decorator
