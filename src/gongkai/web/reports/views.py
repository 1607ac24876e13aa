"""The annual report: computed tables, staff-written sections, validation, publication, export."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.report import RenderError, document_json, report_from_json
from gongkai.report import render as render_report
from gongkai.report.render import KINDS, SUFFIXES
from gongkai.web.agencies import locks
from gongkai.web.agencies.access import staff_view

from ..applications.models import today
from ..disclosures.figures import year_figures
from ..supervision import filing as filing_first
from . import assemble as A
from . import messages as M
from . import publication
from .forms import FIGURE_FIELDS, CorrectionForm, FiguresForm, PublishForm, TextsForm
from .models import AnnualReport, ProactiveFigures

WRITERS = ("reviewer", "head")
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


def _assembled(agency, year):
    try:
        return A.assemble(agency, year)
    except A.YearNotSupported as exc:
        raise Http404(str(exc)) from None


@staff_view()
def report_list(request, agency):
    this_year = today().year
    years = list(range(this_year, A.FIRST_YEAR - 1, -1))
    reports = {r.year: r for r in AnnualReport.objects.filter(agency=agency)}
    return render(request, "reports/list.html",
                  {"agency": agency, "rows": [(y, reports.get(y)) for y in years]})


@staff_view()
def report_detail(request, agency, year):
    """A published report shows its published version (what the public sees); a draft or a correction
    shows the report as the records and texts stand now, with the findings that refuse publication."""
    texts = AnnualReport.objects.filter(agency=agency, year=year).first()
    frozen = texts is not None and texts.state == AnnualReport.State.PUBLISHED and texts.snapshot
    if frozen:
        _assembled(agency, year)  # the same 404 for a year the platform does not write
        report = report_from_json(texts.snapshot)
        found = [f for f in A.findings(agency, year, report) if f.severity != "error"]
    else:
        report = _assembled(agency, year)
        found = A.findings(agency, year, report)
    state = texts.state if texts else AnnualReport.State.DRAFT
    return render(request, "reports/detail.html", {
        "agency": agency, "year": year, "report": report, "texts": texts, "frozen": frozen,
        "findings": [(M.SEVERITY.get(f.severity, f.severity), f) for f in found],
        "errors": [f for f in found if f.severity == "error"],
        "applications": _rows(report.applications), "appeals": _rows(report.appeals),
        "proactive": _rows(report.proactive), "kinds": [(k, M.KIND_LABELS.get(k, k)) for k in KINDS],
        "versions": list(texts.versions.all()) if texts else [],
        "can_write": bool(request.roles & set(WRITERS)) and state in publication.EDITABLE,
        "can_publish": "head" in request.roles, "state": state,
        "publish_form": PublishForm(initial={"published_on": today()}),
        "correction_form": CorrectionForm(initial={"corrected_on": today()}),
        "seen": publication.seen(texts) if texts else "",
        **_filing_context(request, agency, year, report, state),
    })


def _filing_context(request, agency, year, report, state) -> dict:
    """先备案后公布 on the report page: the filings with the county office's comments, whether the
    rule applies, and whether the reviewer or head may file the report as it stands."""
    history = filing_first.filings(agency, year)
    required, county = filing_first.board_rules(agency)
    block = filing_first.publication_block(agency, year, document_json(report)) if state != "published" else None
    return {"filings": list(reversed(history)), "filing_required": required, "filing_county": county,
            "filing_block": block, "can_file": bool(request.roles & set(filing_first.FILERS))
            and state in publication.EDITABLE and (required or bool(history))}


def _rows(table):
    return [(row.label, [table.rows[row.key][c.key].value for c in row.columns]) for row in table.spec.rows]


def _conflict(request, agency, year, exc: Exception):
    """409: the report changed (or was published) since the page the person acted on was made."""
    return render(request, "reports/conflict.html", {"agency": agency, "year": year, "message": str(exc)},
                  status=409)


@staff_view(*WRITERS)
def report_texts(request, agency, year):
    report = _assembled(agency, year)
    texts = publication.report_row(agency, year)
    seen = locks.seen_in(request.POST) if request.method == "POST" else None
    if texts.state not in publication.EDITABLE:
        return _conflict(request, agency, year, publication.AlreadyPublished() if seen is None else locks.Conflict())
    draft = A.draft_texts(report, year_figures(agency, year))
    initial = {f"section{n}": getattr(texts, f"section{n}") or draft[n] for n in (1, 5, 6)}
    form = TextsForm(request.POST or None, initial=initial)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            publication.save_texts(texts, request.user, form.cleaned_data, seen=seen)
        except locks.Conflict as exc:
            texts = publication.report_row(agency, year)
            if texts.state == AnnualReport.State.PUBLISHED:
                return _conflict(request, agency, year, exc)
            # The form again over the report as it is now, and its version: the next save is compared with that.
            form.add_error(None, str(exc))
            seen, status = None, 409
        else:
            return redirect("report", code=agency.code, year=year)
    return render(request, "reports/form.html", {"agency": agency, "year": year, "form": form,
                                                 "title": f"{year}年度报告 文字部分",
                                                 "seen": seen or publication.seen(texts)}, status=status)


@staff_view(*WRITERS)
def report_figures(request, agency, year):
    if publication.report_row(agency, year).state not in publication.EDITABLE:
        return _conflict(request, agency, year, publication.AlreadyPublished())
    figures = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    # Until staff save their own, the form is pre-filled from the documents published on the platform.
    suggested = figures is None
    initial = ({name: getattr(figures, name) for name in FIGURE_FIELDS} if figures
               else year_figures(agency, year).article20)
    form = FiguresForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            publication.save_figures(agency, year, request.user, form.cleaned_data)
        except locks.Conflict as exc:
            return _conflict(request, agency, year, exc)
        return redirect("report", code=agency.code, year=year)
    note = "以下数字根据本平台记录的主动公开信息预填（规章、规范性文件、许可、处罚、强制决定），请核对后保存。"
    return render(request, "reports/form.html", {"agency": agency, "year": year, "form": form,
                                                 "title": f"{year}年度 主动公开数据（第二十条）",
                                                 "note": note if suggested else ""})


@require_POST
@staff_view("head")
def report_publish(request, agency, year):
    """Publication freezes the figures; refused (409) while any finding is an error. A report in
    correction is published as its next version, with the correction's reason and date."""
    texts = publication.report_row(agency, year)
    seen = locks.seen_in(request.POST)
    if seen is not None and seen != publication.seen(texts):
        return _conflict(request, agency, year, locks.Conflict())
    correcting = texts.state == AnnualReport.State.CORRECTING
    form = (CorrectionForm if correcting else PublishForm)(request.POST)
    if not form.is_valid() or texts.state == AnnualReport.State.PUBLISHED:
        return HttpResponse(M.BAD_PUBLISH, status=400, content_type="text/plain; charset=utf-8")
    try:
        if correcting:
            errors = publication.publish_correction(texts, request.user, form.cleaned_data["corrected_on"],
                                                    form.cleaned_data["reason"], seen=seen)
        else:
            errors = publication.publish(texts, request.user, form.cleaned_data["published_on"], seen=seen)
    except locks.Conflict as exc:
        return _conflict(request, agency, year, exc)
    if errors:
        return render(request, "reports/refused.html", {"agency": agency, "year": year, "errors": errors},
                      status=409)
    return redirect("report", code=agency.code, year=year)


