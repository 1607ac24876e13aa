"""How many anonymous online applications and 意见箱 messages one client address may send a day.

Why: every online application is a case the office must answer within twenty working days and a
figure of the annual report; one script filing two hundred of them in a minute must be stopped at
the door, on the web pages and the API alike. The use is counted before the work (``limits``).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.web.agencies.clients import client_ip
from gongkai.web.limits.counters import Limit, spend

from . import messages as M


class OverQuota(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def applications() -> Limit:
    return Limit("applications", settings.GONGKAI_APPLICATIONS_PER_DAY, daily=True)


def messages() -> Limit:
    return Limit("messages", settings.GONGKAI_MESSAGES_PER_DAY, daily=True)


def take_application(request) -> None:
    """Count one application from this client; OverQuota when the day's allowance is used up."""
    limit = applications()
    if not spend(limit, client_ip(request)):
        raise OverQuota("too_many_applications", M.APPLICATIONS_LIMITED.format(allowed=limit.allowed))


def take_message(request) -> None:
    limit = messages()
    if not spend(limit, client_ip(request)):
        raise OverQuota("too_many_messages", M.MESSAGES_LIMITED.format(allowed=limit.allowed))
