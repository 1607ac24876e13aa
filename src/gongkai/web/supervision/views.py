"""The county office's pages: the roster and deadline board, rules, reminders, filings (先备案后公布).

Every page goes through ``supervisor_view`` (404 outside the county). What they show: agencies, dates,
states, the reports' figures and texts and their findings; never an applicant's personal data (the
reports hold counts only, and no page here reads an application).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.report import report_from_json
from gongkai.web.agencies import locks
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import today
from gongkai.web.reports import assemble as A
from gongkai.web.reports import messages as RM

from . import board as B
from . import filing as F
from . import messages as M
from . import reminders as R
from . import rules as RU
from .access import agency_in_scope, supervised, supervisor_view
from .forms import DecisionForm, ReminderForm, RosterForm, RulesForm
from .models import Filing, LevelDeadline, Reminder, RosterEntry


def _last_year() -> int:
    return today().year - 1


@supervisor_view
def home(request, county):
    """The board of last year's reports: the one the office works on from January on."""
    return redirect("supervision:board", code=county.code, year=_last_year())


@supervisor_view
def board(request, county, year):
    now = today()
    rows = B.board(county, year, now)
    expected = [r for r in rows if r.status is not None]
    rules = B.rules_of(county)
    return render(request, "supervision/board.html", {
        "county": county, "year": year, "title": M.BOARD_TITLE.format(year=year), "today": now,
        "rows": expected, "not_expected": [r for r in rows if r.status is None],
        "counts": [(B.STATE_LABELS[s], s, n) for s, n in B.counts(rows).items()],
        "soon": [r for r in expected if r.status.due is not None],
        "filing_first": bool(rules and rules.filing_first), "M": M,
        "reminder_form": ReminderForm(initial={"text": M.REMINDER_DEFAULT.format(year=year)}),
        "unfiled": len(R.unfiled(expected, county)),
    })


def _rules_initial(county: Agency, year: int) -> dict:
    rules = B.rules_of(county)
    initial = {"filing_first": bool(rules and rules.filing_first),
               "own_report_aggregates": bool(rules and rules.own_report_aggregates)}
    for level, d in B.deadlines_for(county, year).items():
        initial[f"{level}_filing"] = d.filing.strftime("%m-%d")
        initial[f"{level}_publish"] = d.publish.strftime("%m-%d")
    return initial


@supervisor_view
def rules(request, county):
    year = _last_year()
    form = RulesForm(request.POST or None, initial=_rules_initial(county, year))
    if request.method == "POST" and form.is_valid():
        RU.save_rules(county, request.user, form.cleaned_data["filing_first"], form.cleaned_data["deadlines"],
                      form.cleaned_data["own_report_aggregates"])
        messages.success(request, M.RULES_SAVED)
        return redirect("supervision:rules", code=county.code)
    entries = {e.agency_id: e for e in RosterEntry.objects.filter(county=county)}
    roster = [(a, entries.get(a.pk)) for a in supervised(county)]
    return render(request, "supervision/rules.html", {
        "county": county, "year": year, "form": form, "roster": roster, "title": M.RULES_TITLE,
        "configured": LevelDeadline.objects.filter(county=county).exists(),
    }, status=400 if form.errors else 200)


@require_POST
@supervisor_view
def roster(request, county):
    form = RosterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("supervision:rules", code=county.code)
    agency = agency_in_scope(county, form.cleaned_data["agency"])
    RU.save_roster_entry(county, agency, request.user, form.cleaned_data["expected_from"],
                         form.cleaned_data["expected_until"])
    messages.success(request, M.ROSTER_SAVED.format(agency=agency.name))
    return redirect("supervision:rules", code=county.code)


