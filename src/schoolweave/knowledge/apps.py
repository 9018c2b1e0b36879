from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "schoolweave.knowledge"
    verbose_name = "Knowledge exchange and strategy"
