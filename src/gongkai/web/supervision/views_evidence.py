"""The evidence pages of the county office: findings and decisions, reports published elsewhere,
one agency over the years, the 雷同 matrix. Every page goes through ``supervisor_view`` (404 outside
the county); reports hold no applicant's personal data, and nothing here reads applications."""

from __future__ import annotations

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from gongkai.web.agencies import locks
from gongkai.web.agencies.bodysize import file_help
from gongkai.web.applications.models import today

from . import copying as copy_matrix
from . import external as uploads
from . import findings as F
from . import messages_findings as M
from . import years as Y
from .access import agency_in_scope, supervised, supervisor_view

FILTERS = ("agency", "severity", "decided")
SEVERITIES = (("error", M.SEVERITY["error"]), ("warning", M.SEVERITY["warning"]), ("info", M.SEVERITY["info"]))


@supervisor_view
@require_http_methods(["GET", "POST"])
def findings(request, county, year):
    if request.method == "POST":
        try:
            F.decide(county, year, request.POST.get("fingerprint", ""), request.POST.get("decision", ""),
                     request.POST.get("comment", ""), request.user)
        except F.DecisionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, M.DECISION_SAVED)
        back = reverse("supervision:findings", args=[county.code, year])
        kept = QueryDict(request.POST.get("query", ""))
        query = urlencode({k: kept[k] for k in FILTERS if kept.get(k)})
        return redirect(f"{back}?{query}" if query else back)
    items = F.collect(county, year)
    chosen = {k: request.GET.get(k, "") for k in FILTERS}
    shown = F.filtered(items, **chosen)
    counts = {key: sum(1 for i in items if i.severity == key) for key, _ in SEVERITIES}
    return render(request, "supervision/findings.html", {
        "county": county, "year": year, "title": M.FINDINGS_TITLE.format(year=year), "items": shown,
        "total": len(items), "counts": counts, "chosen": chosen, "severities": SEVERITIES,
        "agencies": supervised(county), "decisions": list(M.DECIDED.items()), "undecided": M.UNDECIDED,
        "query": urlencode({k: v for k, v in chosen.items() if v}),
    })


@supervisor_view
@require_http_methods(["GET", "POST"])
def external(request, county, year):
    if request.method == "POST":
        if request.POST.get("action") == "assign":
            _assign(request, county)
        else:
            files = request.FILES.getlist("files")
            if not files:
                messages.error(request, M.EXTERNAL_NONE)
            for outcome in uploads.upload(county, year, files, request.user):
                {"ok": messages.success, "warning": messages.warning}.get(outcome.level, messages.error)(
                    request, outcome.message)
        return redirect("supervision:external", code=county.code, year=year)
    rows = uploads.uploads_of(county)
    return render(request, "supervision/external.html", {
        "county": county, "year": year, "title": M.EXTERNAL_TITLE.format(year=year),
        "rows": [(row, locks.fingerprint(row)) for row in rows], "agencies": supervised(county),
        "limit": uploads.MAX_ITEMS, "seen_name": locks.SEEN, "file_help": file_help(),
    })


def _assign(request, county) -> None:
    code = request.POST.get("agency", "")
    try:
        agency = agency_in_scope(county, code) if code else None
        row = uploads.assign(county, int(request.POST.get("external", "0") or 0), agency, request.user,
                             locks.seen_in(request.POST))
    except (locks.Conflict, ValueError) as exc:
        messages.error(request, str(exc) if isinstance(exc, locks.Conflict) else M.EXTERNAL_NOT_IN_SCOPE)
        return
    if agency is None:
        messages.success(request, M.EXTERNAL_UNASSIGNED.format(name=row.label))
    else:
        messages.success(request, M.EXTERNAL_ASSIGNED.format(name=row.label, agency=agency.name))


@supervisor_view
def agency_years(request, county, agency_code):
    subject = agency_in_scope(county, agency_code)
    history = Y.history(subject)
    return render(request, "supervision/agency_years.html", {
        "county": county, "year": history.years[-1] if history.years else today().year - 1,
        "title": M.YEARS_TITLE.format(agency=subject.name), "subject": subject, "history": history,
        "none": M.YEARS_NONE,
    })


@supervisor_view
def copying(request, county, year):
    result = copy_matrix.matrix(county, year)
    return render(request, "supervision/copying.html", {
        "county": county, "year": year, "title": M.COPYING_TITLE.format(year=year), "m": result,
        "rows": result.rows(), "threshold": copy_matrix.THRESHOLD, "too_short": M.TOO_SHORT, "no_report": M.NO_REPORT,
    })
