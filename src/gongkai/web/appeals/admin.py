from django.contrib import admin

from .models import Appeal


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
