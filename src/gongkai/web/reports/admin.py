from django.contrib import admin

from gongkai.web.agencies.backoffice import ReadOnlyAdmin

from .models import AnnualReport, ProactiveFigures


@admin.register(ProactiveFigures)
class ProactiveFiguresAdmin(ReadOnlyAdmin):
    """Read-only: the figures are entered on the report's staff page, which audits them."""

    list_display = ("agency", "year")
    list_filter = ("year",)


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    """Read-only: texts are written and the report published on the staff pages, after validation; a
    published report is frozen (its snapshot is what the public gets)."""

    list_display = ("agency", "year", "state", "published_on")
    list_filter = ("state", "year")
