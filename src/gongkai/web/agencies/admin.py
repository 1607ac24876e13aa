from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction

from .backoffice import AuditedAdmin, ReadOnlyAdmin
from .models import Agency, AuditEntry, HolidaySchedule, LocalHoliday, Membership


class LocalHolidayInline(admin.TabularInline):
    model = LocalHoliday
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("name", "code", "level", "parent")
    search_fields = ("name", "code")
    inlines = [MembershipInline, LocalHolidayInline]

    def save_formset(self, request, form, formset, change):
        """A local rest day added, moved or removed changes the agency's working days: its open deadlines
        are counted again in the same transaction, each move audited (as a national schedule's change)."""
        super().save_formset(request, form, formset, change)
        if formset.model is LocalHoliday and (formset.new_objects or formset.changed_objects
                                              or formset.deleted_objects):
            from gongkai.web.applications import messages as AM
            from gongkai.web.applications.services import recount_open_deadlines

            recount_open_deadlines(request.user, AM.RECOUNT_LOCAL_WHY, only=form.instance)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The trail is evidence: nobody edits or deletes it, not even a superuser through the admin."""

    list_display = ("at", "agency", "actor", "subject", "action", "from_state", "to_state")
    list_filter = ("agency", "action")
    search_fields = ("subject",)


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(ReadOnlyAdmin):
    """Read-only: a schedule is entered on the staff page 放假安排 (/<机关代码>/calendar/), which audits the
    change and recounts every open deadline; an edit here would do neither."""

    list_display = ("year", "notice_number", "notice_date", "updated_by", "updated_at")


# People and their groups: Django's own pages, with every change (a password too) in the audit trail.
admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    def user_change_password(self, request, id, form_url=""):
        # Django saves the password and its LogEntry outside a transaction; with ours, all or nothing.
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass
