from django.contrib import admin

from .models import Category, Document, Review, Revision


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "order")
    list_filter = ("agency",)


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    readonly_fields = ("version", "title", "doc_number", "reason", "author", "at")
    exclude = ("body",)


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    readonly_fields = ("version", "stage", "decision", "comment", "secrecy_cleared", "reviewer", "at")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-mostly: states change only through the review pages, which keep the audit trail."""

    list_display = ("index_number", "title", "agency", "attribute", "state", "published_on", "published_late")
    list_filter = ("agency", "attribute", "state", "published_late")
    search_fields = ("index_number", "title", "doc_number")
    readonly_fields = ("index_number", "state", "version", "public_version", "published_on", "first_published_on",
                       "published_late", "withdrawn_on", "withdrawn_reason", "repealed", "drafted_by")
    inlines = [RevisionInline, ReviewInline]
