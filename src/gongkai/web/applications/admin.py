from django.contrib import admin

from gongkai.web.agencies.backoffice import AuditedAdmin, ReadOnlyAdmin

from .models import Application, PersonalDataView, ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AuditedAdmin):
    list_display = ("outcome", "title")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Read-only overview for administrators; casework happens in the staff pages, with the audit trail.

    Personal data (ID number, phone, address, e-mail) is left out of the admin altogether.
    """

    list_display = ("number", "agency", "state", "received_on", "due_on", "outcome")
    list_filter = ("agency", "state")
    search_fields = ("number",)
    exclude = ("id_number", "phone", "address", "email")


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(ReadOnlyAdmin):
    """The access log (privacy.py): evidence, never edited; the staff page 个人信息查看记录 shows it too."""

    list_display = ("at", "user", "application", "via", "shown")
    list_filter = ("via", "application__agency")
    search_fields = ("application__number",)
