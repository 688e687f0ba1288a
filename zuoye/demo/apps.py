from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zuoye.demo"
    label = "demo"
