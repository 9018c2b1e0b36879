"""The backup manifest and the checks a restore makes before touching a database."""

import io

import pytest

from schoolweave.core.backup import (
    BackupError,
    HashingWriter,
    Manifest,
    Part,
    check_schema,
    manifest_from_json,
    schema_differences,
    stream_sha256,
)

MANIFEST = Manifest(
    created_at="2026-11-25T17:00:00+00:00",
    database="sqlite",
    schema={"networks": "0002_default_learning_focuses", "register": "0001_initial"},
    parts=(
        Part(
            name="data/register.school.jsonl",
            model="register.school",
            rows=2,
            bytes=9,
            sha256="ab" * 32,
        ),
    ),
    not_backed_up={"sessions.session": "sign-ins, not data"},
)


def test_a_manifest_reads_back_as_written() -> None:
    assert manifest_from_json(MANIFEST.to_json().encode(), path="b.zip") == MANIFEST
    assert MANIFEST.rows == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"not json", r"b.zip: not a Schoolweave backup \(manifest: "),
        (b'{"format": "other"}', r"not a Schoolweave backup \(its manifest is not ours\)"),
        (b'{"format": "schoolweave-backup", "format_version": 2}', r"format version 2; .* 1"),
        (b'{"format": "schoolweave-backup", "format_version": 1}', r"manifest: .*"),
    ],
)
def test_it_says_why_a_manifest_cannot_be_read(text: bytes, message: str) -> None:
    with pytest.raises(BackupError, match=message):
        manifest_from_json(text, path="b.zip")


def test_a_different_schema_names_each_app_that_differs() -> None:
    here = {"networks": "0003_later", "knowledge": "0001_initial", "register": "0001_initial"}
    assert schema_differences(backup=MANIFEST.schema, here=here) == [
        "knowledge: - / 0001_initial",
        "networks: 0002_default_learning_focuses / 0003_later",
    ]
    with pytest.raises(BackupError, match="different database schema"):
        check_schema(MANIFEST, here=here, path="b.zip")
    check_schema(MANIFEST, here=dict(MANIFEST.schema), path="b.zip")


def test_what_is_written_through_the_hashing_writer_hashes_as_read_back() -> None:
    target = io.BytesIO()
    writer = HashingWriter(target)
    for block in (b"one\n", b"two\n" * 1000):
        writer.write(block)
    target.seek(0)
    assert stream_sha256(target, chunk=7) == (writer.sha256, writer.bytes)
    assert writer.bytes == 4004
