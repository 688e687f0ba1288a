from django.apps import AppConfig


class PensConfig(AppConfig):
    name = "zuoye.pens"
    label = "pens"
    verbose_name = "Pens"
