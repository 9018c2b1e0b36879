"""schoolweave restore: a backup into an empty database, all or nothing.

Before the database is touched, the file is checked: the manifest's format, the schema it was
taken from against this version's migrations, and every part's SHA-256. Then, in one
transaction: the database must hold nothing (unless `replace`, which empties it first), each
part is loaded in dependency order, stored files are put back, and sequences are set past the
restored ids. Any failure rolls the whole restore back.
"""

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import FileField, Model

from schoolweave.core.backup import (
    DAMAGED,
    MANIFEST_NAME,
    NOT_A_BACKUP,
    BackupError,
    Manifest,
    Part,
    StoredFile,
    check_schema,
    manifest_from_json,
    stream_sha256,
)
from schoolweave.core.progress import NoProgress, Progress
from schoolweave.operations import scope

CHUNK = 2000
NOT_EMPTY = (
    "The database is not empty (it holds {tables}): restore loads a backup into an empty "
    "database. To empty this one first, losing everything it holds, add --replace."
)
FAILED = "Restoring {model} failed: {error}. Nothing was restored; the database is as it was."


class RestoreRefused(Exception):
    """The database is not empty and the caller did not ask to replace it."""


@dataclass(frozen=True, kw_only=True)
class RestoreResult:
    manifest: Manifest
    rows: dict[str, int]
    files: int
    migrated: bool
    replaced: bool


def backup_restore(
    *, path: Path, replace: bool = False, progress: Progress | None = None
) -> RestoreResult:
    progress = progress or NoProgress()
    try:
        with _open(path) as archive:
            manifest = _checked_manifest(archive, path=path, progress=progress)
            migrated = bool(scope.unapplied_migrations())
            if migrated:  # but never a database that holds data: refuse that first
                _refuse_unless_empty(replace=replace)
                call_command("migrate", interactive=False, verbosity=0)
            rows, files = _load(archive, manifest, replace=replace, progress=progress)
    finally:
        progress.close()
    return RestoreResult(
        manifest=manifest, rows=rows, files=files, migrated=migrated, replaced=replace
    )


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        reason = "not a zip archive, or cut short" if isinstance(exc, zipfile.BadZipFile) else exc
        raise BackupError(NOT_A_BACKUP.format(path=path, reason=reason)) from exc


