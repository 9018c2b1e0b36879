from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "schoolweave.accounts"
    verbose_name = "Accounts and roles"
