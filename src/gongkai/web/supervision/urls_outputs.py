"""URL patterns of the figures and outputs (S3: figures, XLSX, 通报)."""

from django.urls import path

from . import views_outputs as v

Y = "<int:year>/"

urlpatterns = [
    path(Y + "figures/", v.figures, name="figures"),
    path(Y + "figures.xlsx", v.figures_xlsx, name="figures_xlsx"),
    path(Y + "findings.xlsx", v.findings_xlsx, name="findings_xlsx"),
    path(Y + "tongbao/", v.tongbao_view, name="tongbao"),
]
