"""Plain forms: one per step of the procedure, each checking the rule the statute sets for it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model

from gongkai.clock import MAX_EXTENSION, ClockError, correction_request_deadline
from gongkai.clock.fees import PER_APPLICATION, PER_PAGE
from gongkai.web.agencies.bodysize import file_help, within_file_limit

from . import messages as M
from .models import Application, Attachment, Channel, Delivery, Pause
from .outcomes import APPLICANT_CHOICES, REPLY_KIND_CHOICES, REPLY_KINDS

DATE = forms.DateInput(attrs={"type": "date"})


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(label="提交方式", choices=Channel.choices)
    received_on = forms.DateField(label="收到申请之日", widget=DATE,
                                  help_text="按条例第三十一条确定：当面为提交之日，邮寄为签收之日，其他为双方确认之日")
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_CHOICES)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_number = forms.CharField(label="身份证明号码", max_length=40, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    description = forms.CharField(label="申请公开的政府信息", widget=forms.Textarea(attrs={"rows": 3}))
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices)

    def clean_applicant_name(self):
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()

    def clean(self):
        data = super().clean()
        # Art 29: the applicant must be reachable by some means.
        if not (data.get("phone") or data.get("address") or data.get("email")):
            raise forms.ValidationError("请至少填写一种联系方式（电话、地址或电子邮箱）。")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppForm(ReasonForm):
    """An action form that knows its application, for checks against its dates."""

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.app = app

    def not_before_receipt(self, field: str):
        value = self.cleaned_data[field]
        if value < self.app.received_on:
            raise forms.ValidationError(f"日期不能早于收到申请之日（{self.app.received_on}）。")
        return value


class AcceptForm(AppForm):
    handler = forms.ModelChoiceField(label="承办人", queryset=get_user_model().objects.none())

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, app=app, **kwargs)
        self.fields["handler"].queryset = get_user_model().objects.filter(
            memberships__agency=app.agency, memberships__role="handler").order_by("username")


class CorrectionForm(AppForm):
    requested_on = forms.DateField(label="补正告知日期", widget=DATE)
    note = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_requested_on(self):
        value = self.not_before_receipt("requested_on")
        try:
            last = correction_request_deadline(self.app.received_on, calendar=self.app.agency.calendar()).due
        except ClockError as exc:
            raise forms.ValidationError(exc.message) from None
        if value > last:
            raise forms.ValidationError(f"条例第三十条规定应在收到申请之日起7个工作日内一次性告知补正，最迟为{last}。")
        return value


class SupplementForm(AppForm):
    received_on = forms.DateField(label="收到补正申请之日", widget=DATE)

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value < self.app.correction_requested_on:
            raise forms.ValidationError("收到补正之日不能早于补正告知日期。")
        return value


class PauseStartForm(AppForm):
    kind = forms.ChoiceField(label="类型", choices=[c for c in Pause.Kind.choices if c[0] != "fee"])
    start = forms.DateField(label="开始日期", widget=DATE)

    def clean_start(self):
        return self.not_before_receipt("start")


class PauseEndForm(AppForm):
    end = forms.DateField(label="结束日期", widget=DATE)

    def clean_end(self):
        value = self.cleaned_data["end"]
        pause = self.app.open_pause()
        if pause and value < pause.start:
            raise forms.ValidationError(f"结束日期不能早于开始日期（{pause.start}）。")
        return value


class ExtendForm(AppForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=MAX_EXTENSION, initial=MAX_EXTENSION)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class DelayForm(AppForm):
    days = forms.IntegerField(label="答复期限（工作日）", min_value=21, max_value=200)
    reason = forms.CharField(label="理由（申请数量、频次明显超过合理范围）", widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(AppForm):
    scale = forms.ChoiceField(label="计收方式", choices=[(PER_PAGE, "按量计收（页）"), (PER_APPLICATION, "按件计收")])
    quantity = forms.IntegerField(label="页数或本月第几件申请", min_value=1)
    notice_on = forms.DateField(label="申请人收到收费通知之日", widget=DATE)

    def clean_notice_on(self):
        return self.not_before_receipt("notice_on")


class FeePaidForm(AppForm):
    paid_on = forms.DateField(label="缴费之日", widget=DATE)

    def clean_paid_on(self):
        value = self.cleaned_data["paid_on"]
        if value < self.app.fee_notice_on:
            raise forms.ValidationError("缴费之日不能早于收到收费通知之日。")
        return value


class DecideForm(AppForm):
    # The reply type (outcomes.REPLY_KINDS): it decides the row counted, the article and the letter. No
    # choice is preselected: the clerk must pick one.
    outcome = forms.ChoiceField(label="办理结果（答复类型）", choices=[("", "请选择"), *REPLY_KIND_CHOICES])
    legal_basis = forms.CharField(label="法律依据（留空则按办理结果自动填写）", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    reply_text = forms.CharField(label="答复内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    replied_on = forms.DateField(label="答复日期", widget=DATE)

    def clean_replied_on(self):
        return self.not_before_receipt("replied_on")

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == "other.no_supplement" and self.app.correction_requested_on is None:
            raise forms.ValidationError("未告知补正的申请，不能以“逾期不补正”办结。")
        if outcome == "other.unpaid_fee" and not self.app.awaiting_fee:
            raise forms.ValidationError("没有未缴纳的收费通知，不能以“逾期未缴纳费用”办结。")
        if outcome:
            kind = REPLY_KINDS[outcome]
            if kind.needs and not (data.get("reply_text") or "").strip():
                self.add_error("reply_text", M.REPLY_NEEDS.format(label=kind.label, needs=kind.needs))
            data["reply_kind"], data["outcome"] = kind.key, kind.outcome
            if not data.get("legal_basis"):
                data["legal_basis"] = kind.basis
        return data


class ArchiveForm(AppForm):
    archived_on = forms.DateField(label="归档日期", widget=DATE)


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Attachment.Kind.choices)
    file = forms.FileField(label="文件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()

    def clean_file(self):
        return within_file_limit(self.cleaned_data["file"])


class ManualDueForm(AppForm):
    """The head's 人工核定 deadline while a year of the count has no holiday schedule (期限待定)."""

    due_on = forms.DateField(label=M.MANUAL_DUE_LABEL, widget=DATE)
    reason = forms.CharField(label=M.MANUAL_REASON_LABEL, help_text=M.MANUAL_REASON_HELP,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if self.app.correction_received_on:
            start, what = self.app.correction_received_on, M.START_SUPPLEMENTED
        else:
            start, what = self.app.received_on, M.START_RECEIVED
        if value <= start:
            raise forms.ValidationError(M.MANUAL_BEFORE_START.format(what=what, start=start))
        # Even 20 + 20 working days and the longest holiday stay well inside a year: a later date is a typo.
        limit = start + dt.timedelta(days=365)
        if value > limit:
            raise forms.ValidationError(M.MANUAL_TOO_LATE.format(what=what, limit=limit))
        return value
