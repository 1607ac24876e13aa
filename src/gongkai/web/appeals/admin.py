from django.contrib import admin

from gongkai.web.agencies.backoffice import ReadOnlyAdmin

from .models import Appeal


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """Read-only: cases and their results are registered on the staff pages, which audit them."""

    list_display = ("application", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
