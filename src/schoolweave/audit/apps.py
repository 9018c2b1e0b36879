from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "schoolweave.audit"
    verbose_name = "Audit log"
