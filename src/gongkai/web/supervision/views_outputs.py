"""The county office's figures page and its outputs: the two XLSX workbooks and the 通报 (DOCX).

Every view is read-only (the 通报 POST generates a file and writes nothing), behind
``supervisor_view``: another county's office and an agency's own staff get 404, anonymous visitors
the login page.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.corpus import charts, measures
from gongkai.web.applications.models import today

from . import board as B
from . import findings as evidence
from . import messages_figures as M
from . import tongbao, xlsx
from .access import supervisor_view
from .charts import county_charts
from .figures import PLATFORM, RANK_MIN_BASE, SHOWN, county_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


SHARE_KEYS = ("disclosed_rate", "reconsideration_corrected_rate", "litigation_corrected_rate")


def _row(label: str, source: str, sums: dict, shares: dict, platform: dict, css: str = "") -> dict:
    """One line of the figures table, formatted as corpus.charts prints numbers (— for blank)."""
    return {"label": label, "source": source, "css": css,
            "sums": [charts.number(sums.get(k)) for k in SHOWN],
            "shares": [charts.number(shares.get(k), percent=True) for k in SHARE_KEYS],
            "platform": [platform.get(k) for k in PLATFORM]}


def _ranking(r) -> dict:
    return {"title": r.title, "definition": r.definition,
            "ranked": [(place, row.agency.name, charts.number(value, percent=r.percent), base)
                       for place, row, value, base in r.ranked],
            "too_small": [row.agency.name for row in r.too_small], "no_data": [row.agency.name for row in r.no_data]}


@require_safe
@supervisor_view
def figures(request, county, year):
    data = county_figures(county, year)
    rows = [_row(m.agency.name, m.source or M.NO_REPORT, m.sums, m.shares, m.platform,
                 "" if m.has_report else "missing") for m in data.members]
    rows.append(_row(M.COUNTY_SUM, f"{len(data.reported)}/{len(data.members)}", data.sums, data.shares,
                     data.platform, "total"))
    own = data.own
    rows.append(_row(f"{county.name}（{M.COUNTY_OWN}）", own.source or M.NO_REPORT, own.sums, own.shares,
                     own.platform, "own"))
    comparison = [(c.label, charts.number(c.own), charts.number(c.members), charts.number(c.difference),
                   bool(c.difference)) for c in data.comparison]
    return render(request, "supervision/figures.html", {
        "county": county, "year": year, "title": M.FIGURES_TITLE.format(year=year), "rows": rows,
        "sum_labels": [M.SUM_LABELS[k] for k in SHOWN],
        "share_labels": [measures.SHARES[k][0] for k in SHARE_KEYS],
        "definitions": [measures.SHARES[k] for k in SHARE_KEYS],
        "platform_labels": [M.PLATFORM_LABELS[k] for k in PLATFORM],
        "platform_note": M.PLATFORM_NOTE.format(today=data.on.isoformat()),
        "rankings": [_ranking(r) for r in data.rankings],
        "rank_note": M.RANK_NOTE.format(n=RANK_MIN_BASE), "comparison": comparison,
        "own_aggregates": data.own_aggregates,
        # Built by corpus.charts, which escapes every label and value it writes.
        "charts": [(caption, mark_safe(svg)) for caption, svg in county_charts(data)],
        "M": M,
    })


@require_safe
@supervisor_view
def figures_xlsx(request, county, year):
    body = xlsx.figures_workbook(county_figures(county, year))
    return _download(body, XLSX, f"{county.code}-{year}-figures.xlsx")


@require_safe
@supervisor_view
def findings_xlsx(request, county, year):
    body = xlsx.findings_workbook(county, year, evidence.collect(county, year))
    return _download(body, XLSX, f"{county.code}-{year}-findings.xlsx")


@require_http_methods(["GET", "HEAD", "POST"])
@supervisor_view
def tongbao_view(request, county, year):
    data = county_figures(county, year)
    if request.method == "POST":
        form = tongbao.TongbaoForm(request.POST)
        if form.is_valid():
            body = tongbao.as_docx(form.cleaned_data, data)
            return _download(body, DOCX, f"{county.code}-{year}-tongbao.docx")
    else:
        now = today()
        form = tongbao.TongbaoForm(initial=tongbao.draft(data, evidence.collect(county, year), now,
                                                         B.board(county, year, now)))
    return render(request, "supervision/tongbao.html", {
        "county": county, "year": year, "title": M.TONGBAO_PAGE_TITLE.format(year=year), "form": form,
        "header": M.TONGBAO_TABLE_HEADER, "rows": tongbao.table_rows(data), "M": M,
    }, status=400 if form.errors else 200)
