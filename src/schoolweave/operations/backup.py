"""schoolweave backup: every table the project holds, and the files its rows refer to, into one
zip archive with a manifest (see core.backup for the format).

Rows are read from one consistent snapshot of the database, in primary key order, a chunk at
a time, and written through the zip stream: the national performance data (millions of
figures) never sits in memory.
"""

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, cast

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from schoolweave.core.backup import (
    MANIFEST_NAME,
    HashingWriter,
    Manifest,
    Part,
    StoredFile,
)
from schoolweave.core.progress import NoProgress, Progress
from schoolweave.operations import scope
from schoolweave.operations.serializer import BackupSerializer, ExactJSONEncoder, row_fields

CHUNK = 2000
UNAPPLIED = (
    "The database has migrations not yet applied ({names}): run `schoolweave migrate` first, "
    "so the backup matches this version's schema"
)


class BackupRefused(Exception):
    pass


def backup_write(*, path: Path, progress: Progress | None = None) -> Manifest:
    """Write the backup to `path` (replaced only once complete) and return its manifest."""
    progress = progress or NoProgress()
    unapplied = scope.unapplied_migrations()
    if unapplied:
        raise BackupRefused(UNAPPLIED.format(names=", ".join(unapplied)))
    models = scope.backed_up_models()
    partial = path.with_name(path.name + ".partial")
    try:
        with _snapshot(), zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            parts = tuple(_write_part(archive, model, progress) for model in models)
            files, missing = _write_files(archive, models, progress)
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                database=connection.vendor,
                schema=scope.schema(models),
                parts=parts,
                files=files,
                missing_files=missing,
                not_backed_up=scope.not_backed_up(),
            )
            archive.writestr(MANIFEST_NAME, manifest.to_json())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
        progress.close()
    return manifest


@contextmanager
def _snapshot() -> Iterator[None]:
    """One transaction that sees the database as it was when the backup began. PostgreSQL's
    default isolation would let rows committed meanwhile into later tables; SQLite's read
    transaction is a snapshot already."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _write_part(archive: zipfile.ZipFile, model: type[Model], progress: Progress) -> Part:
    label = model._meta.label_lower
    name = f"data/{label}.jsonl"
    queryset = model._base_manager.order_by("pk")
    progress.stage(label, queryset.count())
    rows = 0

    def counted() -> Iterator[Model]:
        nonlocal rows
        for obj in queryset.iterator(chunk_size=CHUNK):
            rows += 1
            if rows % CHUNK == 0:
                progress.advance(CHUNK)
            yield obj

    with archive.open(name, "w", force_zip64=True) as raw:
        sink = HashingWriter(raw)
        text = _Utf8Sink(sink)
        BackupSerializer().serialize(
            counted(),
            stream=cast(IO[str], text),  # all the serializer calls is write()
            fields=row_fields(model),
            cls=ExactJSONEncoder,
        )
        text.flush()
    progress.advance(rows % CHUNK)
    return Part(name=name, model=label, rows=rows, bytes=sink.bytes, sha256=sink.sha256)


class _Utf8Sink:
    """The serializer's text stream: UTF-8 into a HashingWriter in blocks of about a megabyte
    (json.dump writes many small pieces)."""

    def __init__(self, target: HashingWriter) -> None:
        self._target = target
        self._pieces: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._pieces.append(text)
        self._size += len(text)
        if self._size >= 1 << 20:
            self.flush()
        return len(text)

    def flush(self) -> None:
        self._target.write("".join(self._pieces).encode("utf-8"))
        self._pieces.clear()
        self._size = 0


def _write_files(
    archive: zipfile.ZipFile, models: list[type[Model]], progress: Progress
) -> tuple[tuple[StoredFile, ...], tuple[str, ...]]:
    stored: list[StoredFile] = []
    missing: list[str] = []
    for model in models:
        for field in scope.file_fields(model):
            label = model._meta.label_lower
            paths = (
                model._base_manager.exclude(**{field.name: ""})
                .order_by("pk")
                .values_list(field.name, flat=True)
            )
            progress.stage(f"{label} files", len(paths))
            for path in paths:
                progress.advance(1)
                if not field.storage.exists(path):
                    missing.append(f"{label}.{field.name}: {path}")
                    continue
                name = f"files/{label}/{field.name}/{path}"
                with (
                    field.storage.open(path, "rb") as source,
                    archive.open(name, "w", force_zip64=True) as raw,
                ):
                    sink = HashingWriter(raw)
                    while block := source.read(1 << 20):
                        sink.write(block)
                stored.append(
                    StoredFile(
                        name=name,
                        model=label,
                        field=field.name,
                        path=path,
                        bytes=sink.bytes,
                        sha256=sink.sha256,
                    )
                )
    return tuple(stored), tuple(missing)
