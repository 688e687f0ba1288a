from django.apps import AppConfig


class RostersConfig(AppConfig):
    name = "zuoye.rosters"
    label = "rosters"
