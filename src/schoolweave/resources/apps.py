from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "schoolweave.resources"
    verbose_name = "Resources and partners"
