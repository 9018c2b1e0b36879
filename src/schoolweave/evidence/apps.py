from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "schoolweave.evidence"
    verbose_name = "Performance data"

    def ready(self) -> None:
        from schoolweave.evidence.tasks import prepare_after_commit
        from schoolweave.register.signals import register_imported

        # The register's data stamp is part of every LA section's: prepare them again.
        register_imported.connect(prepare_after_commit, dispatch_uid="evidence.prepare_pages")
