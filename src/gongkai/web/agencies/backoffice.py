"""The Django admin as a back office for configuration only: read-only where a workflow owns the data,
and every change it may still make written to the project's audit trail.

Why: the staff pages change documents, applications, reports and appeals through their services,
which check the rules (three-stage review, the procedure's steps) and write the audit entry. An admin
form would do neither, so the models those services own are shown read-only here (``ReadOnlyAdmin``).
What stays editable (agencies, people and roles, local rest days, letter templates, catalogue
headings, the guide) goes through ``AuditedAdmin``: each addition, change and deletion, inline rows
included, gets an ``AuditEntry`` with the old and new values, in the admin's own transaction, so a
change is never saved without its entry. Django's LogEntry stays as it is; it is not the evidence.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField

from . import messages as M
from .models import Agency, record

SECRET_FIELDS = frozenset({"password", "password1", "password2"})
LONGEST_VALUE = 200


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted: a workflow of the staff pages owns these rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _agency_of(obj) -> Agency | None:
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    return agency if isinstance(agency, Agency) else None


def _subject(obj) -> str:
    return f"{obj._meta.model_name}:{obj.pk}"


def _show(value, field) -> str:
    """A form value as a person reads it: choice labels, related objects by name, 是/否, （空）."""
    if isinstance(field, ModelMultipleChoiceField):
        items = list(value or ())
        return "、".join(str(_related(field, v)) for v in items) or M.ADMIN_EMPTY
    if isinstance(field, ModelChoiceField):
        return M.ADMIN_EMPTY if value in (None, "") else str(_related(field, value))
    if value in (None, "", [], ()):
        return M.ADMIN_EMPTY
    if isinstance(value, bool):
        return M.ADMIN_YES if value else M.ADMIN_NO
    choices = dict(getattr(field, "choices", None) or ())
    text = str(choices.get(value, value))
    return text if len(text) <= LONGEST_VALUE else text[:LONGEST_VALUE] + "…"


def _related(field, value):
    if isinstance(value, models.Model):
        return value
    return field.queryset.filter(pk=value).first() or value


def describe(form, added: bool) -> str:
    """The changed fields of a model form, old → new (new only for an addition); secrets never shown."""
    parts = []
    for name in form.changed_data:
        field = form.fields.get(name)
        label = str(field.label or name) if field is not None else name
        if name in SECRET_FIELDS or field is None:
            parts.append(M.ADMIN_SECRET.format(field=label))
            continue
        new = _show(form.cleaned_data.get(name), field)
        if added:
            parts.append(M.ADMIN_VALUE.format(field=label, new=new))
        else:
            parts.append(M.ADMIN_CHANGE.format(field=label, old=_show(form.initial.get(name), field), new=new))
    return "；".join(parts) or M.ADMIN_NO_FIELDS


def audit(request, obj, action: str, details: str = "") -> None:
    """One audit entry for one back-office change of ``obj`` (an agency being deleted is not its own agency)."""
    agency = _agency_of(obj)
    if action == "admin_delete" and isinstance(obj, Agency):
        agency = None
    text = {"admin_add": M.ADMIN_ADDED, "admin_change": M.ADMIN_CHANGED, "admin_delete": M.ADMIN_DELETED}[action]
    reason = text.format(what=obj._meta.verbose_name, name=obj, details=details)
    record(agency, request.user, _subject(obj), action, reason=reason)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every change (inline rows too) is written to the project's audit trail."""

    def save_model(self, request, obj, form, change):
        details = describe(form, added=not change)
        super().save_model(request, obj, form, change)
        # Saving a page whose own fields did not change (only an inline row did) is no change of its own.
        if form.changed_data or not change:
            audit(request, obj, "admin_change" if change else "admin_add", details)
        request._gongkai_audited = True

    def save_formset(self, request, form, formset, change):
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
        gone = [(f, _subject(f), _agency_of(f)) for f in deleted]
        super().save_formset(request, form, formset, change)
        for obj, subject, agency in gone:
            record(agency, request.user, subject, "admin_delete",
                   reason=M.ADMIN_DELETED.format(what=obj._meta.verbose_name, name=obj, details=""))
        forms = {id(f.instance): f for f in formset.forms}
        for obj in formset.new_objects:
            audit(request, obj, "admin_add", describe(forms[id(obj)], added=True))
        for obj, _fields in formset.changed_objects:
            audit(request, obj, "admin_change", describe(forms[id(obj)], added=False))

    def delete_model(self, request, obj):
        audit(request, obj, "admin_delete")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The admin's bulk deletion runs outside a transaction: entries and deletion commit together here.
        with transaction.atomic():
            for obj in queryset:
                audit(request, obj, "admin_delete")
            super().delete_queryset(request, queryset)

    def log_change(self, request, obj, message):
        """A change the admin made without ``save_model`` (a user's password): audited here, by field name."""
        if not getattr(request, "_gongkai_audited", False):
            items = message if isinstance(message, list) else []
            fields = [name for item in items for name in item.get("changed", {}).get("fields", ())]
            details = "；".join(M.ADMIN_SECRET.format(field=M.ADMIN_FIELD_NAMES.get(f, f)) for f in fields)
            audit(request, obj, "admin_change", details or M.ADMIN_NO_FIELDS)
        return super().log_change(request, obj, message)
