from django.contrib import admin

from gongkai.web.agencies.backoffice import AuditedAdmin, ReadOnlyAdmin

from . import privacy
from .models import Application, PersonalDataView, ReplyTemplate
from .template_admin import ReplyTemplateForm


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    form = ReplyTemplateForm  # checked with the documents' engine: a faulty template is never saved
    list_display = ("outcome", "title")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Read-only overview for administrators; casework happens in the staff pages, with the audit trail.

    Personal data (ID number, phone, address, e-mail) is left out of the admin altogether, and the
    texts are shown as the roles without need-to-know see them (privacy.masked): a phone number a
    clerk copied into a correction note stays hidden here too.
    """

    list_display = ("number", "agency", "state", "received_on", "due_on", "outcome")
    list_filter = ("agency", "state")
    search_fields = ("number",)
    exclude = ("id_number", "phone", "address", "email")

    def get_object(self, request, object_id, from_field=None):
        app = super().get_object(request, object_id, from_field)
        return privacy.masked(app) if app is not None else None


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(ReadOnlyAdmin):
    """The access log (privacy.py): evidence, never edited; the staff page 个人信息查看记录 shows it too."""

    list_display = ("at", "user", "application", "via", "shown")
    list_filter = ("via", "application__agency")
    search_fields = ("application__number",)
