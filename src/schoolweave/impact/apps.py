from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "schoolweave.impact"
    verbose_name = "Impact evaluation"
