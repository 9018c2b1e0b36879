from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "schoolweave.register"
    verbose_name = "Register of schools (GIAS)"
