"""The public site (政府信息公开专栏): no login, nothing personal."""

urlpatterns: list = []
