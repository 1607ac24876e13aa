"""The public page of one published version of an annual report (issue 14: a correction is a new version)."""

from __future__ import annotations

from django.shortcuts import render

from gongkai.web.reports.messages import render_problem

from . import public


def report_version(request, code, year, number):
    """One published version; an older one is shown marked as superseded (已被更正), with every later
    version's date and reason, so a reader who cited it learns what changed and why."""
    agency = public.agency_or_404(code)
    item = public.report_or_404(agency, year)
    version = public.version_or_404(item, number)
    try:
        html = public.report_html(version)
    except public.RenderError as exc:
        return render(request, "portal/unavailable.html", {"agency": agency, "message": render_problem(exc)},
                      status=503)
    versions = public.versions(item)
    return render(request, "portal/report_version.html", {
        "agency": agency, "section": "reports", "report": item, "version": version, "html": html,
        "versions": versions, "later": [v for v in versions if v.number > version.number]})
