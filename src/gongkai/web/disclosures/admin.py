from django.contrib import admin

from gongkai.web.agencies.backoffice import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline

from .models import Category, Document, DocumentFile, Review, Revision


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ("name", "agency", "order")
    list_filter = ("agency",)


class RevisionInline(ReadOnlyInline):
    model = Revision
    exclude = ("body",)


class ReviewInline(ReadOnlyInline):
    model = Review


class FileInline(ReadOnlyInline):
    model = DocumentFile
    fields = ("name", "uploaded_at")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only: a document's text, 公开属性 and state change only through the staff pages (workflow.py),
    which send every version through 初审、审核、审发 and keep the audit trail. An edit here would put
    text on the public site that nobody reviewed."""

    list_display = ("index_number", "title", "agency", "attribute", "state", "published_on", "published_late")
    list_filter = ("agency", "attribute", "state", "published_late")
    search_fields = ("index_number", "title", "doc_number")
    inlines = [RevisionInline, ReviewInline, FileInline]
