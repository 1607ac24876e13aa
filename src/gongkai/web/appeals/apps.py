from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.web.appeals"
    label = "appeals"
    verbose_name = "复议诉讼"
