from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "zuoye.analytics"
    label = "analytics"
    verbose_name = "Analytics"
