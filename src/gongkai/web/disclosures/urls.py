"""Staff pages of proactive disclosure, under /<agency code>/disclosures/."""

urlpatterns: list = []
