from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "schoolweave.networks"
    verbose_name = "Networks"
