from django.urls import path

from . import views
from .urls_evidence import urlpatterns as evidence  # S2: findings, external reports, years, copying
from .urls_outputs import urlpatterns as outputs  # S3: figures, XLSX, 通报

app_name = "supervision"
Y = "<int:year>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(Y, views.board, name="board"),
    path("rules/", views.rules, name="rules"),
    path("rules/roster/", views.roster, name="roster"),
    path(Y + "reminders/", views.reminders, name="reminders"),
    path(Y + "filings/<slug:agency_code>/", views.filing, name="filing"),
    path("filings/<int:pk>/decide/", views.filing_decide, name="filing_decide"),
    # The agency's own staff (``code`` is their agency): mark a reminder of the county read.
    path("reminders/<int:pk>/read/", views.reminder_read, name="reminder_read"),
    *evidence,
    *outputs,
]
