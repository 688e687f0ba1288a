from django.apps import AppConfig


class ItembankConfig(AppConfig):
    name = "zuoye.itembank"
    label = "itembank"
    verbose_name = "Item bank"
