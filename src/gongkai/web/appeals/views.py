from django.shortcuts import get_object_or_404, redirect, render

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
    form = ResultForm(request.POST or None, initial={"result": appeal.result, "decided_on": appeal.decided_on})
    if request.method == "POST" and form.is_valid():
        before = appeal.result
        appeal.result, appeal.decided_on = form.cleaned_data["result"], form.cleaned_data["decided_on"]
        appeal.save(update_fields=["result", "decided_on"])
        record(agency, request.user, f"appeal:{appeal.pk}", "appeal_result", before, appeal.result,
               f"结果：{appeal.get_result_display()}")
        return redirect("appeals", code=agency.code)
    return render(request, "appeals/form.html", {"agency": agency, "form": form, "appeal": appeal,
                                                 "title": f"{appeal} 审理结果"}, status=400 if form.errors else 200)
