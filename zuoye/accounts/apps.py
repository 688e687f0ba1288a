from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zuoye.accounts"
    label = "accounts"
    verbose_name = "Accounts"
