"""The back office's letter and notice templates and the agencies' 文书设置, each checked before it is saved.

Why checked here: a template with a typo must never reach a clerk as a failed download. The admin's
form compiles the title and body with the same engine the documents use (notices/engine.py) and
shows the administrator the Chinese sentence of the problem, with the fields the template may use.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from gongkai.web.agencies.backoffice import AuditedAdmin

from . import letters
from . import messages as M
from .models import NoticeSettings, NoticeTemplate, ReplyTemplate
from .notices.engine import TemplateProblem, compile_text
from .notices.kinds import KINDS
from .outcomes import REPLY_KINDS


def _fields_help(fields: dict[str, str]) -> str:
    return M.TEMPLATE_FIELDS_HELP.format(fields="、".join(f"{key}（{name}）" for key, name in fields.items()))


class _TemplateForm(forms.ModelForm):
    key_field = ""

    def names(self, key: str) -> tuple[dict[str, str], str]:
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        key = data.get(self.key_field)
        if not key:
            return data
        fields, where = self.names(key)
        for name in ("title", "body"):
            if data.get(name):
                try:
                    compile_text(data[name], frozenset(fields), where)
                except TemplateProblem as exc:
                    self.add_error(name, exc.message)
        return data


class ReplyTemplateForm(_TemplateForm):
    key_field = "outcome"

    class Meta:
        model = ReplyTemplate
        fields = ("outcome", "title", "body")
        help_texts = {"body": _fields_help(letters.FIELDS)}

    def names(self, key):
        return letters.FIELDS, M.TEMPLATE_WHERE_REPLY.format(name=REPLY_KINDS[key].label)


class NoticeTemplateForm(_TemplateForm):
    key_field = "kind"

    class Meta:
        model = NoticeTemplate
        fields = ("kind", "title", "body")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lines = [f"{kind.label}：{'、'.join(kind.all_fields)}" for kind in KINDS.values()]
        self.fields["body"].help_text = M.TEMPLATE_FIELDS_HELP.format(fields="；".join(lines))

    def names(self, key):
        kind = KINDS[key]
        return kind.all_fields, M.TEMPLATE_WHERE_NOTICE.format(name=kind.label)


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(AuditedAdmin):
    form = NoticeTemplateForm
    list_display = ("kind", "title")


@admin.register(NoticeSettings)
class NoticeSettingsAdmin(AuditedAdmin):
    list_display = ("agency", "number_prefix", "reconsideration_body", "court")
