from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    verbose_name = "政府信息公开专栏"
