"""Building the notices: the template filled in with the case, and the 受理回执 with its new lookup code.

``build`` fills the kind's template (the back office's ``NoticeTemplate`` or the default of
kinds.py) with the case's data and what the clerk typed, into a ``document.Notice`` that
``docx.as_docx`` and ``pdf.as_pdf`` both lay out. A template that cannot be used raises
``engine.TemplateProblem`` with the Chinese sentence the view shows instead of failing.

The 受理回执 is the one notice that changes the case: it prints the applicant's lookup code, and only
the code's hash is stored, so each receipt gives the case a new code (``issue_receipt``) and the old
one stops working.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.web.agencies.models import record
from gongkai.web.portal import lookup

from .. import messages as M
from ..models import Application, NoticeTemplate
from . import letterhead
from .document import Notice, paragraphs_of
from .engine import render_text
from .kinds import KINDS, Kind


def template_for(kind: Kind) -> tuple[str, str, str]:
    """Title, body and the template's name (for messages): the back office's text, else the default."""
    tpl = NoticeTemplate.objects.filter(kind=kind.key).first()
    name = M.TEMPLATE_WHERE_NOTICE.format(name=kind.label)
    return (tpl.title, tpl.body, name) if tpl else (kind.title, kind.body, name)


def context_of(app: Application, kind: Kind, data: dict) -> dict[str, object]:
    return {"applicant": app.applicant_name, "number": app.number, "received_on": letterhead.cn_date(app.received_on),
            "request": app.description.strip(), "agency": app.agency.name,
            "date": letterhead.cn_date(data["date"]), **kind.context(app, data)}


def suffix_of(app: Application, kind: Kind, data: dict) -> str:
    """A case may have several consultation letters: each gets its own 文号 (…12-1号, …12-2号)."""
    if kind.key.startswith("consult_"):
        return f"-{app.pauses.filter(kind=kind.key.removeprefix('consult_')).count()}"
    return ""


def build(app: Application, kind: Kind, data: dict) -> Notice:
    """The notice as a document; ``TemplateProblem`` when its template cannot be used."""
    title, body, name = template_for(kind)
    context = context_of(app, kind, data)
    settings = letterhead.settings_of(app.agency)
    titles = paragraphs_of(render_text(title, context, name))
    return Notice(
        title=titles[0] if titles else kind.title,
        number=letterhead.number(app, kind.abbr, settings, suffix_of(app, kind, data)),
        paragraphs=paragraphs_of(render_text(body, context, name)),
        rows=kind.rows(app, data), agency=app.agency.name, date=context["date"],
        contact=letterhead.contact_lines(settings),
    )


def issue_receipt(app: Application, user, date: dt.date, status_page: str) -> Notice:
    """A new lookup code for the case and the receipt that prints it, in one transaction with its audit entry.

    The document is built before the code is stored, so a faulty template changes nothing.
    """
    kind = KINDS["receipt"]
    with transaction.atomic():
        fresh = Application.objects.select_for_update().get(pk=app.pk)
        code = lookup.new_code()
        notice = build(fresh, kind, {"date": date, "lookup_code": code, "status_page": status_page})
        Application.objects.filter(pk=fresh.pk).update(lookup_code=make_password(code))
        record(fresh.agency, user, f"application:{fresh.number}", "receipt", fresh.state, fresh.state, M.AUDIT_RECEIPT)
    return notice
