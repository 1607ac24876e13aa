"""The county office's forms: rules and deadlines, roster years, reminders, decisions on filings."""

from __future__ import annotations

import datetime as dt

from django import forms

from gongkai.web.agencies.models import Agency

from . import messages as M

LEVELS = [(level.value, level.label) for level in Agency.Level]


def parse_month_day(value: str) -> tuple[int, int]:
    """“01-26” → (1, 26). 02-29 is refused: the deadline would not exist in most years."""
    try:
        month, day = (int(part) for part in value.strip().split("-"))
        dt.date(2001, month, day)
    except (ValueError, TypeError):
        raise forms.ValidationError(M.BAD_MONTH_DAY.format(value=value)) from None
    return month, day


class RulesForm(forms.Form):
    filing_first = forms.BooleanField(label="先备案后公布（报告经政务公开办备案通过后才能发布）", required=False)
    own_report_aggregates = forms.BooleanField(
        label="本级报告为汇总报告（本级年度报告的数据含所辖机关，与所辖机关合计对照）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level, label in LEVELS:
            self.fields[f"{level}_filing"] = forms.CharField(label=f"{label} 报送截止（次年 月-日）", max_length=5)
            self.fields[f"{level}_publish"] = forms.CharField(label=f"{label} 发布截止（次年 月-日）", max_length=5)

    def clean(self):
        data = super().clean()
        out = {}
        for level, label in LEVELS:
            try:
                filing = parse_month_day(data.get(f"{level}_filing") or "")
                publish = parse_month_day(data.get(f"{level}_publish") or "")
            except forms.ValidationError as exc:
                self.add_error(f"{level}_filing", exc)
                continue
            if filing > publish:
                self.add_error(f"{level}_filing", M.FILING_AFTER_PUBLISH.format(level=label))
            out[level] = (*filing, *publish)
        data["deadlines"] = out
        return data


class RosterForm(forms.Form):
    agency = forms.SlugField(widget=forms.HiddenInput)
    expected_from = forms.IntegerField(label="首个报告年度", required=False, min_value=2008, max_value=2100)
    expected_until = forms.IntegerField(label="最后报告年度", required=False, min_value=2008, max_value=2100)

    def clean(self):
        data = super().clean()
        start, end = data.get("expected_from"), data.get("expected_until")
        if start and end and start > end:
            raise forms.ValidationError(M.ROSTER_ORDER)
        return data


class ReminderForm(forms.Form):
    text = forms.CharField(label="提醒内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    agency = forms.SlugField(required=False, widget=forms.HiddenInput)  # blank: every agency not yet filed


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="审核结论", choices=[("accept", "备案通过"), ("return", "退回整改")])
    comment = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=4000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", M.RETURN_NEEDS_COMMENT)
        return data
