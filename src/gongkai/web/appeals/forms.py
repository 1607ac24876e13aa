from django import forms

from .models import Appeal

DATE = forms.DateInput(attrs={"type": "date"})


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


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=Appeal.Result.choices)
    decided_on = forms.DateField(label="审结日期", widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("result") != Appeal.Result.PENDING and not data.get("decided_on"):
            raise forms.ValidationError("已审结的案件请填写审结日期。")
        if data.get("result") == Appeal.Result.PENDING:
            data["decided_on"] = None
        return data
