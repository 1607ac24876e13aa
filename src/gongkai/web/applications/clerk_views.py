"""The clerk's day: the searchable 登记台账 with paging, its XLSX export, and 待我处理."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from gongkai.web.agencies.access import staff_view

from . import inbox, ledger, privacy
from .models import today
from .register_filters import PER_PAGE, FilterForm, filtered

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 20000  # a county's several years; beyond it the clerk narrows the dates


def _search(request, agency):
    form = FilterForm(request.GET or None, agency=agency)
    data = form.cleaned_data if form.is_valid() else {}
    return form, filtered(agency, data, request.roles)


@require_safe
@staff_view()
def application_list(request, agency):
    """Every application of the agency, searched and filtered, 50 a page; masked for roles without need-to-know."""
    form, apps = _search(request, agency)
    page = Paginator(apps, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    rows = [privacy.for_roles(app, request.roles) for app in page.object_list]
    return render(request, "applications/register_list.html", {
        "agency": agency, "form": form, "page": page, "rows": rows, "query": query},
        status=400 if form.errors else 200)


@require_safe
@staff_view()
def ledger_export(request, agency):
    """The rows the list found, as the 登记台账 workbook (personal data only for need-to-know roles)."""
    _, apps = _search(request, agency)
    body = ledger.workbook(agency, apps[:EXPORT_LIMIT], request.roles, request.user)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-ledger-{today():%Y%m%d}.xlsx"'
    return response


@require_safe
@staff_view()
def waiting_for_me(request, agency):
    sections = inbox.sections(agency, request.user, request.roles)
    for section in sections:
        section.applications = [(privacy.for_roles(app, request.roles), st) for app, st in section.applications]
    return render(request, "applications/inbox.html", {"agency": agency, "sections": sections, "today": today()})