def _checked_manifest(archive: zipfile.ZipFile, *, path: Path, progress: Progress) -> Manifest:
    try:
        manifest = manifest_from_json(archive.read(MANIFEST_NAME), path=str(path))
    except KeyError as exc:
        raise BackupError(NOT_A_BACKUP.format(path=path, reason="no manifest")) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise BackupError(DAMAGED.format(path=path, name=MANIFEST_NAME, problem=exc)) from exc
    check_schema(manifest, here=scope.schema(scope.backed_up_models()), path=str(path))
    known = {m._meta.label_lower for m in scope.backed_up_models()}
    members: list[Part | StoredFile] = [*manifest.parts, *manifest.files]
    progress.stage("checking the backup", len(members))
    for member in members:
        if member.model not in known:
            raise BackupError(DAMAGED.format(path=path, name=member.name, problem="is unknown"))
        try:
            with archive.open(member.name) as stream:
                sha256, size = stream_sha256(stream)
        except KeyError as exc:
            raise BackupError(
                DAMAGED.format(path=path, name=member.name, problem="is missing")
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise BackupError(DAMAGED.format(path=path, name=member.name, problem=exc)) from exc
        if (sha256, size) != (member.sha256, member.bytes):
            problem = "does not match its checksum"
            raise BackupError(DAMAGED.format(path=path, name=member.name, problem=problem))
        progress.advance(1)
    return manifest


def _load(
    archive: zipfile.ZipFile, manifest: Manifest, *, replace: bool, progress: Progress
) -> tuple[dict[str, int], int]:
    models = {m._meta.label_lower: m for m in scope.backed_up_models()}
    with transaction.atomic():
        _refuse_unless_empty(replace=replace)
        replaced_files = _stored_files(models.values())
        _empty([*models.values(), *_cleared_on_replace()])
        rows = {}
        for part in manifest.parts:
            try:
                rows[part.model] = _load_part(archive, part, models[part.model], progress)
            except (DeserializationError, DatabaseError) as exc:
                raise BackupError(_failed(part.model, exc)) from exc
            if rows[part.model] != part.rows:
                error = f"{rows[part.model]:,} rows where the manifest says {part.rows:,}"
                raise BackupError(FAILED.format(model=part.model, error=error))
        _put_files_back(archive, manifest, models)
        _reset_sequences(models.values())
        try:
            connection.check_constraints(table_names=[m._meta.db_table for m in models.values()])
        except DatabaseError as exc:
            raise BackupError(_failed("the references between tables", exc)) from exc
        kept = {(f.model, f.field, f.path) for f in manifest.files}
        transaction.on_commit(lambda: _delete_files(replaced_files - kept, models))
        # Sections computed from what the database held before: their keys' stamps (ids of
        # imports) could match the restored data's and show the old figures.
        transaction.on_commit(cache.clear)
    return rows, len(manifest.files)


def _failed(what: str, error: object) -> str:
    return FAILED.format(model=what, error=str(error).strip().rstrip("."))


def _refuse_unless_empty(*, replace: bool) -> None:
    if replace:
        return
    tables = set(connection.introspection.table_names())
    occupied = [
        m._meta.label_lower
        for m in scope.backed_up_models()
        if m._meta.db_table in tables
        and m._meta.label_lower not in scope.SEEDED_BY_MIGRATIONS
        and m._base_manager.exists()
    ]
    if occupied:
        more = f" and {len(occupied) - 5} more tables" if len(occupied) > 5 else ""
        raise RestoreRefused(NOT_EMPTY.format(tables=", ".join(occupied[:5]) + more))


def _cleared_on_replace() -> list[type[Model]]:
    return [m for m in scope.installed_tables() if m._meta.app_label in scope.CLEARED_ON_REPLACE]


def _empty(models: Iterable[type[Model]]) -> None:
    """Plain DELETEs, dependants first (no cascades or signals: every table goes)."""
    for model in reversed(list(models)):
        model._base_manager.all()._raw_delete(connection.alias)


def _load_part(archive: zipfile.ZipFile, part: Part, model: type[Model], progress: Progress) -> int:
    """Load one part in batches, as Django's deserializer reads it; returns the number of rows.
    bulk_create rather than each object's save(): a row at a time costs a round trip, and the
    national figures are millions of rows. (bulk_create would overwrite auto_now fields;
    tests/operations checks that no backed-up model has one.)"""
    progress.stage(part.model, part.rows)
    loaded = 0
    batch: list[Model] = []
    with archive.open(part.name) as raw, io.TextIOWrapper(raw, encoding="utf-8") as text:
        for item in serializers.deserialize("jsonl", text):
            if type(item.object) is not model:
                found = item.object._meta.label_lower
                raise DeserializationError(f"{part.name} holds a row of {found}")
            batch.append(item.object)
            if len(batch) == CHUNK:
                loaded += _insert(model, batch, progress)
        loaded += _insert(model, batch, progress)
    return loaded


def _insert(model: type[Model], batch: list[Model], progress: Progress) -> int:
    model._base_manager.bulk_create(batch)
    progress.advance(len(batch))
    done = len(batch)
    batch.clear()
    return done


def _file_field(models: dict[str, type[Model]], model: str, field: str) -> FileField:
    found = models[model]._meta.get_field(field)
    assert isinstance(found, FileField)
    return found


def _put_files_back(
    archive: zipfile.ZipFile, manifest: Manifest, models: dict[str, type[Model]]
) -> None:
    for stored in manifest.files:
        storage = _file_field(models, stored.model, stored.field).storage
        try:
            target = Path(storage.path(stored.path))
        except SuspiciousFileOperation as exc:  # a path outside the media root
            raise BackupError(_failed(stored.name, exc)) from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(stored.name) as source, target.open("wb") as out:
            while block := source.read(1 << 20):
                out.write(block)


def _stored_files(models: Iterable[type[Model]]) -> set[tuple[str, str, str]]:
    return {
        (model._meta.label_lower, field.name, path)
        for model in models
        for field in scope.file_fields(model)
        for path in model._base_manager.exclude(**{field.name: ""}).values_list(
            field.name, flat=True
        )
    }


def _delete_files(files: set[tuple[str, str, str]], models: dict[str, type[Model]]) -> None:
    """After a replacing restore: the replaced data's files, which no restored row refers to."""
    for model, field, path in files:
        _file_field(models, model, field).storage.delete(path)


def _reset_sequences(models: Iterable[type[Model]]) -> None:
    """Set each table's id sequence past the restored ids (PostgreSQL; SQLite needs none), as
    `schoolweave sqlsequencereset` would print."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
