"""schoolweave export schools [--la CODE] [--status open|all] [--format csv|json]"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.core.spreadsheet import write_csv
from schoolweave.register.exports import SCHOOL_COLUMNS, flatten_for_csv, schools_export
from schoolweave.register.models import LocalAuthority


class Command(BaseCommand):
    help = "Write register data to standard output as CSV (spreadsheet-safe) or JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("dataset", choices=["schools"])
        parser.add_argument("--la", metavar="CODE", help="3-digit LA code")
        parser.add_argument("--status", choices=["open", "all"], default="open")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        la_code = options["la"]
        if la_code is not None and not LocalAuthority.objects.filter(code=la_code).exists():
            raise CommandError(f"--la {la_code}: no such local authority in the register")
        rows = schools_export(la_code=la_code, status=options["status"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(list(rows), indent=1, ensure_ascii=False))
        else:
            write_csv(self.stdout, SCHOOL_COLUMNS, (flatten_for_csv(row) for row in rows))
