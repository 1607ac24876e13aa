"""How many anonymous online applications and 意见箱 messages one client address may send a day.

Why: every online application is a case the office must answer within twenty working days and a
figure of the annual report; one script filing two hundred of them in a minute must be stopped at
the door, on the web pages and the API alike. The use is counted before the work (``limits``).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.web.agencies.clients import client_ip
from gongkai.web.limits.counters import Limit, Unavailable, spend

from . import messages as M


class OverQuota(Exception):
    """Refused before the work: 429 over the allowance, 503 when the counters cannot be reached."""

    def __init__(self, code: str, message: str, status: int = 429):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _spent(limit: Limit, request) -> bool:
    try:
        return spend(limit, client_ip(request))
    except Unavailable:
        raise OverQuota("limits_unavailable", M.LIMITS_UNAVAILABLE, status=503) from None


def applications() -> Limit:
    return Limit("applications", settings.GONGKAI_APPLICATIONS_PER_DAY, daily=True)


def messages() -> Limit:
    return Limit("messages", settings.GONGKAI_MESSAGES_PER_DAY, daily=True)


def take_application(request) -> None:
    """Count one application from this client; OverQuota when the day's allowance is used up."""
    limit = applications()
    if not _spent(limit, request):
        raise OverQuota("too_many_applications", M.APPLICATIONS_LIMITED.format(allowed=limit.allowed))


def take_message(request) -> None:
    limit = messages()
    if not _spent(limit, request):
        raise OverQuota("too_many_messages", M.MESSAGES_LIMITED.format(allowed=limit.allowed))
