from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "zuoye.capture"
    label = "capture"
    verbose_name = "Capture"
