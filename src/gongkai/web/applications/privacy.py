"""Need-to-know: who sees an applicant's personal data, what everyone else sees instead, and the record
of every look.

The ID number, phone, address and e-mail an applicant gives, and the files of the case, are for the
people who work the case: the registrar, the handler, the reviewer and the head. Every other role of
the agency (the administrator, the editor, the 初审 …) still sees the case, its state, deadline and
outcome, with "已隐去" in place of the data; the same values typed into a free text (a correction
note, an audit reason, the request itself) are hidden as well. Each time a permitted person is shown
the data, one ``PersonalDataView`` says who, when, which case and what (never the values).
"""

from __future__ import annotations

import copy
import re

from gongkai.web.agencies.models import AuditEntry

from . import messages as M
from .models import Application, Attachment, PersonalDataView

PERSONAL_ROLES = frozenset({"registrar", "handler", "reviewer", "head"})
# The fields of an application that identify or reach the applicant (条例 Art 29(1)).
PERSONAL_FIELDS = ("id_number", "phone", "address", "email")


def sees_personal(roles) -> bool:
    return bool(PERSONAL_ROLES & set(roles))


def personal_values(app: Application) -> list[str]:
    """The applicant's values as typed, longest first (so that a longer one is hidden whole)."""
    values = {getattr(app, name).strip() for name in PERSONAL_FIELDS}
    return sorted((v for v in values if v), key=len, reverse=True)


def redact(text: str, app: Application) -> str:
    """``text`` with each of the applicant's values replaced by 已隐去 (ID numbers in any letter case).

    Only the values as stored are found: a phone number typed with other separators elsewhere is not.
    The fields themselves are never shown to these roles, so this covers what staff copied from them.
    """
    for value in personal_values(app):
        text = re.sub(re.escape(value), M.MASKED, text, flags=re.IGNORECASE)
    return text


def _read_only(*args, **kwargs):
    raise RuntimeError("a masked copy of an application is for display only")


def masked(app: Application) -> Application:
    """A copy of ``app`` for display to a role without need-to-know: personal fields 已隐去, every other
    text redacted. The copy refuses to be saved, so the mask can never reach the database."""
    clone = copy.copy(app)
    for field in Application._meta.concrete_fields:
        value = getattr(app, field.attname)
        if not isinstance(value, str) or not value:
            continue
        setattr(clone, field.attname, M.MASKED if field.name in PERSONAL_FIELDS else redact(value, app))
    clone.save = clone.delete = clone.refresh_from_db = _read_only
    return clone


def for_roles(app: Application, roles) -> Application:
    """The application as this person may see it: itself, or the masked copy."""
    return app if sees_personal(roles) else masked(app)


def audit_for_roles(entries, app: Application, roles) -> list[AuditEntry]:
    """The case's audit trail with the applicant's values hidden in its texts for roles without need-to-know."""
    entries = list(entries)
    if sees_personal(roles):
        return entries
    shown = []
    for entry in entries:
        clone = copy.copy(entry)
        clone.reason = redact(entry.reason, app)
        clone.save = clone.delete = _read_only
        shown.append(clone)
    return shown


def shown_on_page(app: Application) -> str:
    """What the case page shows of the applicant, in words: the labels of the fields that are filled."""
    labels = [str(Application._meta.get_field(name).verbose_name) for name in PERSONAL_FIELDS
              if getattr(app, name).strip()]
    return M.SHOWN_SEPARATOR.join(labels)


def shown_attachment(item: Attachment) -> str:
    return M.SHOWN_ATTACHMENT.format(name=item.filename, kind=item.get_kind_display())[:300]


def record_view(user, app: Application, via: str, shown: str) -> PersonalDataView | None:
    """One entry of the access log; nothing when nothing personal was shown."""
    if not shown:
        return None
    return PersonalDataView.objects.create(application=app, user=user, via=via, shown=shown[:300])
