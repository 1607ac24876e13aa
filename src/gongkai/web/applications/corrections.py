"""Putting a recorded step right (更正), taking it back (撤销) and reopening a wrongly closed case.

Why a list of fields rather than a free edit: each correctable value is one the statute or the annual
report depends on (dates that run the clock, the outcome row, the fee), so each is named with its
Chinese label and its kind, checked like the step that first recorded it, and written through
``services.apply``: one transaction on the locked row, the deadline recounted, and an audit entry that
keeps the old and the new value. The annual report (reports/assemble.py) counts from the records, so
it follows a correction by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms

from .models import Channel
from .outcomes import APPLICANT_CHOICES, REPLY_KINDS


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # date, int or choice
    choices: tuple[tuple[str, str], ...] = ()
    maximum: int | None = None


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("received_on", "收到申请之日", "date"),
    Field("channel", "提交方式", "choice", tuple(Channel.choices)),
    Field("applicant_type", "申请人类型", "choice", tuple(APPLICANT_CHOICES)),
    Field("correction_requested_on", "补正告知日期", "date"),
    Field("correction_due_on", "补正期限", "date"),
    Field("correction_received_on", "收到补正申请之日", "date"),
    Field("extension_days", "延期（工作日）", "int", maximum=20),
    Field("extension_decided_on", "延期批准日期", "date"),
    Field("extension_notified_on", "延期告知日期", "date"),
    Field("art35_asked_on", "要求说明理由日期（第三十五条）", "date"),
    Field("delayed_days", "第三十五条答复期限（工作日）", "int", maximum=200),
    Field("fee_amount", "信息处理费（元）", "int", maximum=10_000_000),
    Field("fee_notice_on", "申请人收到收费通知之日", "date"),
    Field("fee_paid_on", "缴费之日", "date"),
    Field("reply_kind", "办理结果（答复类型）", "choice", tuple((k.key, k.label) for k in REPLY_KINDS.values())),
    Field("replied_on", "答复日期", "date"),
    Field("archived_on", "归档日期", "date"),
)}
FIELD_CHOICES = [(f.name, f.label) for f in FIELDS.values()]
# The options of the coded fields in Chinese, grouped by field (a select with one group per field); each
# option's value names its field, so that an option picked under the wrong field is refused.
OPTION_CHOICES = [(f.label, [(f"{f.name}:{key}", label) for key, label in f.choices])
                  for f in FIELDS.values() if f.kind == "choice"]


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    fields: dict[str, object]  # what the step wrote, and the value that means "not recorded"


STEPS: dict[str, Step] = {s.key: s for s in (
    Step("correction", "告知补正", {"correction_requested_on": None, "correction_due_on": None,
                                "correction_note": "", "correction_received_on": None}),
    Step("supplement", "登记收到补正", {"correction_received_on": None}),
    Step("extend", "延期", {"extension_days": 0, "extension_reason": "", "extension_approved_by": None,
                          "extension_decided_on": None, "extension_notified_on": None}),
    Step("art35", "第三十五条（要求说明理由及延迟答复期限）", {"art35_asked_on": None, "delayed_days": None,
                                              "delay_reason": ""}),
    Step("delay", "第三十五条答复期限", {"delayed_days": None, "delay_reason": ""}),
    Step("fee", "收费通知（含缴费）", {"fee_scale": "", "fee_quantity": None, "fee_amount": None,
                                "fee_explanation": "", "fee_notice_on": None, "fee_paid_on": None}),
    Step("fee_paid", "登记缴费", {"fee_paid_on": None}),
    Step("consultation", "最近一次征求意见", {}),
)}
STEP_CHOICES = [(s.key, s.label) for s in STEPS.values()]


def shown(value, field: Field | None = None) -> str:
    """A value as the audit prints it: a coded one by its Chinese label."""
    from . import messages as M

    if value is None or value == "":
        return M.EMPTY_VALUE
    if field is not None and field.kind == "choice":
        return dict(field.choices).get(value, str(value))
    return str(value)


def parse(field: Field, text: str):
    """The typed value of ``text`` for ``field``, or a ValidationError in Chinese."""
    from . import messages as M

    text = text.strip()
    if field.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(M.CORRECT_BAD_DATE) from None
    if field.kind == "int":
        if not text.isdigit() or (field.maximum is not None and int(text) > field.maximum):
            raise forms.ValidationError(M.CORRECT_BAD_NUMBER)
        return int(text)
    keys = dict(field.choices)
    by_label = {label: key for key, label in field.choices}
    if text in keys:  # the code itself (the option's value)
        return text
    if text in by_label:  # or its Chinese label, as the clerk reads it
        return by_label[text]
    raise forms.ValidationError(M.CORRECT_BAD_CHOICE.format(value=text, label=field.label,
                                                            choices="、".join(keys.values())))


def recorded_steps(app) -> list[str]:
    """The steps of ``app`` that hold something to annul."""
    out = []
    for step in STEPS.values():
        if step.key == "consultation":
            if any(p.is_consultation for p in app.pauses.all()):
                out.append(step.key)
        elif any(getattr(app, name) not in (None, "", 0) for name in step.fields):
            out.append(step.key)
    return out
