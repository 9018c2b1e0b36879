"""schoolweave import-networks FILE.csv|xlsx [--dry-run]"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.networks.sheet_import import SheetErrors, SheetImport, networks_import_file

NO_SUCH_FILE = "{path}: no such file"
NOTHING_CHANGED = "nothing changed: the register already matches {name}"
NOTHING_TO_CHANGE = "nothing would change: the register already matches {name}"
DRY_RUN = "dry run: nothing was saved; importing {name} would make these changes:"


class Command(BaseCommand):
    help = (
        "Load networks and memberships from an LA's spreadsheet (CSV or XLSX), one row per "
        "membership: network, kind, urn, role, joined, left, learning_focus, la. All or "
        "nothing: every bad row is reported and nothing is saved until the file is clean. "
        "Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the membership sheet, .csv or .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and list what would change, saving nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(NO_SUCH_FILE.format(path=path))
        try:
            result = networks_import_file(
                path, actor=f"import-networks {path.name}", dry_run=options["dry_run"]
            )
        except SheetErrors as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from exc
        self._report(path, result, verbosity=options["verbosity"])

    def _report(self, path: Path, result: SheetImport, *, verbosity: int) -> None:
        if result.dry_run and result.changes:
            self.stdout.write(DRY_RUN.format(name=path.name))
        if result.dry_run or verbosity > 1:
            for line in result.changes:
                self.stdout.write(f"  {line}")
        add, change = ("would add", "would change") if result.dry_run else ("added", "changed")
        self.stdout.write(
            f"networks: {add} {result.networks_added}, {change} {result.networks_changed}"
        )
        self.stdout.write(
            f"memberships: {add} {result.memberships_added}, "
            f"{change} {result.memberships_changed}, "
            f"unchanged {result.memberships_unchanged}"
        )
        if not result.changes:
            message = NOTHING_TO_CHANGE if result.dry_run else NOTHING_CHANGED
            self.stdout.write(message.format(name=path.name))
