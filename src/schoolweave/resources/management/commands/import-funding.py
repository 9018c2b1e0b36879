"""schoolweave import-funding FILE.csv [--dry-run] [--user USERNAME]"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from schoolweave.accounts.permissions import Viewer, viewer_of
from schoolweave.audit.services import Actor
from schoolweave.networks.sheet_import import SheetErrors
from schoolweave.resources.funding_import import FundingImport, funding_import_file

NO_SUCH_FILE = "{path}: no such file"
NO_SUCH_USER = "--user {name}: no such user"
NOTHING_CHANGED = "nothing changed: the register already matches {name}"
NOTHING_TO_CHANGE = "nothing would change: the register already matches {name}"
DRY_RUN = "dry run: nothing was saved; importing {name} would make these changes:"


class Command(BaseCommand):
    help = (
        "Load allocations of funding to networks from an LA's spreadsheet (CSV or XLSX), one "
        "row per allocation: stream, network, fund_holder_urn (empty: the LA holds it), "
        "financial_year (2024-25), amount_gbp (50000.00), status (committed or paid). All or "
        "nothing: every bad row is reported and nothing is saved until the file is clean. "
        "Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the funding sheet, .csv or .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and list what would change, saving nothing",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="import as this user: only streams of LAs they are an officer of may change "
            "(without it, the server's operator imports for any LA)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(NO_SUCH_FILE.format(path=path))
        who: Viewer | None = None
        actor: Actor = f"import-funding {path.name}"
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(NO_SUCH_USER.format(name=options["user"]))
            who, actor = viewer_of(user), user
        try:
            result = funding_import_file(path, actor=actor, who=who, dry_run=options["dry_run"])
        except SheetErrors as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from exc
        self._report(path, result, verbosity=options["verbosity"])

    def _report(self, path: Path, result: FundingImport, *, verbosity: int) -> None:
        if result.dry_run and result.changes:
            self.stdout.write(DRY_RUN.format(name=path.name))
        if result.dry_run or verbosity > 1:
            for line in result.changes:
                self.stdout.write(f"  {line}")
        add, change = ("would add", "would change") if result.dry_run else ("added", "changed")
        self.stdout.write(
            f"allocations: {add} {result.added}, {change} {result.changed}, "
            f"unchanged {result.unchanged}"
        )
        if not result.changes:
            message = NOTHING_TO_CHANGE if result.dry_run else NOTHING_CHANGED
            self.stdout.write(message.format(name=path.name))
