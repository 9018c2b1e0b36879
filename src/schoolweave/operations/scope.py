"""What a backup holds: every table of every Schoolweave app, the user accounts (with their
groups and permissions) and Django admin's change log; and why anything else is left out.

Models are read from the app registry, not listed, so a new Schoolweave model is backed up
without a change here. A third-party app's tables are left out unless named below: a test
fails when an installed model is neither backed up nor given a reason, so each new one is
decided on.
"""

from collections.abc import Iterable
from graphlib import CycleError, TopologicalSorter
from typing import cast

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import FileField, ForeignKey, Model

ModelType = type[Model]

# Third-party apps whose tables are the project's data: accounts and the admin's change log.
THIRD_PARTY_BACKED_UP = frozenset({"auth", "admin"})

# Rebuilt by `migrate`: restored rows refer to them by natural key (app label and model name,
# permission codename), never by id, as ids differ between databases.
REBUILT_BY_MIGRATE = {
    "contenttypes.contenttype": "rebuilt by migrate; rows refer to it by app and model name",
    "auth.permission": "rebuilt by migrate; rows refer to it by its codename",
}

# Apps whose tables are left out whole.
LEFT_OUT_APPS = {
    "sessions": "sign-ins, not data: everyone signs in again after a restore",
    "django_tasks_database": (
        "the task queue is transient: a brokering round waiting or running when the backup "
        "was taken is restored in that state, without its task; run it again"
    ),
    "axes": "sign-in throttling records (django-axes) belong to the server, not the data",
}

OTHER_APP = "a third-party app's own records, not Schoolweave's data"

# Tables a restore empties although they are not backed up: sessions and queued tasks refer to
# the replaced data's users and rounds by id.
CLEARED_ON_REPLACE = frozenset({"sessions", "django_tasks_database"})

# Filled by migrations (the default learning focuses): not data someone entered, so a freshly
# migrated database holding only these counts as empty, and a restore replaces them.
SEEDED_BY_MIGRATIONS = frozenset({"networks.learningfocus"})


def _is_table(model: ModelType) -> bool:
    meta = model._meta
    return meta.managed and not meta.proxy and not meta.swapped


def _reason_left_out(model: ModelType) -> str | None:
    return REBUILT_BY_MIGRATE.get(model._meta.label_lower) or LEFT_OUT_APPS.get(
        model._meta.app_label
    )


def _is_backed_up(model: ModelType) -> bool:
    meta = model._meta
    if _reason_left_out(model):
        return False
    # A many-to-many table goes with the model it serves.
    owner = cast(ModelType, meta.auto_created) if meta.auto_created else model
    app = owner._meta.app_config
    return app is not None and (
        app.name.startswith("schoolweave.") or app.label in THIRD_PARTY_BACKED_UP
    )


def installed_tables() -> list[ModelType]:
    return [m for m in apps.get_models(include_auto_created=True) if _is_table(m)]


def not_backed_up() -> dict[str, str]:
    """Installed tables left out, with the reason (for the manifest and the docs)."""
    return {
        m._meta.label_lower: _reason_left_out(m) or OTHER_APP
        for m in installed_tables()
        if not _is_backed_up(m)
    }


def unclassified_tables() -> list[str]:
    """Installed tables neither backed up nor left out for a reason given here."""
    return sorted(
        m._meta.label_lower
        for m in installed_tables()
        if not _is_backed_up(m) and not _reason_left_out(m)
    )


def backed_up_models() -> list[ModelType]:
    """Every backed-up table, each after the tables it refers to, so a restore can load them
    in this order (many-to-many tables after both ends)."""
    models = {m._meta.label_lower: m for m in installed_tables() if _is_backed_up(m)}
    graph: TopologicalSorter[str] = TopologicalSorter()
    for label in sorted(models):
        graph.add(label, *sorted(_references(models[label]) & set(models) - {label}))
    try:
        return [models[label] for label in graph.static_order()]
    except CycleError as exc:  # foreign keys are deferred, but say it: the order is promised
        raise RuntimeError(f"backed-up tables refer to each other in a cycle: {exc}") from exc


def _references(model: ModelType) -> set[str]:
    return {
        field.related_model._meta.label_lower
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and not isinstance(field.related_model, str)
    }


def file_fields(model: ModelType) -> list[FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, FileField)]


def schema(models: Iterable[ModelType]) -> dict[str, str]:
    """The latest migration of each app the models belong to, as the code on disk has it."""
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    labels = {m._meta.app_label for m in models}
    latest: dict[str, str] = {}
    for app, name in graph.leaf_nodes():
        if app in labels:
            latest[app] = name
    return dict(sorted(latest.items()))


def unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
