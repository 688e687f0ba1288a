from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PensConfig(AppConfig):
    name = "zuoye.pens"
    label = "pens"
    verbose_name = _("Pens")
