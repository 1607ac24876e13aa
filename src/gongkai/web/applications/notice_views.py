"""Staff pages of the notices: the form of one notice, its Word and PDF files, and the 受理回执.

Only the four roles that work a case (privacy.PERSONAL_ROLES) make its notices: they go to the
applicant or a third party and carry the applicant's name and address. A template the back office
got wrong is shown as one Chinese sentence (status 422), never a server error.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from gongkai.report.errors import RenderError
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import record

from . import letters
from . import messages as M
from .models import Application, IssuedNotice, today
from .notices import docx as notice_docx
from .notices import pdf as notice_pdf
from .notices.document import from_json, to_json
from .notices.engine import TemplateProblem
from .notices.forms import NoticeForm
from .notices.kinds import KINDS
from .notices.make import build, issue_receipt
from .privacy import PERSONAL_ROLES

CASE_ROLES = tuple(sorted(PERSONAL_ROLES))
TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}
WRITERS = {"docx": notice_docx.as_docx, "pdf": notice_pdf.as_pdf}


def _case(agency, number) -> Application:
    return get_object_or_404(Application.objects.prefetch_related("pauses"), agency=agency, number=number)


def _kind(key):
    kind = KINDS.get(key)
    if kind is None:
        raise Http404("no such notice")
    return kind


def file_response(notice, fmt: str, filename: str) -> HttpResponse:
    return bytes_response(WRITERS[fmt](notice), fmt, filename)


def bytes_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def problem(request, agency, message: str, place: str) -> HttpResponse:
    """The page a broken template (or a missing font) gives instead of the file."""
    return render(request, "applications/template_problem.html", {
        "agency": agency, "title": M.TEMPLATE_BROKEN_TITLE, "message": message,
        "help": M.TEMPLATE_BROKEN_HELP.format(place=place) if place else "",
    }, status=422)


@require_GET
@staff_view(*CASE_ROLES)
def notice_form(request, agency, number, kind):
    app, kind = _case(agency, number), _kind(kind)
    why = kind.why_not(app)
    form = kind.form(app=app) if not why else None
    return render(request, "applications/notice_form.html", {
        "agency": agency, "app": app, "kind": kind, "form": form, "issued": _issued(app, kind),
        "why": M.NOTICE_NOT_NOW.format(title=kind.label, why=why) if why else "",
    }, status=409 if why else 200)


def _issued(app, kind):
    return list(app.issued_notices.filter(kind=kind.key)) if kind.key != "receipt" else []


@require_GET
@staff_view(*CASE_ROLES)
def notice_file(request, agency, number, kind, fmt):
    """A draft of the notice from the case as it is now and the template as it is now (nothing stored)."""
    return _make(request, agency, number, kind, fmt, request.GET, issue=False)


@require_POST
@staff_view(*CASE_ROLES)
def notice_preview(request, agency, number, kind, fmt):
    """The notice page's 预览 buttons: the draft, from a POST form (the page's form is the issuing one)."""
    return _make(request, agency, number, kind, fmt, request.POST, issue=False)


@require_POST
@staff_view(*CASE_ROLES)
def notice_issue(request, agency, number, kind, fmt):
    """出具: the notice with its 文号 and date, stored as printed (IssuedNotice) and served from then on."""
    return _make(request, agency, number, kind, fmt, request.POST, issue=True)


def _make(request, agency, number, kind, fmt, data, issue: bool):
    app, kind = _case(agency, number), _kind(kind)
    if fmt not in WRITERS or kind.key == "receipt":
        raise Http404("no such file")  # the receipt is POST only: it issues a new lookup code
    why = kind.why_not(app)
    form = kind.form(data, app=app) if not why else None
    if why or not form.is_valid():
        return _form_page(request, agency, app, kind, form, why)
    try:
        notice = build(app, kind, form.cleaned_data)
        content = WRITERS[fmt](notice)  # laid out before anything is stored: a font problem stores nothing
    except TemplateProblem as exc:
        return problem(request, agency, exc.message, "文书模板")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")
    if issue:
        refused = _store(request, app, kind, notice, form.cleaned_data["date"])
        if refused:
            return _form_page(request, agency, app, kind, form, refused)
    return bytes_response(content, fmt, f"{app.number}-{kind.key}")


def _form_page(request, agency, app, kind, form, why: str, status: int | None = None):
    return render(request, "applications/notice_form.html", {
        "agency": agency, "app": app, "kind": kind, "form": form, "issued": _issued(app, kind),
        "why": M.NOTICE_NOT_NOW.format(title=kind.label, why=why) if why and form is None else why,
    }, status=status or (409 if why else 400))


def _store(request, app, kind, notice, date) -> str:
    """Keep the issued notice; "" when stored, else why not (issued before, and not by the head)."""
    text = {"title": kind.label, "number": notice.number, "date": date}
    with transaction.atomic():
        earlier = (IssuedNotice.objects.select_for_update()
                   .filter(application=app, number=notice.number, superseded=False).first())
        if earlier is not None:
            if "head" not in request.roles:
                return M.NOTICE_ISSUED_ALREADY.format(title=kind.label, date=earlier.issued_on,
                                                      number=earlier.number)
            earlier.superseded = True
            earlier.save(update_fields=["superseded"])
        try:
            with transaction.atomic():
                IssuedNotice.objects.create(application=app, kind=kind.key, number=notice.number, issued_on=date,
                                            document=to_json(notice), issued_by=request.user)
        except IntegrityError:  # the same 文号 issued at the same moment by someone else
            return M.NOTICE_ISSUED_ALREADY.format(title=kind.label, date=date, number=notice.number)
        reason = (M.AUDIT_NOTICE_REISSUED.format(old_date=earlier.issued_on, **text) if earlier
                  else M.AUDIT_NOTICE_ISSUED.format(**text))
        record(app.agency, request.user, f"application:{app.number}", "issue_notice", app.state, app.state, reason)
    return ""


@require_GET
@staff_view(*CASE_ROLES)
def issued_file(request, agency, number, pk, fmt):
    """An issued notice or letter exactly as issued, whatever the templates say now."""
    app = _case(agency, number)
    issued = get_object_or_404(IssuedNotice, pk=pk, application=app)
    if fmt not in WRITERS:
        raise Http404("no such file")
    return issued_response(request, agency, app, issued, fmt)


@require_POST
@staff_view("registrar", "reviewer", "head")
def receipt(request, agency, number, fmt):
    app, kind = _case(agency, number), KINDS["receipt"]
    if fmt not in WRITERS:
        raise Http404("no such file")
    why = kind.why_not(app)
    form = NoticeForm(request.POST or {"date": today()}, app=app)
    if why or not form.is_valid():
        return render(request, "applications/notice_form.html", {
            "agency": agency, "app": app, "kind": kind, "form": form,
            "why": M.NOTICE_NOT_NOW.format(title=kind.label, why=why) if why else "",
        }, status=409 if why else 400)
    status_page = request.build_absolute_uri(reverse("portal_status", args=[agency.code]))
    try:
        notice = issue_receipt(app, request.user, form.cleaned_data["date"], status_page)
        return file_response(notice, fmt, f"{app.number}-receipt")
    except TemplateProblem as exc:
        return problem(request, agency, exc.message, "文书模板")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")


def letter_response(request, agency, app, fmt, store: bool = False) -> HttpResponse:
    """The reply letter (views.letter), with a broken template shown as a sentence, not a 500.

    With ``store`` (a role that sees the applicant's data, so the letter is the unmasked one) the
    letter is kept the first time it is printed after the decision and served as kept from then on;
    correcting the decision or reopening the case marks it superseded (actions.supersede_letter).
    """
    if store:
        kept = app.issued_notices.filter(kind=IssuedNotice.REPLY, superseded=False).last()
        if kept is not None:
            return issued_response(request, agency, app, kept, fmt)
    try:
        notice = letters.letter(app)
        content = WRITERS[fmt](notice)
    except TemplateProblem as exc:
        return problem(request, agency, exc.message, "告知书模板")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")
    if store:
        try:
            with transaction.atomic():
                # No audit entry: the decision (办结答复) is the step; the row says who printed it and when.
                IssuedNotice.objects.create(application=app, kind=IssuedNotice.REPLY, number=notice.number,
                                            issued_on=app.replied_on, document=to_json(notice),
                                            issued_by=request.user)
        except IntegrityError:  # printed at the same moment by someone else: theirs is the one kept
            kept = app.issued_notices.filter(kind=IssuedNotice.REPLY, superseded=False).last()
            return issued_response(request, agency, app, kept, fmt)
    return bytes_response(content, fmt, app.number)


def issued_response(request, agency, app, issued, fmt) -> HttpResponse:
    try:
        return file_response(from_json(issued.document), fmt, app.number if issued.kind == IssuedNotice.REPLY
                             else f"{app.number}-{issued.kind}")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")
