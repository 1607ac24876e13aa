"""The public's forms: an application (条例第二十九条), a status lookup and a message."""

from __future__ import annotations

import re
import unicodedata

from django import forms

from gongkai.report.controls import strip_controls
from gongkai.web.applications.models import Delivery
from gongkai.web.applications.outcomes import APPLICANT_CHOICES

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
RESIDENT_ID = re.compile(r"\d{17}[\dX]")
OTHER_ID = re.compile(r"[A-Z0-9]{6,20}")  # passports, 港澳台 permits, 统一社会信用代码
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _messages(label: str) -> dict:
    return {"required": f"请填写{label}。", "max_length": f"{label}过长，最多 %(limit_value)d 个字。",
            "invalid_choice": f"请选择{label}。", "invalid": f"{label}格式不正确。"}


def _text(label, max_length, required=True, **kw):
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages=_messages(label),
                           **kw)


def normal(value: str) -> str:
    """Full-width digits and letters to half-width, spaces and dashes typed on a phone removed."""
    return re.sub(r"[\s\u2010-\u2015－]", "", unicodedata.normalize("NFKC", value or "")).upper()


def resident_id_ok(value: str) -> bool:
    """GB 11643 check digit of an 18-character 居民身份证号码."""
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17]


class Described(forms.Form):
    """Inputs name their help text and, after a failed submission, their errors (for screen readers).

    Data given as a plain dict (the JSON API) loses its control characters here, as posted forms do in
    agencies.plaintext: they would end up in the Word and PDF files.
    """

    def __init__(self, data=None, *args, **kwargs):
        if type(data) is dict:  # not a QueryDict (a dict too), which the middleware has cleaned already
            data = {key: strip_controls(value) if isinstance(value, str) else value for key, value in data.items()}
        super().__init__(data, *args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(filter(None, (attrs.get("aria-describedby"), f"id_{name}_errors")))


class ApplyForm(Described):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_CHOICES,
                                       error_messages=_messages("申请人类型"))
    applicant_name = _text("姓名或名称", 100, help_text="公民填写姓名；法人或其他组织填写全称。")
    id_number = _text("身份证件号码或统一社会信用代码", 40,
                      help_text="公民填写居民身份证号码（或护照等证件号码）；法人或其他组织填写统一社会信用代码。")
    phone = _text("联系电话", 20, help_text="手机号码，或带区号的固定电话，如 0531-12345678。")
    address = _text("通信地址", 200, required=False, help_text="选择邮寄的，请填写收件地址。")
    email = forms.EmailField(label="电子邮箱", max_length=254, required=False, error_messages=_messages("电子邮箱"))
    description = _text("申请公开的政府信息", 2000, widget=forms.Textarea(attrs={"rows": 5}),
                        help_text="请写明信息的名称、文号，或者便于查询的其他特征性描述（条例第二十九条）。")
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices, initial=Delivery.EMAIL,
                                 widget=forms.RadioSelect, error_messages=_messages("获取信息的方式"))

    def clean_applicant_name(self):
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean_phone(self):
        value = normal(self.cleaned_data["phone"])
        if not (MOBILE.fullmatch(value) or LANDLINE.fullmatch(value)):
            raise forms.ValidationError("联系电话格式不正确，请填写11位手机号码或带区号的固定电话。")
        return value

    def clean_id_number(self):
        value = normal(self.cleaned_data["id_number"])
        if RESIDENT_ID.fullmatch(value):
            if not resident_id_ok(value):
                raise forms.ValidationError("居民身份证号码有误（校验位不符），请核对。")
        elif not OTHER_ID.fullmatch(value):
            raise forms.ValidationError("证件号码格式不正确，应为6至20位字母或数字。")
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if len(value) < 4:
            raise forms.ValidationError("请具体描述所申请的政府信息，至少4个字。")
        return value

    def clean(self):
        data = super().clean()
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取信息的，请填写电子邮箱。")
        if data.get("delivery") == Delivery.POST and not data.get("address"):
            self.add_error("address", "选择邮寄的，请填写通信地址。")
        return data


class StatusForm(Described):
    number = _text("受理编号", 40, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    code = _text("查询码", 20, widget=forms.TextInput(attrs={"autocomplete": "off"}))


class MessageForm(Described):
    subject = _text("主题", 100)
    body = _text("内容", 2000, widget=forms.Textarea(attrs={"rows": 6}))
    name = _text("姓名（选填）", 50, required=False)
    contact = _text("联系方式（选填）", 100, required=False, help_text="需要回复的，请留下电话或电子邮箱。")
    # A field people never see (hidden by CSS); a robot that fills every field gives itself away.
    website = forms.CharField(label="网址（请勿填写）", required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
