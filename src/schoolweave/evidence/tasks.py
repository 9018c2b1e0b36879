"""Work for the background worker (schoolweave db_worker) after the figures change."""

from typing import Any

from django.db import transaction
from django_tasks import task

from schoolweave.evidence.figures import data_stamp
from schoolweave.evidence.preparation import prepare_pages


@task()
def prepare_pages_task(stamp: str) -> None:
    """Prepare the LA pages for the figures as they were when this was queued; if more came
    in since, their own preparation is queued behind this one, so this one does nothing (a
    national import of a dozen files prepares once, not a dozen times)."""
    if stamp == data_stamp():
        prepare_pages()


def prepare_after_commit(**signal: Any) -> None:
    """Queue the LA pages' preparation once the import that changed the figures is committed:
    a failed import changes nothing, so it queues nothing. Also the receiver of the
    register's `register_imported`."""
    transaction.on_commit(lambda: prepare_pages_task.enqueue(data_stamp()))
