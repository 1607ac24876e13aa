from django.contrib import admin

from .models import AnnualReport, ProactiveFigures


@admin.register(ProactiveFigures)
class ProactiveFiguresAdmin(admin.ModelAdmin):
    list_display = ("agency", "year")
    list_filter = ("year",)


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "state", "published_on")
    list_filter = ("state", "year")
    readonly_fields = ("snapshot", "published_by")
