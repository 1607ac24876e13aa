"""URL patterns of the figures and outputs (S3: figures, XLSX, 通报)."""

urlpatterns = []
