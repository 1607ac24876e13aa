from django.contrib import admin

from .models import Application, ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ("outcome", "title")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only overview for administrators; casework happens in the staff pages, with the audit trail.

    Personal data (ID number, phone, address, e-mail) is left out of the admin altogether.
    """

    list_display = ("number", "agency", "state", "received_on", "due_on", "outcome")
    list_filter = ("agency", "state")
    search_fields = ("number",)
    exclude = ("id_number", "phone", "address", "email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
