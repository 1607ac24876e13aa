from django.contrib import admin

from gongkai.web.agencies.backoffice import AuditedAdmin, ReadOnlyAdmin

from .models import Guide, Message


@admin.register(Guide)
class GuideAdmin(AuditedAdmin):
    list_display = ("agency", "updated_at")
    search_fields = ("agency__name",)


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    """Read-only: a message is marked handled, with the reply, on the staff page 意见箱, which audits it."""

    list_display = ("subject", "agency", "created_at", "handled")
    list_filter = ("agency", "handled")
    search_fields = ("subject",)
