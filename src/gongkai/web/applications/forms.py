"""Plain forms: one per step of the procedure, each checking the rule the statute sets for it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model

from gongkai.clock import MAX_EXTENSION, ClockError, correction_request_deadline, fee_payment_deadline
from gongkai.clock.fees import PER_APPLICATION, PER_PAGE
from gongkai.web.agencies.bodysize import file_help, within_file_limit
from gongkai.web.agencies.forms import DATE

from . import deadlines
from . import messages as M
from .models import Application, Attachment, Channel, Delivery, Pause, today
from .outcomes import APPLICANT_CHOICES, REPLY_KIND_CHOICES, REPLY_KINDS

# 条例 (国务院令第711号) in force from this day (Art 56); earlier receipts ran under 国务院令第492号.
IN_FORCE = dt.date(2019, 5, 15)
MAX_PAGES = 100_000  # plausibility: more pages than this for one application is a typo
CORRECTION_PERIOD_MAX = 90  # calendar days: a "reasonable period" (Art 30) longer than this is a typo


def past_date(value: dt.date, label: str) -> dt.date:
    """Nothing recorded as having happened may lie after today (part 8 of issue 14)."""
    if value > today():
        raise forms.ValidationError(M.DATE_FUTURE.format(label=label, value=value, today=today()))
    return value


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

    def clean_received_on(self):
        value = past_date(self.cleaned_data["received_on"], "收到申请之日")
        if value < IN_FORCE:
            raise forms.ValidationError(M.RECEIVED_BEFORE_2019)
        return value

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
        """A step's date: on or after receipt (Art 31) and not in the future."""
        value = self.cleaned_data[field]
        label = self.fields[field].label
        if value < self.app.received_on:
            raise forms.ValidationError(M.DATE_BEFORE_RECEIPT.format(label=label, value=value,
                                                                     received=self.app.received_on))
        return past_date(value, label)

    def not_before(self, field: str, other: dt.date | None, other_label: str):
        value = self.not_before_receipt(field)
        if other is not None and value < other:
            raise forms.ValidationError(M.DATE_BEFORE.format(label=self.fields[field].label, value=value,
                                                             other_label=other_label, other=other))
        return value

    def due_on(self, day: dt.date) -> dt.date | None:
        return deadlines.due_on_day(self.app, self.app.agency.calendar(), day)


class AcceptForm(AppForm):
    handler = forms.ModelChoiceField(label="承办人", queryset=get_user_model().objects.none())

    def __init__(self, *args, app: Application, **kwargs):
        super().__init__(*args, app=app, **kwargs)
        self.fields["handler"].queryset = get_user_model().objects.filter(
            memberships__agency=app.agency, memberships__role="handler").order_by("username")


class CorrectionForm(AppForm):
    """补正 (Art 30): once, within 7 working days of receipt, with a reasonable period to answer in."""

    requested_on = forms.DateField(label="补正告知日期", widget=DATE)
    period_until = forms.DateField(label=M.CORRECTION_PERIOD_LABEL, widget=DATE)
    note = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_requested_on(self):
        value = self.not_before_receipt("requested_on")
        try:
            last = correction_request_deadline(self.app.received_on, calendar=self.app.agency.calendar()).due
        except ClockError as exc:
            raise forms.ValidationError(exc.message) from None
        if value > last:
            raise forms.ValidationError(M.CORRECTION_TOO_LATE.format(last=last))
        return value

    def clean(self):
        data = super().clean()
        requested, until = data.get("requested_on"), data.get("period_until")
        if requested and until:
            if until <= requested:
                self.add_error("period_until", M.CORRECTION_PERIOD_SHORT.format(value=until, requested=requested))
            elif (until - requested).days > CORRECTION_PERIOD_MAX:
                self.add_error("period_until", M.CORRECTION_PERIOD_LONG.format(value=until,
                                                                               days=CORRECTION_PERIOD_MAX))
        return data


class SupplementForm(AppForm):
    received_on = forms.DateField(label="收到补正申请之日", widget=DATE)

    def clean_received_on(self):
        return self.not_before("received_on", self.app.correction_requested_on, "补正告知日期")


class PauseStartForm(AppForm):
    kind = forms.ChoiceField(label="类型", choices=[c for c in Pause.Kind.choices if c[0] != "fee"])
    party = forms.CharField(label=M.CONSULT_PARTY_LABEL, max_length=200)
    start = forms.DateField(label="征求意见书送达日期", widget=DATE)

    def clean_start(self):
        return self.not_before_receipt("start")


