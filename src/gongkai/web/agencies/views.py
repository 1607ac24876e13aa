"""The back office's calendar pages: the years' national holiday schedules, entered by the administrator.

Why here and not only in the Django admin: saving a schedule must be audited and must recount every
open deadline, which the generic admin form would do neither of. Any administrator (role ``admin``)
may look; only the administrator of an agency at the top of the hierarchy (no parent: the county
government that runs the platform) may change it, because it changes every agency's deadlines.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.clock import KNOWN_YEARS, package_schedule
from gongkai.clock.schedule import FIRST_YEAR, LAST_YEAR, day_lines

from . import messages as M
from . import schedules
from .access import staff_view
from .forms import ScheduleForm
from .models import AuditEntry, HolidaySchedule, Membership


def _today():
    from gongkai.web.applications.models import today

    return today()


def _can_edit(agency) -> bool:
    return agency.parent_id is None


def _history(year: int | None = None):
    entries = AuditEntry.objects.filter(subject__startswith="calendar:").select_related("actor", "agency")
    if year is not None:
        entries = entries.filter(subject=f"calendar:{year}")
    return entries.order_by("-at", "-id")[:50]


@require_GET
@staff_view("admin")
def calendar(request, agency):
    """The years: the package's range, every entered schedule, the years still missing, the history."""
    year = request.GET.get("year", "")
    if year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR:
        return redirect("calendar_year", code=agency.code, year=int(year))
    today = _today()
    rows = list(HolidaySchedule.objects.select_related("updated_by"))
    entered = {r.year for r in rows}
    missing = [y for y in (today.year, today.year + 1) if y not in KNOWN_YEARS and y not in entered]
    return render(request, "agencies/calendar.html", {
        "agency": agency, "rows": rows, "missing": missing, "can_edit": _can_edit(agency),
        "package_range": M.PACKAGE_RANGE.format(low=min(KNOWN_YEARS), high=max(KNOWN_YEARS)),
        "history": _history(), "next_year": today.year + 1, "M": M,
    })


def _initial(year: int, row: HolidaySchedule | None) -> tuple[dict, bool]:
    if row is not None:
        sched = row.to_schedule()
        return {"holidays": day_lines(sched.holidays), "workdays": day_lines(sched.workdays),
                "notice_number": row.notice_number, "notice_date": row.notice_date}, False
    known = package_schedule(year)
    if known is not None:
        return {"holidays": day_lines(known.holidays), "workdays": day_lines(known.workdays)}, True
    return {}, False


@require_http_methods(["GET", "POST"])
@staff_view("admin")
def calendar_year(request, agency, year):
    """One year's schedule: the form, and after saving the open applications whose deadline moved."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("no such year")
    can_edit = _can_edit(agency)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    row = HolidaySchedule.objects.filter(year=year).select_related("updated_by").first()
    initial, from_package = _initial(year, row)
    form = ScheduleForm(request.POST or None, initial=initial, year=year, today=_today())
    outcome, status = None, 200
    if request.method == "POST":
        if "delete" in request.POST:
            outcome = schedules.delete_schedule(agency, request.user, year)
            text = M.DELETED if outcome.changed else M.NOTHING_TO_DELETE
        elif form.is_valid():
            data = form.cleaned_data
            outcome = schedules.save_schedule(agency, request.user, data["schedule"], data["notice_number"],
                                              data["notice_date"])
            text = M.SAVED if outcome.changed else M.UNCHANGED
        else:
            status = 400
        if outcome is not None:
            messages.success(request, text.format(year=year, count=len(outcome.moved)))
            row = HolidaySchedule.objects.filter(year=year).select_related("updated_by").first()
            initial, from_package = _initial(year, row)
            form = ScheduleForm(initial=initial, year=year, today=_today())
    mine, others = [], {}
    if outcome is not None:
        # The person sees the cases of the agencies they serve; of the others only how many moved
        # (another agency's application numbers are not theirs to know, see access.py).
        own = set(Membership.objects.filter(user=request.user).values_list("agency_id", flat=True))
        for m in outcome.moved:
            if m.agency.pk in own:
                mine.append(m)
            else:
                others[m.agency.name] = others.get(m.agency.name, 0) + 1
    return render(request, "agencies/calendar_year.html", {
        "agency": agency, "year": year, "row": row, "form": form, "can_edit": can_edit,
        "from_package": from_package, "in_package": year in KNOWN_YEARS, "outcome": outcome, "mine": mine,
        "others": sorted(others.items()), "history": _history(year), "M": M,
    }, status=status)
