"""schoolweave similar --urn URN [--format csv|json] [--family] | --refresh

A school's similar schools, most similar first (`urn,name,distance`): its comparator set of
30 (DfE FBIT's method), or with --family its 50 nearest (EEF's families of schools). The pool
is the register's open schools. --refresh recomputes them all (after imports that did not).
"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.core.spreadsheet import write_csv
from schoolweave.evidence import selectors
from schoolweave.evidence.services import similar_refresh

COLUMNS = ("urn", "name", "distance")


class Command(BaseCommand):
    help = "Print a school's similar schools (urn,name,distance), or recompute them all."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--urn", type=int, help="the school's URN")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--family", action="store_true", help="the 50 nearest (EEF), not the set of 30"
        )
        parser.add_argument(
            "--refresh", action="store_true", help="recompute similar schools for every school"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        urn = options["urn"]
        if urn is None and not options["refresh"]:
            raise CommandError("give --urn URN, or --refresh")
        if options["refresh"] or not selectors.similar_computed():
            counts = similar_refresh()
            if urn is None:
                self.stdout.write(
                    f"similar schools: {counts.schools:,} open schools in {counts.groups} "
                    f"comparison groups, {counts.with_similar:,} with similar schools"
                )
                return
        found = selectors.similar_get(urn=urn)
        if found.problem:
            raise CommandError(f"--urn {urn}: {found.problem}")
        rows = [
            {"urn": s.urn, "name": s.name, "distance": round(s.distance, 4)}
            for s in (found.family if options["family"] else found.comparators)
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=1, ensure_ascii=False))
        else:
            write_csv(self.stdout, COLUMNS, rows)
