from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "schoolweave.sheets"
    verbose_name = "Network identification sheets"
