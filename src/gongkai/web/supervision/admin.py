"""The supervision records in the back office: read-only, because each is written by a service that
locks and audits it (rules.py, filing.py, reminders.py, S2's findings and uploads)."""

from django.contrib import admin

from gongkai.web.agencies.backoffice import ReadOnlyAdmin

from .models import CountyRules, ExternalReport, Filing, FindingDecision, LevelDeadline, Reminder, RosterEntry


@admin.register(CountyRules)
class CountyRulesAdmin(ReadOnlyAdmin):
    list_display = ("county", "filing_first", "updated_at")


@admin.register(LevelDeadline)
class LevelDeadlineAdmin(ReadOnlyAdmin):
    list_display = ("county", "level", "filing_month", "filing_day", "publish_month", "publish_day")


@admin.register(RosterEntry)
class RosterEntryAdmin(ReadOnlyAdmin):
    list_display = ("county", "agency", "expected_from", "expected_until")


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "number", "state", "submitted_on", "decided_on")
    list_filter = ("state", "year")
    exclude = ("snapshot",)


@admin.register(ExternalReport)
class ExternalReportAdmin(ReadOnlyAdmin):
    list_display = ("county", "label", "agency", "year", "uploaded_at")
    exclude = ("document",)


@admin.register(FindingDecision)
class FindingDecisionAdmin(ReadOnlyAdmin):
    list_display = ("county", "agency", "year", "rule", "decision", "decided_at")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("county", "agency", "year", "sent_at", "emailed_to", "read_at")