class PauseEndForm(AppForm):
    """The consulted party's answer (Art 32, 34): when, what, and whether they agreed."""

    end = forms.DateField(label="收到意见之日（逾期未答复的填期限届满之日）", widget=DATE)
    agreed = forms.ChoiceField(label="意见", choices=M.AGREED_CHOICES)
    answer = forms.CharField(label="意见内容", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_end(self):
        pause = self.app.open_pause()
        return self.not_before("end", pause.start if pause else None, "开始日期")


class ExtendForm(AppForm):
    """Art 33 ¶2: one extension, at most 20 working days, decided and told before the deadline."""

    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=MAX_EXTENSION, initial=MAX_EXTENSION)
    decided_on = forms.DateField(label="负责人批准日期", widget=DATE)
    notified_on = forms.DateField(label="告知申请人日期", widget=DATE)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))

    def _in_time(self, field: str) -> dt.date:
        value = self.not_before_receipt(field)
        due = self.due_on(value)
        if due is None:
            raise forms.ValidationError(M.EXTENSION_NO_DEADLINE)
        if value > due:
            raise forms.ValidationError(M.EXTENSION_AFTER_DEADLINE.format(due=due))
        return value

    def clean_decided_on(self):
        return self._in_time("decided_on")

    def clean_notified_on(self):
        return self._in_time("notified_on")

    def clean(self):
        data = super().clean()
        if data.get("decided_on") and data.get("notified_on") and data["notified_on"] < data["decided_on"]:
            self.add_error("notified_on", M.DATE_BEFORE.format(label="告知申请人日期", value=data["notified_on"],
                                                               other_label="负责人批准日期", other=data["decided_on"]))
        return data


