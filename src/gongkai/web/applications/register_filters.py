"""The 登记台账 as a clerk searches it: applicant, subject, dates, handler, state, outcome, deadline.

One form, one function from its cleaned data to a queryset, shared by the list page and its XLSX
export, so that the export holds exactly the rows the page found. The applicant is found by name for
every role, and by ID number, phone or e-mail only for the roles that may see them (privacy.py):
otherwise a search box would tell a role without need-to-know whose number it is.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from gongkai.web.agencies.forms import DATE

from . import deadlines, privacy
from .models import OPEN_STATES, State, today
from .outcomes import OUTCOME_CHOICES

DEADLINE_CHOICES = [("", "全部"), ("overdue", "已超期未答复"), ("late", "逾期答复"), ("undetermined", "期限待定")]
PER_PAGE = 50


class FilterForm(forms.Form):
    applicant = forms.CharField(label="申请人", required=False, max_length=100)
    subject = forms.CharField(label="申请内容", required=False, max_length=200)
    received_from = forms.DateField(label="收到之日 自", required=False, widget=DATE)
    received_to = forms.DateField(label="至", required=False, widget=DATE)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *State.choices])
    handler = forms.ChoiceField(label="承办人", required=False)
    outcome = forms.ChoiceField(label="办理结果", required=False,
                                choices=[("", "全部"), ("none", "尚未办结"), *OUTCOME_CHOICES])
    deadline = forms.ChoiceField(label="期限", required=False, choices=DEADLINE_CHOICES)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        people = (get_user_model().objects.filter(memberships__agency=agency, memberships__role="handler")
                  .distinct().order_by("username"))
        self.fields["handler"].choices = [("", "全部"), ("none", "未分配"),
                                          *((str(u.pk), u.get_full_name() or u.username) for u in people)]


def _by_deadline(agency, apps: QuerySet, which: str) -> QuerySet:
    if which == "late":
        return apps.filter(replied_late=True)
    # Whether a case is overdue or 期限待定 is the dashboard's own judgement (deadlines.status), counted
    # over the open cases only: a few hundred in a county, never the whole register.
    calendar, on = agency.calendar(), today()
    open_apps = apps.filter(state__in=OPEN_STATES).prefetch_related("pauses")
    wanted = "undetermined" if which == "undetermined" else "overdue"
    ids = [app.pk for app in open_apps if deadlines.status(app, calendar, on).level == wanted]
    return apps.filter(pk__in=ids)


def filtered(agency, data: dict, roles) -> QuerySet:
    """The agency's applications matching the cleaned filter ``data`` (empty values ignored), newest first."""
    apps = agency.applications.select_related("handler")
    if data.get("applicant"):
        text = data["applicant"].strip()
        match = Q(applicant_name__icontains=text) | Q(number__icontains=text)
        if privacy.sees_personal(roles):
            match |= Q(id_number__iexact=text) | Q(phone__icontains=text) | Q(email__iexact=text)
        apps = apps.filter(match)
    if data.get("subject"):
        apps = apps.filter(description__icontains=data["subject"].strip())
    if data.get("received_from"):
        apps = apps.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        apps = apps.filter(received_on__lte=data["received_to"])
    if data.get("state"):
        apps = apps.filter(state=data["state"])
    if data.get("handler") == "none":
        apps = apps.filter(handler__isnull=True)
    elif data.get("handler"):
        apps = apps.filter(handler_id=int(data["handler"]))
    if data.get("outcome") == "none":
        apps = apps.filter(outcome="")
    elif data.get("outcome"):
        apps = apps.filter(outcome=data["outcome"])
    if data.get("deadline"):
        apps = _by_deadline(agency, apps, data["deadline"])
    return apps.order_by("-received_on", "-id")
