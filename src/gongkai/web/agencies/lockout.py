"""The page a staff member sees after too many wrong passwords (django-axes' lockout callable).

Why our own: axes' default answer is an English sentence; this one says in Chinese how long the pause
lasts and whom to ask, with the status 429 that tells scripts to stop.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.shortcuts import render

from . import messages as M
from .clients import client_ip


def client_address(request) -> str | None:
    """The client's address for axes, or None when there is none (a login made in code, not over HTTP).

    Why not client_ip's "unknown": axes stores the address in an inet column on PostgreSQL.
    """
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def locked_out(request, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = M.LOGIN_LOCKED.format(username=username, limit=settings.AXES_FAILURE_LIMIT, minutes=minutes)
    return render(request, "registration/locked.html", {"message": message}, status=429)
