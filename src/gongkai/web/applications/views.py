"""Staff pages of the application procedure: short function views, access checked by staff_view."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from gongkai.web.agencies import locks
from gongkai.web.agencies import messages as AM
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import Agency, AuditEntry, Membership, Role
from gongkai.web.supervision.reminders import unread_for

from . import deadlines, privacy, services
from . import messages as M
from .actions import ACTIONS, available, perform
from .forms import AttachForm, RegisterForm
from .models import OPEN_STATES, Application, Attachment, PersonalDataView, today
from .notice_views import letter_response
from .notices.catalog import KIND_CHOICES, KIND_LABELS

log = logging.getLogger(__name__)
ANY_ROLE = ()


@login_required
def home(request):
    # The supervisor role (政务公开办) opens the county's supervision pages, not the agency's own.
    held = Membership.objects.filter(user=request.user)
    agencies = Agency.objects.filter(pk__in=held.exclude(role=Role.SUPERVISOR).values("agency_id"))
    supervised = Agency.objects.filter(pk__in=held.filter(role=Role.SUPERVISOR).values("agency_id"))
    if len(agencies) == 1 and not supervised:
        return redirect("dashboard", code=agencies[0].code)
    if len(supervised) == 1 and not agencies:
        return redirect("supervision:home", code=supervised[0].code)
    return render(request, "home.html", {"agencies": agencies, "supervised": supervised})


@staff_view()
def dashboard(request, agency):
    """Open applications, most urgent first, each with how its deadline was counted."""
    calendar = agency.calendar()
    apps = agency.applications.filter(state__in=OPEN_STATES).prefetch_related("pauses").select_related("handler")
    rows = sorted(((app, deadlines.status(app, calendar)) for app in apps), key=lambda r: r[1].sort_key)
    counts = {level: sum(1 for _, st in rows if st.level == level)
              for level in ("overdue", "soon", "waiting", "undetermined")}
    # 期限待定 first and apart: nobody can say how urgent these are until the year is entered or the head
    # sets a date, so they head the page (the rows are sorted first in the table too).
    undetermined = [(app, st) for app, st in rows if st.undetermined]
    return render(request, "applications/dashboard.html", {
        "agency": agency, "rows": rows, "counts": counts, "today": today(), "undetermined": undetermined,
        "banner": M.UNDETERMINED_BANNER.format(count=len(undetermined)),
        "reminders": list(unread_for(agency)),  # the county office's reminders (supervision/reminders.py)
    })


@sensitive_post_parameters("id_number", "phone", "address", "email", "applicant_name")
@staff_view("registrar")
def register(request, agency):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        app = services.register(agency, request.user, **form.cleaned_data)
        log.info("registered %s", app.number)  # the number only: no personal data in logs
        return redirect("application", code=agency.code, number=app.number)
    return render(request, "applications/register.html", {"agency": agency, "form": form},
                  status=400 if form.errors else 200)


def _app(agency, number) -> Application:
    return get_object_or_404(Application.objects.prefetch_related("pauses"), agency=agency, number=number)


def _detail(request, agency, app, forms=None, status=200, attach_form=None):
    held = request.roles
    actions = available(app, held)
    forms = forms or {}
    action_forms = [(a, forms.get(a.key) or a.form(app=app, prefix=a.key)) for a in actions]
    st = deadlines.status(app, agency.calendar())
    audit = AuditEntry.objects.filter(subject=f"application:{app.number}").select_related("actor")
    personal = privacy.sees_personal(held)
    issued = [(n, KIND_LABELS.get(n.kind, M.ISSUED_LETTER)) for n in app.issued_notices.all()] if personal else []
    if personal:
        privacy.record_view(request.user, app, PersonalDataView.Via.PAGE, privacy.shown_on_page(app))
    return render(request, "applications/detail.html", {
        "agency": agency, "app": privacy.for_roles(app, held), "status": st, "M": M, "personal": personal,
        "manual_rules": M.MANUAL_RULES.format(year=st.unknown_year) if st.unknown_year else "",
        "manual_superseded": M.MANUAL_SUPERSEDED.format(date=app.manual_due_on, reason=app.manual_due_reason)
        if st.manual_superseded else "",
        "action_forms": action_forms, "attach_form": attach_form or AttachForm(),
        "audit": privacy.audit_for_roles(audit, app, held),
        "roles": held, "seen": services.seen(app), "notice_kinds": KIND_CHOICES,
        "issued": issued,
    }, status=status)


def _stale(request, agency, number):
    """The case as it is now, with the sentence that the page the person acted on was out of date."""
    messages.error(request, AM.STALE)
    return _detail(request, agency, _app(agency, number), status=409)


@staff_view()
def detail(request, agency, number):
    return _detail(request, agency, _app(agency, number))


@require_POST
@staff_view()
def act(request, agency, number, action):
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("no such action")
    app = _app(agency, number)
    if not request.roles & set(spec.roles):
        raise PermissionDenied
    seen = locks.seen_in(request.POST)
    if seen is not None and seen != services.seen(app):
        return _stale(request, agency, number)
    if spec not in available(app, request.roles):
        if spec.allowed_now(app):
            raise PermissionDenied
        messages.error(request, f"当前状态（{app.get_state_display()}）下不能进行“{spec.label}”。")
        return _detail(request, agency, app, status=409)
    form = spec.form(request.POST, app=app, prefix=spec.key)
    if not form.is_valid():
        return _detail(request, agency, app, forms={spec.key: form}, status=400)
    try:
        perform(spec, app, form.cleaned_data, request.user, seen)
    except locks.Conflict:
        return _stale(request, agency, number)
    messages.success(request, f"已{spec.label}。")
    return redirect("application", code=agency.code, number=app.number)


@require_POST
@staff_view(*sorted(privacy.PERSONAL_ROLES))
def attach(request, agency, number):
    """Only the roles that may open a case's files may add one: an attachment carries personal data."""
    app = _app(agency, number)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, agency, app, status=400, attach_form=form)  # with its errors, in Chinese
    services.attach(app, request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
    return redirect("application", code=agency.code, number=app.number)


@staff_view()
def attachment(request, agency, number, pk):
    # Served through the view, never as public media: attachments carry personal data, for need-to-know roles.
    item = get_object_or_404(Attachment.objects.select_related("application"), pk=pk,
                             application__agency=agency, application__number=number)
    if not privacy.sees_personal(request.roles):
        return render(request, "applications/forbidden.html", {"agency": agency, "message": M.ATTACHMENT_FORBIDDEN},
                      status=403)
    privacy.record_view(request.user, item.application, PersonalDataView.Via.ATTACHMENT,
                        privacy.shown_attachment(item))
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)


@staff_view()
def letter(request, agency, number, kind):
    if kind not in ("docx", "pdf"):
        raise Http404("no such kind")
    app = _app(agency, number)
    if not app.outcome:
        raise Http404("not decided yet")
    if privacy.sees_personal(request.roles):  # the letter as issued (kept the first time it is printed)
        return letter_response(request, agency, app, kind, store=True)
    return letter_response(request, agency, privacy.for_roles(app, request.roles), kind)
