from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.web.agencies"
    label = "agencies"
    verbose_name = "机关与人员"
