"""What the clerk types for a notice beyond the case's own data: the date, the addressee, the period."""

from __future__ import annotations

from django import forms

from gongkai.web.agencies.forms import DATE

from ..models import Application, today

METHODS = [(m, m) for m in ("直接送达", "邮寄送达", "留置送达", "电子送达", "委托送达")]


class NoticeForm(forms.Form):
    date = forms.DateField(label="成文日期", widget=DATE)

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.app = app
        self.fields["date"].initial = today()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value < self.app.received_on:
            raise forms.ValidationError(f"成文日期不能早于收到申请之日（{self.app.received_on}）。")
        if value > today():
            raise forms.ValidationError("成文日期不能晚于今天。")
        return value


class CorrectionNoticeForm(NoticeForm):
    period_until = forms.DateField(label="补正期限（截止日期）", widget=DATE,
                                   help_text="条例第三十条要求告知合理的补正期限")

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, app=app, **kwargs)
        # The period the 告知补正 step recorded, so that the notice says what the register holds.
        self.fields["period_until"].initial = app.correction_due_on

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("period_until") and data["period_until"] <= data["date"]:
            self.add_error("period_until", "补正期限应晚于成文日期。")
        return data


class ConsultNoticeForm(NoticeForm):
    to = forms.CharField(label="被征求意见人（名称）", max_length=100)
    reason = forms.CharField(label="征求意见的事由", max_length=300, required=False,
                             help_text="如“该信息涉及贵单位的商业秘密”")

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, app=app, **kwargs)
        pause = app.open_pause()
        self.fields["to"].initial = pause.party if pause is not None and pause.is_consultation else ""


class Art35NoticeForm(NoticeForm):
    variant = forms.ChoiceField(label="告知事项", choices=[("reasons", "要求说明理由"), ("delay", "确定延迟答复"
        "的合理期限")])
    reasons_by = forms.DateField(label="说明理由的期限（要求说明理由时）", widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("variant") == "reasons" and not data.get("reasons_by"):
            self.add_error("reasons_by", "要求说明理由时，请填写说明理由的期限。")
        if data.get("variant") == "delay" and not self.app.delayed_days:
            self.add_error("variant", "负责人尚未确定第三十五条的答复期限。")
        return data


class DeliveryNoticeForm(NoticeForm):
    document = forms.CharField(label="送达文书名称及文号", max_length=200)
    method = forms.ChoiceField(label="送达方式", choices=METHODS)
    delivered_on = forms.DateField(label="送达日期", widget=DATE)
    place = forms.CharField(label="送达地点", max_length=200, required=False)

    def clean_delivered_on(self):
        value = self.cleaned_data["delivered_on"]
        if value < self.app.received_on or value > today():
            raise forms.ValidationError("送达日期应在收到申请之日和今天之间。")
        return value
