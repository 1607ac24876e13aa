"""URL patterns of the evidence pages (S2: findings, external reports, years, copying)."""

urlpatterns = []
