from django.apps import AppConfig


class BookletsConfig(AppConfig):
    name = "zuoye.booklets"
    label = "booklets"
    verbose_name = "Booklets"
