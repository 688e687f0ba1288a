from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "zuoye.learning"
    label = "learning"
    verbose_name = "Learning"
