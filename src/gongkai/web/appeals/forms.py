from django import forms

from gongkai.web.agencies.forms import DATE
from gongkai.web.applications.models import today

from . import messages as M
from .models import Appeal


class AppealForm(forms.Form):
    number = forms.CharField(label="申请受理编号", max_length=40)
    kind = forms.ChoiceField(label="类型", choices=Appeal.Kind.choices)
    filed_on = forms.DateField(label="立案（受理）日期", widget=DATE)
    body = forms.CharField(label="复议机关或法院", max_length=100)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_number(self):
        number = self.cleaned_data["number"].strip().upper()
        app = self.agency.applications.filter(number=number).first()
        if app is None:
            raise forms.ValidationError("本机关没有这个受理编号的申请。")
        self.cleaned_data["application"] = app
        return number

    def clean(self):
        data = super().clean()
        filed, app = data.get("filed_on"), data.get("application")
        if filed and filed > today():
            self.add_error("filed_on", M.FILED_FUTURE.format(value=filed, today=today()))
        elif filed and app is not None and filed < app.received_on:
            self.add_error("filed_on", M.FILED_BEFORE_RECEIPT.format(value=filed, received=app.received_on))
        return data


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=Appeal.Result.choices)
    decided_on = forms.DateField(label="审结日期", widget=DATE, required=False)

    def __init__(self, *args, appeal: Appeal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.appeal = appeal

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value and value > today():
            raise forms.ValidationError(M.DECIDED_FUTURE.format(value=value, today=today()))
        if value and self.appeal is not None and value < self.appeal.filed_on:
            raise forms.ValidationError(M.DECIDED_BEFORE_FILED.format(value=value, filed=self.appeal.filed_on))
        return value

    def clean(self):
        data = super().clean()
        if data.get("result") != Appeal.Result.PENDING and not data.get("decided_on"):
            raise forms.ValidationError("已审结的案件请填写审结日期。")
        if data.get("result") == Appeal.Result.PENDING:
            data["decided_on"] = None
        return data
