from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "schoolweave.evidence"
    verbose_name = "Performance data"
