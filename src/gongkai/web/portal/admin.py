from django.contrib import admin

from .models import Guide, Message


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ("agency", "updated_at")
    search_fields = ("agency__name",)


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "agency", "created_at", "handled")
    list_filter = ("agency", "handled")
    search_fields = ("subject",)
    readonly_fields = ("agency", "subject", "body", "name", "contact", "created_at")
