"""The steps of the procedure (条例 Art 45: 登记、审核、办理、答复、归档), as data.

Each action names who may take it (roles), when (states and a condition), its form, and what it
changes. The one view in views.py runs them all, so a permission or state rule is stated once here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from gongkai.web.agencies import stall
from gongkai.web.agencies.locks import Conflict

from . import corrections, deadlines, services
from . import forms as F
from . import messages as M
from .models import OPEN_STATES, Application, IssuedNotice, Pause, State
from .outcomes import OUTCOME_LABELS

REGISTRAR, HANDLER, REVIEWER, HEAD = "registrar", "handler", "reviewer", "head"


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    roles: tuple[str, ...]
    states: tuple[str, ...]
    form: type
    run: Callable[[Application, dict, object], None]
    when: Callable[[Application], bool] = lambda app: True

    def allowed_now(self, app: Application) -> bool:
        return app.state in self.states and self.when(app)


def _submit(app, data, user):
    services.apply(app, user, "submit", to_state=State.REVIEW, reason=data["reason"] or "提交审核")


def _accept(app, data, user):
    services.apply(app, user, "accept", to_state=State.PROCESSING, handler=data["handler"],
                   reason=data["reason"] or f"审核通过，交{data['handler']}承办")


def _correction(app, data, user):
    services.apply(app, user, "correction", correction_requested_on=data["requested_on"],
                   correction_note=data["note"], correction_received_on=None, correction_due_on=data["period_until"],
                   reason=f"{data['requested_on']}告知补正，补正期限至{data['period_until']}：{data['note']}")


def _supplement(app, data, user):
    services.apply(app, user, "supplement", correction_received_on=data["received_on"],
                   reason=f"{data['received_on']}收到补正申请，答复期限重新计算")


def _pause_start(app, data, user):
    pause = Pause.objects.create(application=app, kind=data["kind"], start=data["start"], note=data["reason"],
                                 party=data["party"])
    limit = deadlines.consult_limit(pause, app.agency.calendar())
    services.apply(app, user, "pause_start", reason=M.CONSULT_AUDIT_START.format(
        start=data["start"], kind=pause.get_kind_display(), party=data["party"], limit=limit or M.NO_DATE))


def _pause_end(app, data, user):
    # The pause ends when the answer came, but never after the party's 15 working days (Art 32, 34).
    pause = app.open_pause()
    limit = deadlines.consult_limit(pause, app.agency.calendar())
    answered = data["agreed"] != "none"
    pause.answered_on = data["end"] if answered else None
    pause.agreed = {"yes": True, "no": False}.get(data["agreed"])
    pause.answer = data["answer"]
    pause.end = min(data["end"], limit) if limit else data["end"]
    pause.save(update_fields=["end", "answered_on", "agreed", "answer"])
    services.apply(app, user, "pause_end", reason=M.CONSULT_AUDIT_END.format(
        party=pause.party or pause.get_kind_display(), date=pause.answered_on or M.NO_DATE,
        agreed=M.AGREED_LABELS[pause.agreed], end=pause.end))


def _extend(app, data, user):
    services.apply(app, user, "extend", extension_days=data["days"], extension_reason=data["reason"],
                   extension_approved_by=user, extension_decided_on=data["decided_on"],
                   extension_notified_on=data["notified_on"],
                   reason=M.EXTENSION_AUDIT.format(decided=data["decided_on"], days=data["days"],
                                                   notified=data["notified_on"], reason=data["reason"]))


def _art35_ask(app, data, user):
    services.apply(app, user, "art35_ask", art35_asked_on=data["asked_on"],
                   reason=M.ART35_AUDIT.format(date=data["asked_on"], reason=data["reason"]))


def _delay(app, data, user):
    services.apply(app, user, "delay", delayed_days=data["days"], delay_reason=data["reason"],
                   reason=f"依条例第三十五条确定答复期限为{data['days']}个工作日：{data['reason']}")


def _fee_notice(app, data, user):
    # The form priced it (never 0元: no notice, no pause); the rank is counted again on the locked row.
    from .fees import calculation

    calc = calculation(app, data["scale"], data["quantity"])
    if calc.total == 0:
        raise Conflict()
    Pause.objects.create(application=app, kind=Pause.Kind.FEE, start=data["notice_on"])
    quantity = calc.rank if calc.rank is not None else calc.quantity
    services.apply(app, user, "fee_notice", fee_scale=data["scale"], fee_quantity=quantity,
                   fee_amount=calc.total, fee_explanation=calc.explain(), fee_notice_on=data["notice_on"],
                   fee_paid_on=None, reason=M.FEE_AUDIT.format(total=calc.total, notice_on=data["notice_on"],
                                                               explanation=" ".join(calc.explanation())))


def _fee_paid(app, data, user):
    pause = app.open_pause(Pause.Kind.FEE)
    if pause is not None:
        pause.end = data["paid_on"]
        pause.save(update_fields=["end"])
    services.apply(app, user, "fee_paid", fee_paid_on=data["paid_on"], reason=f"{data['paid_on']}缴纳信息处理费")


def _manual_due(app, data, user):
    year = deadlines.unknown_year(app, app.agency.calendar())
    old = app.manual_due_on
    text = M.AUDIT_MANUAL_CHANGED if old else M.AUDIT_MANUAL
    services.apply(app, user, "manual_due", manual_due_on=data["due_on"], manual_due_reason=data["reason"],
                   manual_due_by=user,
                   reason=text.format(old=old, date=data["due_on"], year=year, reason=data["reason"]))


def _undetermined(app: Application) -> bool:
    return deadlines.unknown_year(app, app.agency.calendar()) is not None


def lateness(app: Application, replied_on) -> object:
    """The deadline a reply on ``replied_on`` missed (Art 33), or None when it was in time."""
    due = deadlines.due_on_day(app, app.agency.calendar(), replied_on)
    return due if due is not None and replied_on > due else None


def _decide(app, data, user):
    # Judged before the pauses are closed: an open consultation ends by itself at its limit anyway.
    missed = lateness(app, data["replied_on"])
    # A closed application has no running pause: an open one ends on the reply date (a consultation at
    # the latest on its 15th working day).
    calendar = app.agency.calendar()
    for pause in app.pauses.filter(end__isnull=True):
        limit = deadlines.consult_limit(pause, calendar)
        end = min(data["replied_on"], limit) if limit else data["replied_on"]
        pause.end = max(pause.start, end)
        pause.save(update_fields=["end"])
    late = M.AUDIT_LATE.format(due=missed) if missed else ""
    services.apply(app, user, "decide", to_state=State.REPLY, outcome=data["outcome"],
                   reply_kind=data.get("reply_kind") or data["outcome"],
                   legal_basis=data["legal_basis"], reply_text=data["reply_text"], replied_on=data["replied_on"],
                   replied_late=missed is not None,
                   reason=f"办理结果：{OUTCOME_LABELS[data['outcome']]}；{data['replied_on']}答复{late}")


def supersede_letter(app: Application) -> None:
    """A corrected or reopened case needs a new reply letter: the one kept is marked superseded (not deleted)."""
    IssuedNotice.objects.filter(application=app, kind=IssuedNotice.REPLY, superseded=False).update(superseded=True)


def _amend(app, data, user):
    supersede_letter(app)
    spec, old, new = data["spec"], data["old"], data["new"]
    changes = {spec.name: new}
    if spec.name == "reply_kind":
        from .outcomes import REPLY_KINDS

        changes["outcome"] = REPLY_KINDS[new].outcome
        old, new = REPLY_KINDS.get(old, REPLY_KINDS[app.outcome]).label, REPLY_KINDS[new].label
    if app.replied_on is not None and spec.name not in ("archived_on", "reply_kind", "channel", "applicant_type"):
        for name, value in changes.items():
            setattr(app, name, value)
        changes["replied_late"] = lateness(app, app.replied_on) is not None
    services.apply(app, user, "amend", reason=M.CORRECT_AUDIT.format(
        label=spec.label, old=corrections.shown(old, spec), new=corrections.shown(new, spec), reason=data["reason"]),
        **changes)


def _annul(app, data, user):
    supersede_letter(app)
    step = corrections.STEPS[data["step"]]
    if step.key == "consultation":
        pause = next(p for p in reversed(app.pauses.all()) if p.is_consultation)
        old = f"{pause.get_kind_display()} {pause.party} {pause.start}–{pause.end or ''}"
        pause.delete()
        app._prefetched_objects_cache = {}
        services.apply(app, user, "annul", reason=M.ANNUL_AUDIT.format(label=step.label, old=old,
                                                                       reason=data["reason"]))
        return
    old = "；".join(f"{Application._meta.get_field(n).verbose_name}：{corrections.shown(getattr(app, n))}"
                   for n in step.fields if getattr(app, n) not in (None, "", 0))
    if step.key == "fee":
        app.pauses.filter(kind=Pause.Kind.FEE).delete()
    if step.key == "fee_paid":
        app.pauses.filter(kind=Pause.Kind.FEE, start=app.fee_notice_on).update(end=None)
    app._prefetched_objects_cache = {}
    services.apply(app, user, "annul", reason=M.ANNUL_AUDIT.format(label=step.label, old=old, reason=data["reason"]),
                   **step.fields)


def _reopen(app, data, user):
    supersede_letter(app)
    from .outcomes import reply_kind_of

    old = (f"{reply_kind_of(app).label}，{app.replied_on}答复"
           + (f"，{app.archived_on}归档" if app.archived_on else ""))
    services.apply(app, user, "reopen", to_state=State.PROCESSING if app.handler_id else State.REVIEW,
                   outcome="", reply_kind="", legal_basis="", reply_text="", replied_on=None, replied_late=False,
                   archived_on=None, reason=M.REOPEN_AUDIT.format(old=old, reason=data["reason"]))


def _archive(app, data, user):
    services.apply(app, user, "archive", to_state=State.ARCHIVED, archived_on=data["archived_on"],
                   reason=data["reason"] or "归档")


_open = (State.PROCESSING,)

ACTIONS: dict[str, Action] = {a.key: a for a in (
    Action("submit", "提交审核", (REGISTRAR,), (State.REGISTERED,), F.AppForm, _submit),
    Action("accept", "审核通过，交办", (REVIEWER,), (State.REVIEW,), F.AcceptForm, _accept,
           lambda app: not app.awaiting_correction),
    # Art 30: 补正 wherever the case is still open, as long as the 7 working days allow (the form checks).
    Action("correction", "告知补正", (REVIEWER, HANDLER), OPEN_STATES, F.CorrectionForm, _correction,
           lambda app: app.correction_requested_on is None),
    Action("supplement", "登记收到补正", (REGISTRAR, REVIEWER, HANDLER), OPEN_STATES, F.SupplementForm,
           _supplement, lambda app: app.awaiting_correction),
    Action("pause_start", "征求意见（暂停计时）", (HANDLER,), _open, F.PauseStartForm, _pause_start,
           lambda app: app.open_pause() is None),
    Action("pause_end", "征求意见结束", (HANDLER,), _open, F.PauseEndForm, _pause_end,
           lambda app: app.open_pause() is not None and app.open_pause().kind != Pause.Kind.FEE),
    Action("extend", "批准延期", (HEAD,), _open, F.ExtendForm, _extend, lambda app: app.extension_days == 0),
    Action("art35_ask", M.ART35_ACTION, (HANDLER, HEAD), _open, F.Art35AskForm, _art35_ask,
           lambda app: app.art35_asked_on is None),
    Action("delay", "确定第三十五条答复期限", (HEAD,), _open, F.DelayForm, _delay,
           lambda app: app.delayed_days is None and app.art35_asked_on is not None),
    Action("manual_due", M.MANUAL_ACTION, (HEAD,), OPEN_STATES, F.ManualDueForm, _manual_due, _undetermined),
    Action("fee_notice", "发出收费通知", (HANDLER,), _open, F.FeeNoticeForm, _fee_notice,
           lambda app: app.fee_notice_on is None and app.open_pause() is None),
    Action("fee_paid", "登记缴费", (HANDLER,), _open, F.FeePaidForm, _fee_paid, lambda app: app.awaiting_fee),
    Action("decide", "办结答复", (HANDLER, REVIEWER), (State.REVIEW, State.PROCESSING), F.DecideForm, _decide),
    Action("archive", "归档", (REGISTRAR,), (State.REPLY,), F.ArchiveForm, _archive),
    # Corrections (issue 14 part 6): the head's, in every state, each with its reason in the audit.
    Action("amend", M.CORRECT_ACTION, (HEAD,), tuple(State.values), F.AmendForm, _amend),
    Action("annul", M.ANNUL_ACTION, (HEAD,), tuple(State.values), F.AnnulForm, _annul,
           lambda app: bool(corrections.recorded_steps(app))),
    Action("reopen", M.REOPEN_ACTION, (HEAD,), (State.REPLY, State.ARCHIVED), F.ReopenForm, _reopen),
)}


def perform(action: Action, app: Application, data: dict, user, seen: str | None = None) -> None:
    """Take one step as one transaction, decided on the row locked and read again.

    Refused with ``Conflict`` (nothing changed) when the case is no longer the version ``seen`` the
    page showed, or the step no longer applies to it (the other person of a race got there first).
    The step's pauses, the row and the audit entry then commit together or not at all.
    """
    with transaction.atomic():
        fresh = services.lock(app, seen)
        if not action.allowed_now(fresh):
            raise Conflict()
        action.run(fresh, data, user)
        stall.point(action.key)


def available(app: Application, roles: set[str]) -> list[Action]:
    """The actions this person may take on this application now (what the detail page offers)."""
    return [a for a in ACTIONS.values() if a.allowed_now(app) and roles & set(a.roles) and _role_fits(a, app, roles)]


def _role_fits(action: Action, app: Application, roles: set[str]) -> bool:
    # 办结 is the handler's in 办理 and the reviewer's in 审核 (e.g. an obvious 信访 letter).
    if action.key == "decide":
        return (app.state == State.PROCESSING and HANDLER in roles) or (app.state == State.REVIEW and REVIEWER in roles)
    return True
