from django.apps import AppConfig
from django.utils.translation import gettext_noop

# Menu labels shown by portal.context; their translations live in capture's catalogue.
NAV_LABELS = (gettext_noop("Capture"), gettext_noop("Send graded homework"))


class CaptureConfig(AppConfig):
    name = "zuoye.capture"
    label = "capture"
    verbose_name = "Capture"
