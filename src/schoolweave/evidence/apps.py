from typing import Any

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "schoolweave.evidence"
    verbose_name = "Performance data"

    def ready(self) -> None:
        from schoolweave.register.signals import register_imported

        register_imported.connect(_prepare_pages, dispatch_uid="evidence.prepare_pages")


def _prepare_pages(**kwargs: Any) -> None:
    # The data stamp of every LA's section changed with the register: compute them again.
    from schoolweave.evidence.tasks import prepare_pages_task

    prepare_pages_task.enqueue()
