from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "zuoye.schools"
    label = "schools"
    verbose_name = "Schools"
