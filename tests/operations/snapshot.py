"""Everything a backup should carry, in a form two databases can be compared by: every row of
every backed-up table (all fields, by primary key), every `export` output, and the stored
files' contents.

Values are made exact and engine-neutral: floats as hex (no rounding in decimal text),
datetimes in UTC with microseconds, decimals and JSON as canonical text (PostgreSQL's jsonb
orders keys its own way), and references to tables `migrate` rebuilds (content types,
permissions) by natural key, as their ids differ between databases.

`python -m tests.operations.cli snapshot` prints it as JSON for the database named by
SCHOOLWEAVE_DATABASE_URL: the cross-engine test compares two such outputs.
"""

import datetime
import hashlib
import io
import json
from decimal import Decimal
from typing import Any

import time_machine
from django.core.management import call_command
from django.db.models import FileField, ForeignKey, JSONField, Model

from schoolweave.operations import scope

EXPORTED_AT = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
EXPORTS = (
    ("export", "schools", "--format", "json"),
    ("export", "schools", "--format", "json", "--status", "all", "--include-unpublished"),
    ("export", "schools", "--format", "csv", "--status", "all", "--include-unpublished"),
    ("export", "grants", "--la", "333", "--format", "360giving-json", "--include-unpublished"),
    ("export", "grants", "--la", "333", "--format", "csv", "--include-unpublished"),
    ("export", "figures", "--la", "333", "--format", "json"),
)


def snapshot() -> dict[str, Any]:
    return {"rows": table_rows(), "exports": exports(), "files": stored_files()}


def table_rows() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label_lower: [_row(model, obj) for obj in model._base_manager.order_by("pk")]
        for model in scope.backed_up_models()
    }


def _row(model: type[Model], obj: Model) -> dict[str, Any]:
    row = {}
    for field in model._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, ForeignKey) and field.related_model._meta.label_lower in (
            scope.REBUILT_BY_MIGRATE
        ):
            value = getattr(obj, field.name).natural_key()
        elif isinstance(field, JSONField):
            value = json.dumps(value, sort_keys=True)
        elif isinstance(field, FileField):
            value = value.name if hasattr(value, "name") else value
        row[field.attname] = _exact(value)
    return row


def _exact(value: Any) -> Any:
    if isinstance(value, float):
        return value.hex()
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def exports() -> dict[str, str]:
    """Each export's output, at one fixed time (360Giving files say when they were made)."""
    outputs = {}
    with time_machine.travel(EXPORTED_AT, tick=False):
        for args in EXPORTS:
            out = io.StringIO()
            call_command(*args, stdout=out)
            outputs[" ".join(args)] = out.getvalue()
    return outputs


def stored_files() -> dict[str, str]:
    files = {}
    for model in scope.backed_up_models():
        for field in scope.file_fields(model):
            for name in model._base_manager.values_list(field.name, flat=True):
                with field.storage.open(name, "rb") as stored:
                    files[name] = hashlib.sha256(stored.read()).hexdigest()
    return files
