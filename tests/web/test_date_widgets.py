"""Every date field of every staff form renders its value as <input type="date"> reads it (ISO).

Why a test over all forms: a date input shows nothing for 2025/06/25 (the zh-hans format), and the
browser then refuses to submit a required field the form itself had filled in; the whole-life browser
test found it in one app's forms, and the same widget had been written again in others.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect

from django import forms

MODULES = ["gongkai.web.agencies.forms", "gongkai.web.appeals.forms", "gongkai.web.applications.forms",
           "gongkai.web.applications.notices.forms", "gongkai.web.applications.register_filters",
           "gongkai.web.disclosures.forms", "gongkai.web.reports.forms", "gongkai.web.portal.forms"]


def date_fields():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                for field_name, field in cls.base_fields.items():
                    if isinstance(field, forms.DateField):
                        yield f"{name}.{cls.__name__}.{field_name}", field


def test_every_date_field_renders_iso_in_a_date_input():
    found = dict(date_fields())
    assert len(found) >= 10, sorted(found)  # the forms of five apps hold at least this many
    wrong = {}
    for label, field in found.items():
        html = field.widget.render("d", dt.date(2025, 6, 25))
        if 'type="date"' in html and 'value="2025-06-25"' not in html:
            wrong[label] = html
    assert wrong == {}
