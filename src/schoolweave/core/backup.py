"""The backup file's manifest and the checks a restore makes before it touches a database.

A backup is one zip archive: `manifest.json`, one JSON Lines part per table (Django's own
serializer, one row a line) and the stored files (enquiry attachments). The manifest says which
format it is, the database schema it was taken from (the latest migration of each app), when,
and each part's row count, size and SHA-256, so a damaged or truncated file, or one from another
version of Schoolweave, is refused before anything is restored.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import IO

FORMAT = "schoolweave-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"

NOT_A_BACKUP = "{path}: not a Schoolweave backup ({reason})"
OTHER_FORMAT_VERSION = (
    "{path}: backup format version {found}; this version of Schoolweave reads version {expected}"
)
OTHER_SCHEMA = (
    "{path}: the backup was taken from a different database schema than this version of "
    "Schoolweave has, so it cannot be restored here. Restore it with the version that made it "
    "(then upgrade), or take the backup again. Differences (app: backup / here): {differences}"
)
DAMAGED = "{path}: the backup is damaged: {name} {problem}. Nothing was restored."


class BackupError(Exception):
    """A backup file that cannot be restored; the message says why, for the user."""


@dataclass(frozen=True, kw_only=True)
class Part:
    """One table's rows: `data/<app>.<model>.jsonl`."""

    name: str
    model: str
    rows: int
    bytes: int
    sha256: str


@dataclass(frozen=True, kw_only=True)
class StoredFile:
    """A file a row refers to (a FileField), kept under `files/<model>/<field>/<path>`."""

    name: str
    model: str
    field: str
    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True, kw_only=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    database: str  # the engine it was taken from: "sqlite", "postgresql"
    schema: dict[str, str]  # app label -> its latest migration
    parts: tuple[Part, ...]  # in the order a restore loads them: dependencies first
    files: tuple[StoredFile, ...] = ()
    missing_files: tuple[str, ...] = ()  # referred to by a row but absent from the media root
    not_backed_up: dict[str, str] = field(default_factory=dict)  # table -> why
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    @property
    def rows(self) -> int:
        return sum(part.rows for part in self.parts)


def manifest_from_json(text: bytes, *, path: str) -> Manifest:
    """Read a manifest, or say clearly why it is not one this version can restore."""
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(NOT_A_BACKUP.format(path=path, reason=f"manifest: {exc}")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(NOT_A_BACKUP.format(path=path, reason="its manifest is not ours"))
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            OTHER_FORMAT_VERSION.format(
                path=path, found=data.get("format_version"), expected=FORMAT_VERSION
            )
        )
    try:
        return Manifest(
            **{
                **data,
                "parts": tuple(Part(**part) for part in data["parts"]),
                "files": tuple(StoredFile(**f) for f in data.get("files", ())),
                "missing_files": tuple(data.get("missing_files", ())),
            }
        )
    except (KeyError, TypeError) as exc:
        raise BackupError(NOT_A_BACKUP.format(path=path, reason=f"manifest: {exc}")) from exc


def schema_differences(*, backup: Mapping[str, str], here: Mapping[str, str]) -> list[str]:
    """Apps whose latest migration differs, as "app: backup / here" ("-" for none)."""
    return [
        f"{app}: {backup.get(app, '-')} / {here.get(app, '-')}"
        for app in sorted(set(backup) | set(here))
        if backup.get(app) != here.get(app)
    ]


def check_schema(manifest: Manifest, *, here: Mapping[str, str], path: str) -> None:
    differences = schema_differences(backup=manifest.schema, here=here)
    if differences:
        raise BackupError(OTHER_SCHEMA.format(path=path, differences="; ".join(differences)))


class HashingWriter:
    """A binary sink that counts and hashes what passes through it to another stream."""

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self._hash = hashlib.sha256()
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self.bytes += len(data)
        return self._target.write(data)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


def stream_sha256(stream: IO[bytes], *, chunk: int = 1 << 20) -> tuple[str, int]:
    """SHA-256 and length of a stream, read in chunks (a part may be larger than memory)."""
    digest = hashlib.sha256()
    size = 0
    while block := stream.read(chunk):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size
