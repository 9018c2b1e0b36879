"""schoolweave export schools [--la CODE] [--status open|all] [--format csv|json]
[--include-unpublished]
schoolweave export grants --la CODE [--format 360giving-json|csv] [--include-unpublished]
schoolweave export figures (--urn URN | --network ID | --la CODE) [--format csv|json]

Each school's networks are the published ones, as the public directory lists them; a server's
operator may add `--include-unpublished` for every network.
"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.core.spreadsheet import write_csv
from schoolweave.evidence.export import export_figures
from schoolweave.register.exports import SCHOOL_COLUMNS, flatten_for_csv, schools_export
from schoolweave.register.models import LocalAuthority
from schoolweave.resources.export import export_grants


class Command(BaseCommand):
    help = "Write register data to standard output as CSV (spreadsheet-safe) or JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("dataset", choices=["schools", "grants", "figures"])
        parser.add_argument("--la", metavar="CODE", help="3-digit LA code")
        parser.add_argument("--urn", type=int, help="figures: a school's URN")
        parser.add_argument("--network", type=int, metavar="ID", help="figures: a network's id")
        parser.add_argument("--status", choices=["open", "all"], default="open")
        parser.add_argument("--format", choices=["csv", "json", "360giving-json"], default="csv")
        parser.add_argument(
            "--include-unpublished",
            action="store_true",
            help="also list networks not yet published in the directory (for server operators)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dataset"] == "figures":  # the evidence app's performance figures
            export_figures(self.stdout, options)
            return
        if options["dataset"] == "grants":  # the resources app's 360Giving grants
            export_grants(self.stdout, self.stderr, options)
            return
        if options["format"] == "360giving-json":
            raise CommandError("--format 360giving-json is for grants; schools are csv or json")
        la_code = options["la"]
        if la_code is not None and not LocalAuthority.objects.filter(code=la_code).exists():
            raise CommandError(f"--la {la_code}: no such local authority in the register")
        rows = schools_export(
            la_code=la_code,
            status=options["status"],
            include_unpublished=options["include_unpublished"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(list(rows), indent=1, ensure_ascii=False))
        else:
            write_csv(self.stdout, SCHOOL_COLUMNS, (flatten_for_csv(row) for row in rows))
