"""The applicant's lookup code and the public status of an application.

Why a code and not the ID number: the status page must not become a way to test whether someone
applied. Only a hash of the code is stored; a wrong code and an unknown number get the same answer,
after the same amount of hashing work, and failures are counted per client address.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache

from gongkai.web.agencies.models import Agency
from gongkai.web.applications import deadlines
from gongkai.web.applications import messages as AM
from gongkai.web.applications.models import Application
from gongkai.web.applications.outcomes import OUTCOME_LABELS

# Without 0/O, 1/I/L: the code is copied by hand from a phone screen.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_FAILURES = 10
WINDOW = 3600  # seconds
NOT_FOUND = "受理编号或查询码不正确，请核对后重新输入。"
LIMITED = "查询失败次数过多，请一小时后再试。"


class Limited(Exception):
    pass


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def issue(app: Application) -> str:
    """Give the application a fresh code; the caller shows it once and forgets it."""
    code = new_code()
    app.lookup_code = make_password(code)
    app.save(update_fields=["lookup_code"])
    return code


def client(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(request) -> str:
    return f"portal:lookup-failures:{client(request)}"


def find(request, agency: Agency, number: str, code: str) -> Application | None:
    """The application when number and code match; None otherwise. Raises Limited after too many failures."""
    if cache.get(_key(request), 0) >= MAX_FAILURES:
        raise Limited
    number = "".join(number.split()).upper()
    code = "".join(code.split()).upper()
    app = Application.objects.filter(agency=agency, number=number).exclude(lookup_code="").first()
    if app is not None and check_password(code, app.lookup_code):
        return app
    if app is None:
        make_password(code)  # the same hashing work as a wrong code: no timing difference
    if cache.add(_key(request), 1, WINDOW) is False:
        try:
            cache.incr(_key(request))
        except ValueError:  # expired between add and incr
            cache.set(_key(request), 1, WINDOW)
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
