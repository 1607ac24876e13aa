from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.web.agencies import locks
from gongkai.web.agencies.access import staff_view
from gongkai.web.agencies.models import record

from .forms import AppealForm, ResultForm
from .models import Appeal

CASE_ROLES = ("handler", "reviewer", "head")


@staff_view()
def appeal_list(request, agency):
    appeals = Appeal.objects.filter(application__agency=agency).select_related("application")
    return render(request, "appeals/list.html", {"agency": agency, "appeals": appeals})


@staff_view(*CASE_ROLES)
def appeal_new(request, agency):
    form = AppealForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            appeal = Appeal.objects.create(application=d["application"], kind=d["kind"], filed_on=d["filed_on"],
                                           body=d["body"])
            record(agency, request.user, f"appeal:{appeal.pk}", "appeal_filed", "", appeal.result,
                   f"{appeal.get_kind_display()}，申请{appeal.application.number}，{appeal.filed_on}立案")
        return redirect("appeals", code=agency.code)
    return render(request, "appeals/form.html", {"agency": agency, "form": form, "title": "登记复议诉讼案件"},
                  status=400 if form.errors else 200)


@staff_view(*CASE_ROLES)
def appeal_result(request, agency, pk):
    appeal = get_object_or_404(Appeal, pk=pk, application__agency=agency)
    form = ResultForm(request.POST or None, initial={"result": appeal.result, "decided_on": appeal.decided_on},
                      appeal=appeal)
    seen = locks.seen_in(request.POST) if request.method == "POST" else None
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            save_result(appeal, request.user, form.cleaned_data["result"], form.cleaned_data["decided_on"], seen)
        except locks.Conflict as exc:
            form.add_error(None, str(exc))
            # The page again with the case as it is now, and its version: the next save is compared with that.
            appeal, seen, status = get_object_or_404(Appeal, pk=pk), None, 409
        else:
            return redirect("appeals", code=agency.code)
    return render(request, "appeals/form.html", {"agency": agency, "form": form, "appeal": appeal,
                                                 "title": f"{appeal} 审理结果",
                                                 "seen": seen or locks.fingerprint(appeal)}, status=status)


def save_result(appeal: Appeal, user, result: str, decided_on, seen: str | None = None) -> Appeal:
    """The case's result, on the row locked and read again; ``Conflict`` when it is not what the page showed."""
    with transaction.atomic():
        fresh = locks.locked(Appeal, appeal.pk)
        locks.check_seen(locks.fingerprint(fresh), seen)
        before = fresh.result
        fresh.result, fresh.decided_on = result, decided_on
        fresh.save(update_fields=["result", "decided_on"])
        record(fresh.application.agency, user, f"appeal:{fresh.pk}", "appeal_result", before, fresh.result,
               f"结果：{fresh.get_result_display()}")
    return fresh
