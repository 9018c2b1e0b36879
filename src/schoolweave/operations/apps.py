from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "schoolweave.operations"
    verbose_name = "Operations: backup, restore, subject access and erasure"
