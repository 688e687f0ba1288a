from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zuoye.portal"
    label = "portal"
