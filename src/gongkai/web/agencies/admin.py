from django.contrib import admin

from .models import Agency, AuditEntry, LocalHoliday, Membership


class LocalHolidayInline(admin.TabularInline):
    model = LocalHoliday
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent")
    search_fields = ("name", "code")
    inlines = [MembershipInline, LocalHolidayInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "agency", "actor", "subject", "action", "from_state", "to_state")
    list_filter = ("agency", "action")
    search_fields = ("subject",)

    # The trail is evidence: nobody edits or deletes it, not even a superuser through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
