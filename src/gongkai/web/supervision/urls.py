from django.urls import path

from . import views
from .urls_evidence import urlpatterns as evidence  # S2: findings, external reports, years, copying
from .urls_outputs import urlpatterns as outputs  # S3: figures, XLSX, 通报

app_name = "supervision"
Y = "<int:year>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(Y, views.board, name="board"),
    *evidence,
    *outputs,
]
