from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    verbose_name = "政府信息公开专栏"

    def ready(self):
        # Changes made outside the workflow functions (the back office, the admin, the demo seed) reach the
        # public pages too: the agency tree and names, the headings, the guide, the reports and their versions,
        # attachments.
        from django.db.models.signals import post_delete, post_save

        from gongkai.web.agencies.models import Agency
        from gongkai.web.disclosures.models import Category, Document, DocumentFile
        from gongkai.web.reports.models import AnnualReport, ReportVersion

        from . import pagecache
        from .models import Guide

        for model in (Agency, Category, DocumentFile, Guide, AnnualReport, ReportVersion):
            name = model.__name__
            post_save.connect(pagecache.model_changed, sender=model, dispatch_uid=f"pagecache-save-{name}")
            post_delete.connect(pagecache.model_changed, sender=model, dispatch_uid=f"pagecache-delete-{name}")
        # A document's saves are the workflow's (which calls pagecache.changed when the public sees them).
        post_delete.connect(pagecache.model_changed, sender=Document, dispatch_uid="pagecache-delete-Document")
