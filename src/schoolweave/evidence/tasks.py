"""Work for the background worker (schoolweave db_worker) after the figures change."""

from django.db import transaction
from django_tasks import task

from schoolweave.evidence.preparation import prepare_pages


@task()
def prepare_pages_task() -> None:
    prepare_pages()


def prepare_after_commit() -> None:
    """Queue the LA pages' preparation once the import that changed the figures is committed:
    a failed import changes nothing, so it queues nothing."""
    transaction.on_commit(prepare_pages_task.enqueue)
