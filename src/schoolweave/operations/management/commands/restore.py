"""schoolweave restore FILE [--replace]"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.common.progress import TerminalProgress
from schoolweave.core.backup import BackupError
from schoolweave.operations.restore import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = (
        "Load a backup made by `schoolweave backup` into an empty database (migrated first if "
        "need be). All or nothing: a failed restore leaves the database as it was."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="a backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="empty a database that is not empty first: everything it holds is lost, and "
            "everyone signed in is signed out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = backup_restore(
                path=path, replace=options["replace"], progress=TerminalProgress()
            )
        except (BackupError, RestoreRefused) as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        if result.migrated:
            self.stdout.write("migrated the empty database first")
        for model, rows in result.rows.items():
            self.stdout.write(f"  {model}: {rows:,}")
        self.stdout.write(
            f"restored: {sum(result.rows.values()):,} rows of {len(result.rows)} tables and "
            f"{result.files:,} files from the backup of {manifest.created_at} "
            f"({manifest.database})"
            + (", replacing what the database held" if result.replaced else "")
        )
