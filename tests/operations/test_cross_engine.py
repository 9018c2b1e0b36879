"""SQLite to PostgreSQL and back through `schoolweave backup` and `schoolweave restore`, run as
a council's IT team would run them: the CLI in subprocesses, each site with its own database
and media root. The demo and a row in every other table go in; every row (all fields), every
`export` output and every stored file must come out identical on the other engine.

It needs a PostgreSQL server: the one SCHOOLWEAVE_DATABASE_URL names when it is a postgres://
URL (scripts/test's PostgreSQL pass sets it), on which it makes a database of its own.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHOOLWEAVE = str(Path(sys.executable).parent / "schoolweave")
NO_POSTGRES = (
    "needs a PostgreSQL server: SCHOOLWEAVE_DATABASE_URL is not a postgres:// URL "
    "(scripts/test's PostgreSQL pass sets one; or use `scripts/postgres start`)"
)

# Marked as a database test so that scripts/test's PostgreSQL pass ("-m django_db") runs it;
# it makes its own databases rather than use pytest-django's.
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Site:
    database_url: str
    media_root: Path

    def run(self, *args: str) -> str:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings",
            "SCHOOLWEAVE_DATABASE_URL": self.database_url,
            "SCHOOLWEAVE_MEDIA_ROOT": str(self.media_root),
            "SCHOOLWEAVE_DEBUG": "1",  # no secret key, hosts or HTTPS needed for commands
        }
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def schoolweave(self, *args: str) -> str:
        return self.run(SCHOOLWEAVE, *args)

    def snapshot(self) -> dict[str, Any]:
        return json.loads(self.run(sys.executable, "-m", "tests.operations.cli", "snapshot"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url = os.environ.get("SCHOOLWEAVE_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(NO_POSTGRES)
    server = url.rsplit("/", 1)[0]
    name = f"sw_backup_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _assert_same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    """Table by table, so a difference names its table."""
    assert found["rows"].keys() == expected["rows"].keys()
    for table, rows in expected["rows"].items():
        assert found["rows"][table] == rows, table
    for export, output in expected["exports"].items():
        assert found["exports"][export] == output, export
    assert found["files"] == expected["files"]


def test_a_backup_moves_everything_from_sqlite_to_postgresql_and_back(
    postgres_url: str, tmp_path: Path
) -> None:
    first = Site(f"sqlite:///{tmp_path / 'first.sqlite3'}", tmp_path / "media-first")
    postgres = Site(postgres_url, tmp_path / "media-postgres")
    last = Site(f"sqlite:///{tmp_path / 'last.sqlite3'}", tmp_path / "media-last")
    first.schoolweave("migrate", "--verbosity", "0")
    first.schoolweave("load-demo")
    first.run(sys.executable, "-m", "tests.operations.cli", "populate")
    original = first.snapshot()
    assert len(original["rows"]["evidence.figure"]) > 20_000  # the demo's real figures
    assert original["exports"]["export schools --format json"].startswith("[")

    first.schoolweave("backup", str(tmp_path / "from-sqlite.zip"))
    output = postgres.schoolweave("restore", str(tmp_path / "from-sqlite.zip"))
    assert "migrated the empty database first" in output
    _assert_same(postgres.snapshot(), original)

    postgres.schoolweave("backup", str(tmp_path / "from-postgresql.zip"))
    last.schoolweave("restore", str(tmp_path / "from-postgresql.zip"))
    _assert_same(last.snapshot(), original)
