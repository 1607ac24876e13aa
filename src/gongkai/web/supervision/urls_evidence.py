"""URL patterns of the evidence pages (S2: findings, external reports, years, copying)."""

from django.urls import path

from . import views_evidence as v

Y = "<int:year>/"

urlpatterns = [
    path(Y + "findings/", v.findings, name="findings"),
    path(Y + "external/", v.external, name="external"),
    path(Y + "copying/", v.copying, name="copying"),
    path("agency/<slug:agency_code>/", v.agency_years, name="agency_years"),
]
