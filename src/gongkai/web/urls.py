from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .agencies import views as agencies
from .appeals import views as appeals
from .applications import access_log
from .applications import clerk_views as clerk
from .applications import notice_views as notices
from .applications import views as apps
from .errors import bad_request, not_found, permission_denied, server_error
from .reports import views as reports

A = "<slug:code>/"
N = "<str:number>/"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The public site and its API come before the staff pages, whose paths start with an agency code.
    path("zfxxgk/", include("gongkai.web.portal.urls")),
    path("", apps.home, name="home"),
    path(A, apps.dashboard, name="dashboard"),
    path(A + "applications/", clerk.application_list, name="applications"),
    path(A + "applications/ledger.xlsx", clerk.ledger_export, name="ledger_export"),
    path(A + "mine/", clerk.waiting_for_me, name="waiting_for_me"),
    path(A + "applications/new/", apps.register, name="register"),
    path(A + "applications/" + N, apps.detail, name="application"),
    path(A + "applications/" + N + "act/<slug:action>/", apps.act, name="act"),
    path(A + "applications/" + N + "attach/", apps.attach, name="attach"),
    path(A + "applications/" + N + "files/<int:pk>/", apps.attachment, name="attachment"),
    path(A + "applications/" + N + "letter.<slug:kind>", apps.letter, name="letter"),
    path(A + "applications/" + N + "notices/<slug:kind>/", notices.notice_form, name="notice"),
    path(A + "applications/" + N + "notices/<slug:kind>.<slug:fmt>", notices.notice_file, name="notice_file"),
    path(A + "applications/" + N + "notices/<slug:kind>/preview.<slug:fmt>", notices.notice_preview,
         name="notice_preview"),
    path(A + "applications/" + N + "notices/<slug:kind>/issue.<slug:fmt>", notices.notice_issue, name="notice_issue"),
    path(A + "applications/" + N + "issued/<int:pk>.<slug:fmt>", notices.issued_file, name="issued_file"),
    path(A + "applications/" + N + "receipt.<slug:fmt>", notices.receipt, name="receipt"),
    path(A + "privacy/", access_log.personal_data_log, name="personal_data_log"),
    path(A + "calendar/", agencies.calendar, name="calendar"),
    path(A + "calendar/<int:year>/", agencies.calendar_year, name="calendar_year"),
    path(A + "appeals/", appeals.appeal_list, name="appeals"),
    path(A + "appeals/new/", appeals.appeal_new, name="appeal_new"),
    path(A + "appeals/<int:pk>/", appeals.appeal_result, name="appeal_result"),
    path(A + "disclosures/", include("gongkai.web.disclosures.urls")),
    path(A + "messages/", include("gongkai.web.portal.staff_urls")),
    path(A + "reports/", reports.report_list, name="reports"),
    path(A + "reports/<int:year>/", reports.report_detail, name="report"),
    path(A + "reports/<int:year>/texts/", reports.report_texts, name="report_texts"),
    path(A + "reports/<int:year>/figures/", reports.report_figures, name="report_figures"),
    path(A + "reports/<int:year>/publish/", reports.report_publish, name="report_publish"),
    path(A + "reports/<int:year>/correct/", reports.report_correct, name="report_correct"),
    path(A + "reports/<int:year>/file/", reports.report_file, name="report_file"),
    path(A + "reports/<int:year>/export.<str:kind>", reports.report_export, name="report_export"),
    # The county office's supervision of the agencies below it (政务公开办).
    path(A + "supervision/", include("gongkai.web.supervision.urls")),
]

# Chinese error pages (errors.py) instead of Django's English ones.
handler400, handler403, handler404, handler500 = bad_request, permission_denied, not_found, server_error