@supervisor_view
def reminders(request, county, year):
    """GET: the reminders sent for the year and whether they were read. POST: send to one agency
    (``agency``) or, without it, to every expected agency not yet filed."""
    form = ReminderForm(request.POST or None, initial={"text": M.REMINDER_DEFAULT.format(year=year)})
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
            return redirect("supervision:board", code=county.code, year=year)
        code = form.cleaned_data["agency"]
        if code:
            sent = [R.send(county, agency_in_scope(county, code), year, form.cleaned_data["text"], request.user)]
        else:
            sent = R.send_to_unfiled(county, year, form.cleaned_data["text"], request.user)
        if sent:
            messages.success(request, M.REMINDERS_SENT.format(count=len(sent),
                                                              emailed=sum(r.emailed_to for r in sent)))
        else:
            messages.info(request, M.NOBODY_TO_REMIND)
        return redirect("supervision:board", code=county.code, year=year)
    ids = [a.pk for a in supervised(county)]
    sent = (Reminder.objects.filter(county=county, year=year, agency_id__in=ids)
            .select_related("agency", "sent_by", "read_by"))
    return render(request, "supervision/reminders.html", {
        "county": county, "year": year, "reminders": sent, "title": M.REMINDERS_TITLE.format(year=year)})


@supervisor_view
def filing(request, county, year, agency_code):
    """One agency's filings of the year: every version and decision, the latest one's findings, the
    form to decide it, and how the report on the platform differs from it now."""
    agency = agency_in_scope(county, agency_code)
    history = F.filings(agency, year)
    if not history:
        raise Http404("nothing filed")
    return _filing_page(request, county, agency, year, history)


def _filing_page(request, county, agency, year, history, form=None, status=200):
    shown = history[-1]
    report = report_from_json(shown.snapshot)
    found = A.findings(agency, year, report)
    try:
        changed = F.changed_parts(shown, F.current_document(agency, year))
    except A.YearNotSupported:
        changed = []
    return render(request, "supervision/filing.html", {
        "county": county, "year": year, "agency": None, "subject": agency, "history": list(reversed(history)),
        "shown": shown, "report": report, "title": M.FILING_TITLE.format(agency=agency.name, year=year),
        "findings": [(RM.SEVERITY.get(f.severity, f.severity), f) for f in found],
        "sections": [(s.heading, s.text) for _, s in sorted(report.sections.items())],
        "tables": [_table(t) for t in (report.proactive, report.applications, report.appeals) if t is not None],
        "form": form or DecisionForm(), "seen": locks.fingerprint(shown),
        "can_decide": shown.state == Filing.State.SUBMITTED, "changed": changed,
    }, status=status)


def _table(table) -> dict:
    """A table for the page: one header when every row has the same columns (sections 三, 四), else each
    cell with its column's name (section 二, whose rows have different columns)."""
    layouts = {tuple(c.key for c in row.columns) for row in table.spec.rows}
    uniform = len(layouts) == 1
    rows = [(row.label, [(c.label, table.rows[row.key][c.key].value) for c in row.columns])
            for row in table.spec.rows]
    header = [c.label for c in table.spec.rows[0].columns] if uniform else []
    return {"label": table.spec.label, "header": header, "rows": rows, "uniform": uniform}


@require_POST
@supervisor_view
def filing_decide(request, county, pk):
    shown = get_object_or_404(Filing.objects.select_related("agency"), pk=pk)
    agency = agency_in_scope(county, shown.agency.code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _filing_page(request, county, agency, shown.year, F.filings(agency, shown.year), form, status=400)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        decided = F.decide(shown, request.user, accept, form.cleaned_data["comment"],
                           seen=locks.seen_in(request.POST))
    except locks.Conflict as exc:
        form.add_error(None, str(exc))
        return _filing_page(request, county, agency, shown.year, F.filings(agency, shown.year), form, status=409)
    messages.success(request, M.DECIDED.format(decision=decided.get_state_display(), number=decided.number))
    return redirect("supervision:filing", code=county.code, year=decided.year, agency_code=agency.code)


@require_POST
@staff_view()
def reminder_read(request, agency, pk):
    """The agency's staff mark a reminder of their county read (``code`` is the agency's own)."""
    reminder = get_object_or_404(Reminder, pk=pk, agency=agency)
    R.mark_read(reminder, request.user)
    return redirect("dashboard", code=agency.code)
