"""The staff page 个人信息查看记录: who was shown which applicant's personal data, when, and what.

For the head and the administrator, who answer for need-to-know (see privacy.py); the people who look
at the data every day cannot read who else did. The page shows which fields were seen, never a value.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.web.agencies.access import staff_view

from .models import PersonalDataView

LOG_ROLES = ("head", "admin")
LIMIT = 500


@require_GET
@staff_view(*LOG_ROLES)
def personal_data_log(request, agency):
    number = request.GET.get("number", "").strip().upper()[:40]
    entries = (PersonalDataView.objects.filter(application__agency=agency)
               .select_related("application", "user").order_by("-at", "-id"))
    if number:
        entries = entries.filter(application__number=number)
    return render(request, "applications/access_log.html",
                  {"agency": agency, "entries": entries[:LIMIT], "number": number, "limit": LIMIT})
