"""The public site (政府信息公开专栏): no login, nothing personal."""

from django.urls import path, register_converter

from . import api, versions, views


class IndexConverter:
    """A 索引号 with "~" for its slash (see public.index_to_url)."""

    regex = r"[A-Za-z0-9~_.-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value.replace("/", "~")


register_converter(IndexConverter, "index")

A = "<slug:code>/"
D = A + "documents/<index:index>/"

urlpatterns = [
    path("", views.county, name="portal_county"),
    # The API first: "api" would otherwise be read as an agency code.
    path("api/", api.urls()),
    path("api/<path:rest>", api.not_found_view, name="portal_api_not_found"),
    path(A, views.agency_page, name="portal_agency"),
    path(A + "guide/", views.guide, name="portal_guide"),
    path(A + "catalogue/", views.catalogue, name="portal_catalogue"),
    path(A + "search/", views.search, name="portal_search"),
    path(D, views.document, name="portal_document"),
    path(D + "files/<int:pk>/", views.document_file, name="portal_document_file"),
    path(A + "apply/", views.apply, name="portal_apply"),
    path(A + "apply/done/", views.applied, name="portal_applied"),
    path(A + "status/", views.status, name="portal_status"),
    path(A + "reports/", views.reports, name="portal_reports"),
    path(A + "reports/<int:year>/", views.report, name="portal_report"),
    path(A + "reports/<int:year>/versions/<int:number>/", versions.report_version, name="portal_report_version"),
    path(A + "reports/<int:year>/report.<slug:kind>", views.report_download, name="portal_report_download"),
    path(A + "mailbox/", views.mailbox, name="portal_mailbox"),
    path(A + "mailbox/sent/", views.mailbox_sent, name="portal_mailbox_sent"),
]
