"""Staff pages of the notices: the form of one notice, its Word and PDF files, and the 受理回执.

Only the four roles that work a case (privacy.PERSONAL_ROLES) make its notices: they go to the
applicant or a third party and carry the applicant's name and address. A template the back office
got wrong is shown as one Chinese sentence (status 422), never a server error.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from gongkai.report.errors import RenderError
from gongkai.web.agencies.access import staff_view

from . import letters
from . import messages as M
from .models import Application, today
from .notices import docx as notice_docx
from .notices import pdf as notice_pdf
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
    response = HttpResponse(WRITERS[fmt](notice), content_type=TYPES[fmt])
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
        "agency": agency, "app": app, "kind": kind, "form": form,
        "why": M.NOTICE_NOT_NOW.format(title=kind.label, why=why) if why else "",
    }, status=409 if why else 200)


@require_GET
@staff_view(*CASE_ROLES)
def notice_file(request, agency, number, kind, fmt):
    app, kind = _case(agency, number), _kind(kind)
    if fmt not in WRITERS or kind.key == "receipt":
        raise Http404("no such file")  # the receipt is POST only: it issues a new lookup code
    why = kind.why_not(app)
    form = kind.form(request.GET, app=app) if not why else None
    if why or not form.is_valid():
        return render(request, "applications/notice_form.html", {
            "agency": agency, "app": app, "kind": kind, "form": form,
            "why": M.NOTICE_NOT_NOW.format(title=kind.label, why=why) if why else "",
        }, status=409 if why else 400)
    try:
        notice = build(app, kind, form.cleaned_data)
        return file_response(notice, fmt, f"{app.number}-{kind.key}")
    except TemplateProblem as exc:
        return problem(request, agency, exc.message, "文书模板")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")


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


def letter_response(request, agency, app, fmt) -> HttpResponse:
    """The reply letter (views.letter), with a broken template shown as a sentence, not a 500."""
    try:
        return file_response(letters.letter(app), fmt, app.number)
    except TemplateProblem as exc:
        return problem(request, agency, exc.message, "告知书模板")
    except RenderError:
        return problem(request, agency, M.FONT_MISSING, "")
