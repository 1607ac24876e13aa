"""The applicant's lookup code and the public status of an application.

Why a code and not the ID number: the status page must not become a way to test whether someone
applied. Only a hash of the code is stored; a wrong code and an unknown number get the same answer,
after the same amount of hashing work. Failures are limited per client address and per tracking
number, in the shared store of ``limits``: one person's typos lock out only that person, and
guessing one number's code from many addresses stops as well.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password

from gongkai.web.agencies.clients import client_ip
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import deadlines
from gongkai.web.applications import messages as AM
from gongkai.web.applications.models import Application
from gongkai.web.applications.outcomes import OUTCOME_LABELS
from gongkai.web.limits.counters import HOUR, Limit, Unavailable, refund, spend

from . import messages as M

# Without 0/O, 1/I/L: the code is copied by hand from a phone screen.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
NOT_FOUND = M.LOOKUP_NOT_FOUND
LIMITED = M.LOOKUP_LIMITED_CLIENT


class Limited(Exception):
    """Too many failures; ``message`` says whose: this client's, or this tracking number's (429). Or the
    counters cannot be reached (503): the lookup is refused rather than left unlimited."""

    def __init__(self, message: str, status: int = 429):
        super().__init__(message)
        self.message, self.status = message, status


def per_client() -> Limit:
    return Limit("lookup-client", settings.GONGKAI_LOOKUP_FAILURES_PER_CLIENT, HOUR)


def per_number() -> Limit:
    return Limit("lookup-number", settings.GONGKAI_LOOKUP_FAILURES_PER_NUMBER, HOUR)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def issue(app: Application) -> str:
    """Give the application a fresh code; the caller shows it once and forgets it."""
    code = new_code()
    app.lookup_code = make_password(code)
    app.save(update_fields=["lookup_code"])
    return code


def find(request, agency: Agency, number: str, code: str) -> Application | None:
    """The application when number and code match; None otherwise. Raises Limited after too many failures.

    Each attempt is counted before the code is checked, against the client and the number, and given
    back when it succeeds: parallel guesses beyond the limit are refused without being checked.
    """
    number = "".join(number.split()).upper()
    code = "".join(code.split()).upper()
    who, which = (client_ip(request),), (agency.code, number)
    try:
        if not spend(per_client(), *who):
            raise Limited(M.LOOKUP_LIMITED_CLIENT)
        if not spend(per_number(), *which):
            raise Limited(M.LOOKUP_LIMITED_NUMBER)
    except Unavailable:  # uncounted guesses are not allowed: refused, not checked
        raise Limited(M.LIMITS_UNAVAILABLE, status=503) from None
    app = Application.objects.filter(agency=agency, number=number).exclude(lookup_code="").first()
    if app is not None and check_password(code, app.lookup_code):
        refund(per_client(), *who)
        refund(per_number(), *which)
        return app
    if app is None:
        make_password(code)  # the same hashing work as a wrong code: no timing difference
    return None


def public_status(app: Application) -> dict:
    """What the public status page shows: the procedure, never the applicant."""
    due, note = None, ""
    if app.is_open:
        st = deadlines.status(app, app.agency.calendar())
        due = st.due  # counted, or the head's 人工核定 date while a year is not entered
        note = st.waiting or st.error
        if st.unknown_year is not None:  # the staff's wording names roles and the back office: not for the public
            note = (AM.PUBLIC_MANUAL if st.manual_due else AM.PUBLIC_UNDETERMINED).format(year=st.unknown_year)
    return {
        "number": app.number,
        "state": app.state,
        "state_display": app.get_state_display(),
        "received_on": app.received_on,
        "due_on": due,
        "deadline_note": note,
        "outcome": app.outcome,
        "outcome_display": OUTCOME_LABELS.get(app.outcome, ""),
        "replied_on": app.replied_on,
    }