@require_POST
@staff_view(*filing_first.FILERS)
def report_file(request, agency, year):
    """报送备案: the reviewer or head files the report as it stands with the county office."""
    _assembled(agency, year)
    try:
        filed = filing_first.submit(agency, year, request.user)
    except locks.Conflict as exc:
        return _conflict(request, agency, year, exc)
    messages.success(request, filing_first.M.FILED.format(number=filed.number))
    return redirect("report", code=agency.code, year=year)


@require_POST
@staff_view("head")
def report_correct(request, agency, year):
    """更正: open the published report for correction (``cancel`` gives the correction up)."""
    _assembled(agency, year)
    texts = publication.report_row(agency, year)
    step = publication.cancel_correction if request.POST.get("cancel") else publication.begin_correction
    try:
        step(texts, request.user, seen=locks.seen_in(request.POST))
    except locks.Conflict as exc:
        return _conflict(request, agency, year, exc)
    return redirect("report", code=agency.code, year=year)


@staff_view()
def report_export(request, agency, year, kind):
    """The official document: a published report as published, a draft as the records stand now."""
    if kind not in KINDS:
        raise Http404("no such kind")
    texts = AnnualReport.objects.filter(agency=agency, year=year).first()
    frozen = texts is not None and texts.state == AnnualReport.State.PUBLISHED and texts.snapshot
    source = texts.snapshot if frozen else _assembled(agency, year)
    try:
        body = render_report(source, kind)
    except RenderError as exc:
        errors = getattr(exc, "findings", None) or []
        return render(request, "reports/refused.html", {"agency": agency, "year": year, "errors": errors,
                                                        "message": M.render_problem(exc)}, status=409)
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{year}{SUFFIXES[kind]}"'
    return response

