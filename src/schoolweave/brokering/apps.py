from django.apps import AppConfig


class BrokeringConfig(AppConfig):
    name = "schoolweave.brokering"
    verbose_name = "Brokering rounds"