class Art35AskForm(AppForm):
    asked_on = forms.DateField(label="要求说明理由日期", widget=DATE)
    reason = forms.CharField(label="申请数量、频次明显超过合理范围的情况", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_asked_on(self):
        return self.not_before_receipt("asked_on")


class DelayForm(AppForm):
    days = forms.IntegerField(label="答复期限（工作日）", min_value=21, max_value=200)
    reason = forms.CharField(label="理由（申请数量、频次明显超过合理范围）", widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        if self.app.art35_asked_on is None:
            raise forms.ValidationError(M.ART35_NOT_ASKED.format(what=M.ART35_WHAT_DELAY))
        return super().clean()


class FeeNoticeForm(AppForm):
    """信息处理费 (国办函〔2020〕109号): priced from the register, within the answer period, never 0元."""

    scale = forms.ChoiceField(label="计收方式", choices=[(PER_PAGE, "按量计收（页）"), (PER_APPLICATION, "按件计收")])
    quantity = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False,
                                  help_text="按件计收的，由系统按登记记录计算本申请是申请人本月第几件")
    notice_on = forms.DateField(label="申请人收到收费通知之日", widget=DATE)

    def clean_notice_on(self):
        value = self.not_before_receipt("notice_on")
        due = self.due_on(value)
        if due is None:
            raise forms.ValidationError(M.FEE_NO_DEADLINE)
        if value > due:
            raise forms.ValidationError(M.FEE_AFTER_DEADLINE.format(due=due))
        return value

    def clean(self):
        from .fees import calculation  # the register's count lives beside the model queries

        data = super().clean()
        scale, pages = data.get("scale"), data.get("quantity")
        if scale == PER_PAGE:
            if not pages:
                self.add_error("quantity", M.FEE_PAGES_NEEDED)
                return data
            if pages > MAX_PAGES:
                self.add_error("quantity", M.FEE_PAGES_TOO_MANY.format(pages=pages, limit=MAX_PAGES))
                return data
        if scale:
            calc = calculation(self.app, scale, pages)
            if calc.total == 0:
                raise forms.ValidationError(M.FEE_ZERO)
            data["calculation"] = calc
        return data


class FeePaidForm(AppForm):
    paid_on = forms.DateField(label="缴费之日", widget=DATE)

    def clean_paid_on(self):
        value = self.not_before("paid_on", self.app.fee_notice_on, "收到收费通知之日")
        try:
            due = fee_payment_deadline(self.app.fee_notice_on, calendar=self.app.agency.calendar()).due
        except ClockError as exc:
            raise forms.ValidationError(exc.message) from None
        if value > due:
            raise forms.ValidationError(M.PAID_TOO_LATE.format(due=due))
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
        return self.not_before("replied_on", self.app.correction_received_on, "收到补正申请之日")

    def clean(self):
        data = super().clean()
        outcome, replied = data.get("outcome"), data.get("replied_on")
        if outcome == "other.no_supplement":
            self._check_no_supplement(replied)
        if outcome == "other.unpaid_fee":
            self._check_unpaid(replied)
        if outcome == "not_processed.excessive" and self.app.art35_asked_on is None:
            raise forms.ValidationError(M.ART35_NOT_ASKED.format(what=M.ART35_WHAT_REFUSE))
        if outcome:
            kind = REPLY_KINDS[outcome]
            if kind.needs and not (data.get("reply_text") or "").strip():
                self.add_error("reply_text", M.REPLY_NEEDS.format(label=kind.label, needs=kind.needs))
            data["reply_kind"], data["outcome"] = kind.key, kind.outcome
            if not data.get("legal_basis"):
                data["legal_basis"] = kind.basis
        return data


    def _check_no_supplement(self, replied: dt.date | None) -> None:
        app = self.app
        if app.correction_requested_on is None:
            raise forms.ValidationError(M.NO_SUPPLEMENT_NOT_ASKED)
        if app.correction_received_on is not None:
            raise forms.ValidationError(M.NO_SUPPLEMENT_RECEIVED.format(date=app.correction_received_on))
        if app.correction_due_on is None:
            raise forms.ValidationError(M.NO_SUPPLEMENT_NO_PERIOD)
        if replied is not None and replied <= app.correction_due_on:
            raise forms.ValidationError(M.NO_SUPPLEMENT_TOO_EARLY.format(due=app.correction_due_on))

    def _check_unpaid(self, replied: dt.date | None) -> None:
        if not self.app.awaiting_fee:
            raise forms.ValidationError(M.UNPAID_NO_NOTICE)
        try:
            due = fee_payment_deadline(self.app.fee_notice_on, calendar=self.app.agency.calendar()).due
        except ClockError as exc:
            raise forms.ValidationError(exc.message) from None
        if replied is not None and replied <= due:
            raise forms.ValidationError(M.UNPAID_TOO_EARLY.format(due=due))


class ArchiveForm(AppForm):
    archived_on = forms.DateField(label="归档日期", widget=DATE)

    def clean_archived_on(self):
        return self.not_before("archived_on", self.app.replied_on, "答复日期")


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


class AmendForm(AppForm):
    """更正 one recorded value (corrections.FIELDS), with the reason kept in the audit.

    Dates and numbers are typed; the coded values (提交方式, 申请人类型, 办理结果) are picked from their
    Chinese options, never typed as codes."""

    field = forms.ChoiceField(label=M.CORRECT_FIELD_LABEL, choices=[("", "请选择")])
    value = forms.CharField(label=M.CORRECT_VALUE_LABEL, max_length=100, required=False, help_text=M.CORRECT_VALUE_HELP)
    choice = forms.ChoiceField(label=M.CORRECT_CHOICE_LABEL, required=False, choices=[("", "请选择")])
    reason = forms.CharField(label=M.CORRECT_REASON_LABEL, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, app: Application, **kwargs):
        from .corrections import FIELD_CHOICES, OPTION_CHOICES

        super().__init__(*args, app=app, **kwargs)
        self.fields["field"].choices = [("", "请选择"), *FIELD_CHOICES]
        self.fields["choice"].choices = [("", "请选择"), *OPTION_CHOICES]

    def _typed(self, spec) -> str | None:
        """The new value as text for ``parse``: the option picked for a coded field, else what was typed."""
        if spec.kind == "choice":
            picked = self.cleaned_data.get("choice") or ""
            if picked:
                name, _, key = picked.partition(":")
                if name != spec.name:
                    label = dict(opt for _, group in self.fields["choice"].choices[1:] for opt in group)[picked]
                    self.add_error("choice", M.CORRECT_CHOICE_OTHER.format(picked=label, label=spec.label))
                    return None
                return key
            if (self.cleaned_data.get("value") or "").strip():  # a code or label typed (older clients)
                return self.cleaned_data["value"]
            self.add_error("choice", M.CORRECT_CHOICE_NEEDED.format(label=spec.label))
            return None
        if not (self.cleaned_data.get("value") or "").strip():
            self.add_error("value", M.CORRECT_VALUE_NEEDED.format(label=spec.label))
            return None
        return self.cleaned_data["value"]

    def clean(self):
        from .corrections import FIELDS, parse

        data = super().clean()
        name = data.get("field")
        if not name or "value" not in data or "choice" not in data:
            return data
        spec = FIELDS[name]
        old = getattr(self.app, name)
        if old in (None, "") or (name == "reply_kind" and not self.app.outcome):
            raise forms.ValidationError(M.CORRECT_NOT_SET.format(label=spec.label))
        text = self._typed(spec)
        if text is None:
            return data
        target = "choice" if spec.kind == "choice" and data.get("choice") else "value"
        try:
            new = parse(spec, text)
            if spec.kind == "date":
                past_date(new, spec.label)
                if name == "received_on":
                    if new < IN_FORCE:
                        raise forms.ValidationError(M.RECEIVED_BEFORE_2019)
                elif new < self.app.received_on:
                    raise forms.ValidationError(M.DATE_BEFORE_RECEIPT.format(label=spec.label, value=new,
                                                                             received=self.app.received_on))
        except forms.ValidationError as exc:
            self.add_error(target, exc)
            return data
        if new == old:
            self.add_error(target, M.CORRECT_SAME)
            return data
        data["spec"], data["old"], data["new"] = spec, old, new
        return data


class AnnulForm(AppForm):
    """撤销 a step recorded by mistake (corrections.STEPS)."""

    step = forms.ChoiceField(label=M.ANNUL_STEP_LABEL, choices=[("", "请选择")])
    reason = forms.CharField(label=M.CORRECT_REASON_LABEL, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, app: Application, **kwargs):
        from .corrections import STEP_CHOICES

        super().__init__(*args, app=app, **kwargs)
        self.fields["step"].choices = [("", "请选择"), *STEP_CHOICES]

    def clean_step(self):
        from .corrections import recorded_steps

        value = self.cleaned_data["step"]
        if value not in recorded_steps(self.app):
            raise forms.ValidationError(M.ANNUL_NOTHING)
        return value


class ReopenForm(AppForm):
    reason = forms.CharField(label=M.REOPEN_REASON_LABEL, widget=forms.Textarea(attrs={"rows": 2}))
