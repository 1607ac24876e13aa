"""The back office's form for one year's national holiday schedule, as the State Council's notice lists it."""

from __future__ import annotations

import datetime as dt

from django import forms

from gongkai.clock import ClockError, YearSchedule, parse_day_lines

from . import messages as M

# The one date widget of every staff form. ISO: an <input type="date"> shows nothing for a value in the
# locale's format (2025/06/25), and the browser then refuses to submit a required field the form filled in.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScheduleForm(forms.Form):
    holidays = forms.CharField(label="放假日", help_text=M.HOLIDAYS_HELP, widget=forms.Textarea(attrs={"rows": 10}))
    workdays = forms.CharField(label="调休上班日", required=False, help_text=M.WORKDAYS_HELP,
                               widget=forms.Textarea(attrs={"rows": 5}))
    notice_number = forms.CharField(label="通知文号", max_length=60, help_text=M.NOTICE_HELP)
    notice_date = forms.DateField(label="通知日期", required=False, widget=DATE)

    def __init__(self, *args, year: int, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.today = year, today

    def _days(self, field: str) -> dict[dt.date, str]:
        try:
            return parse_day_lines(self.cleaned_data[field], self.year, field)
        except ClockError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_holidays(self):
        return self._days("holidays")

    def clean_workdays(self):
        return self._days("workdays")

    def clean_notice_number(self):
        return " ".join(self.cleaned_data["notice_number"].split())

    def clean_notice_date(self):
        value = self.cleaned_data["notice_date"]
        if value is None:
            return value
        if value > self.today:
            raise forms.ValidationError(M.NOTICE_IN_FUTURE.format(today=self.today))
        # The notice comes out in the autumn or winter before its year (a correction may come later).
        if value.year < self.year - 1:
            raise forms.ValidationError(M.NOTICE_WRONG_YEAR.format(year=self.year, earliest=self.year - 1))
        return value

    def clean(self):
        data = super().clean()
        if "holidays" in data and "workdays" in data:
            try:
                data["schedule"] = YearSchedule(self.year, data["holidays"], data["workdays"])
            except ClockError as exc:
                raise forms.ValidationError(exc.message) from None
        return data
