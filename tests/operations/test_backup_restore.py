"""schoolweave backup and restore, in one database: the round trip loses nothing, a database
that is not empty is refused, and a damaged or foreign backup is refused with the database
left as it was. Between SQLite and PostgreSQL: test_cross_engine.py."""

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import DateField, DateTimeField

from schoolweave.core.backup import FORMAT_VERSION, MANIFEST_NAME
from schoolweave.networks.models import Network
from schoolweave.operations import scope
from tests.operations.populate import ATTACHMENT, populate
from tests.operations.snapshot import snapshot, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything() -> dict[str, Any]:
    return populate()


@pytest.fixture
def backup(everything: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "schoolweave.zip"
    call_command("backup", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return path


def _restore(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _empty_database(media_root: Path) -> None:
    """As a new server's would be: no rows (content types and permissions made again by
    flush's post-migrate step, with new ids) and no stored files."""
    if connection.vendor == "postgresql":  # TRUNCATE refuses while checks are still deferred
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def test_every_table_a_backup_holds_has_rows_in_the_test_data(everything: dict[str, Any]) -> None:
    empty = [m._meta.label_lower for m in scope.backed_up_models() if not m._base_manager.exists()]
    assert empty == [], "add rows of these to tests/operations/populate.py"


def test_every_installed_table_is_backed_up_or_left_out_for_a_stated_reason() -> None:
    assert scope.unclassified_tables() == []
    labels = {m._meta.label_lower for m in scope.backed_up_models()}
    assert {"auth.user", "auth.user_groups", "audit.auditentry_las", "evidence.figure"} <= labels
    assert not labels & {"sessions.session", "django_tasks_database.dbtaskresult"}


def test_no_backed_up_table_has_fields_that_bulk_inserts_would_overwrite() -> None:
    stamped = [
        f"{m._meta.label_lower}.{f.name}"
        for m in scope.backed_up_models()
        for f in m._meta.concrete_fields
        if isinstance(f, DateField | DateTimeField) and (f.auto_now or f.auto_now_add)
    ]
    assert stamped == [], "restore's bulk_create would set these to the time of the restore"


def test_restore_into_an_empty_database_loses_nothing(backup: Path, media_root: Path) -> None:
    before = snapshot()
    _empty_database(media_root)
    assert not Network.objects.exists()

    output = _restore(backup)

    assert snapshot() == before
    assert "restored: " in output and "evidence.figure: " in output
    stored = next(media_root.glob("enquiries/*/*.pdf"))
    assert stored.read_bytes() == ATTACHMENT


def test_the_backup_has_a_manifest_with_schema_counts_and_checksums(backup: Path) -> None:
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        assert manifest["format_version"] == FORMAT_VERSION
        assert manifest["schema"]["networks"] == "0002_default_learning_focuses"
        parts = {part["model"]: part for part in manifest["parts"]}
        assert parts["networks.network"]["rows"] == Network.objects.count()
        lines = archive.read(parts["networks.network"]["name"]).decode().splitlines()
    assert len(lines) == Network.objects.count()
    assert "sessions.session" in manifest["not_backed_up"]
    assert [f["model"] for f in manifest["files"]] == ["knowledge.enquiryattachment"]
    order = [part["model"] for part in manifest["parts"]]
    assert order.index("register.school") < order.index("networks.membership")
    assert order.index("networks.network") < order.index("networks.network_owner_las")


def test_restore_refuses_a_database_that_is_not_empty(backup: Path) -> None:
    before = table_rows()
    with pytest.raises(CommandError, match=r"The database is not empty .*add --replace"):
        _restore(backup)
    assert table_rows() == before


def test_replace_empties_the_database_first_and_ids_continue_after_the_restored_ones(
    backup: Path,
) -> None:
    before = snapshot()
    Network.objects.filter(name__startswith="Backup Triad").update(name="Renamed since")
    Network.objects.create(name="Made since the backup", kind="triad")

    output = _restore(backup, "--replace")

    assert snapshot() == before
    assert "replacing what the database held" in output
    latest = max(Network.objects.values_list("pk", flat=True))
    assert Network.objects.create(name="After the restore", kind="triad").pk > latest


def test_a_restore_forgets_what_was_computed_from_the_database_before(
    backup: Path, django_capture_on_commit_callbacks: Any
) -> None:
    cache.set("evidence:la:333:section", "computed from the database before")
    with django_capture_on_commit_callbacks(execute=True):
        _restore(backup, "--replace")
    assert cache.get("evidence:la:333:section") is None


def _rewrite(path: Path, change: Any) -> None:
    """Rewrite the archive with `change(name, data) -> data | None` applied to each member."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            changed = change(name, data)
            if changed is not None:
                archive.writestr(name, changed)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_a_byte(path: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"Backup Triad", b"Backup Triax") if "network.jsonl" in name else data

    _rewrite(path, change)


def _drop_manifest(path: Path) -> None:
    _rewrite(path, lambda name, data: None if name == MANIFEST_NAME else data)


def _edit_manifest(edit: Any) -> Any:
    def damage(path: Path) -> None:
        def change(name: str, data: bytes) -> bytes:
            if name != MANIFEST_NAME:
                return data
            manifest = json.loads(data)
            edit(manifest)
            return json.dumps(manifest).encode()

        _rewrite(path, change)

    return damage


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncate, r"not a Schoolweave backup \(not a zip archive, or cut short\)"),
        (lambda p: p.write_text("name,urn\n"), r"not a Schoolweave backup"),
        (_flip_a_byte, r"damaged: data/networks.network.jsonl does not match its checksum"),
        (_drop_manifest, r"not a Schoolweave backup \(no manifest\)"),
        (
            _edit_manifest(lambda m: m.update(format_version=99)),
            r"backup format version 99; this version of Schoolweave reads version 1",
        ),
        (
            _edit_manifest(lambda m: m["schema"].update(networks="0003_later")),
            r"different database schema .* networks: 0003_later / 0002_default_learning_focuses",
        ),
    ],
    ids=["truncated", "not-a-zip", "changed-part", "no-manifest", "other-format", "other-schema"],
)
def test_a_damaged_or_foreign_backup_is_refused_and_the_database_is_unchanged(
    backup: Path, damage: Any, message: str
) -> None:
    damage(backup)
    before = table_rows()
    with pytest.raises(CommandError, match=message):
        _restore(backup, "--replace")
    assert table_rows() == before


def test_a_restore_that_fails_part_way_leaves_the_database_as_it_was(backup: Path) -> None:
    """A part whose checksum holds but whose rows do not load (a membership of a school the
    backup lacks): everything, the emptying by --replace included, is rolled back."""

    def change(name: str, data: bytes) -> bytes:
        if name != "data/networks.membership.jsonl":
            return data
        row = json.loads(data.splitlines()[0])
        row["pk"], row["fields"]["school"] = 10**9, 999_999_999
        return data + json.dumps(row).encode() + b"\n"

    _rewrite(backup, change)
    _fix_checksums(backup)
    before = table_rows()
    with pytest.raises(CommandError, match=r"(?s)Restoring .* failed: .*the database is as it was"):
        _restore(backup, "--replace")
    assert table_rows() == before


def _fix_checksums(path: Path) -> None:
    """Make the manifest agree with the parts, as if they had been written so."""
    with zipfile.ZipFile(path) as archive:
        sizes = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST_NAME}

    def change(name: str, data: bytes) -> bytes:
        if name != MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        for part in manifest["parts"]:
            content = sizes[part["name"]]
            part.update(
                sha256=hashlib.sha256(content).hexdigest(),
                bytes=len(content),
                rows=len(content.splitlines()),
            )
        return json.dumps(manifest).encode()

    _rewrite(path, change)


def test_a_file_missing_from_the_media_root_is_reported_not_fatal(
    everything: dict[str, Any], media_root: Path, tmp_path: Path
) -> None:
    shutil.rmtree(media_root)
    err = io.StringIO()
    call_command("backup", str(tmp_path / "b.zip"), stdout=io.StringIO(), stderr=err)
    assert "file missing from the media root, not in the backup: knowledge." in err.getvalue()
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    assert manifest["files"] == [] and len(manifest["missing_files"]) == 1
