from django.apps import AppConfig


class HomeworkConfig(AppConfig):
    name = "zuoye.homework"
    label = "homework"
    verbose_name = "Homework"
