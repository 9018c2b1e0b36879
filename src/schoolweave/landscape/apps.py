from django.apps import AppConfig


class LandscapeConfig(AppConfig):
    name = "schoolweave.landscape"
    verbose_name = "Landscape review"
