from django.contrib import admin

from .models import Agency, AuditEntry, HolidaySchedule, LocalHoliday, Membership


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


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Read-only: a schedule is entered on the staff page 放假安排 (/<机关代码>/calendar/), which audits the
    change and recounts every open deadline; an edit here would do neither."""

    list_display = ("year", "notice_number", "notice_date", "updated_by", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
