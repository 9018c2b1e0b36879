"""schoolweave backup FILE"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.common.progress import TerminalProgress
from schoolweave.operations.backup import BackupRefused, backup_write

SENSITIVE = (
    "The backup holds personal data (names and work contacts of staff) and the accounts' "
    "password hashes: keep it as securely as the database itself, and delete it when its "
    "retention period ends (docs/data-protection.md)."
)


class Command(BaseCommand):
    help = (
        "Write everything Schoolweave holds (every table of its apps, the user accounts, and "
        "the enquiry attachments) into one file that `schoolweave restore` loads."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file to write (a zip archive)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such directory")
        try:
            manifest = backup_write(path=path, progress=TerminalProgress())
        except BackupRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup: {manifest.rows:,} rows of {len(manifest.parts)} tables, "
            f"{len(manifest.files):,} files, {path.stat().st_size:,} bytes: {path}"
        )
        for missing in manifest.missing_files:
            self.stderr.write(
                f"warning: file missing from the media root, not in the backup: {missing}"
            )
        self.stdout.write(SENSITIVE)
