"""schoolweave landscape --la CODE [--format json|csv] | --national [--sample N]"""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.accounts.permissions import PUBLIC, Viewer
from schoolweave.common.progress import TerminalProgress
from schoolweave.core.landscape import ReviewSettings
from schoolweave.core.spreadsheet import write_csv
from schoolweave.landscape.reports import (
    SCHOOL_COLUMNS,
    la_landscape,
    national_landscape,
    report_json,
    school_rows,
)
from schoolweave.register.models import LocalAuthority

# A server operator may include unpublished networks; by default the review shows what the
# public directory shows.
OPERATOR = Viewer(
    user_id=0, officer_of=frozenset(), leads=frozenset(), schools=frozenset(), is_superuser=True
)


class Command(BaseCommand):
    help = (
        "The landscape review: each open school's networks, groups, load, partners and "
        "whether it is out on a limb, for one LA (--la) or all of England (--national)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--la", metavar="CODE", help="3-digit LA code")
        scope.add_argument("--national", action="store_true", help="every open school in England")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--sample",
            type=int,
            default=500,
            metavar="N",
            help="national runs: estimate bridging from N sampled schools (0: exact, slow)",
        )
        parser.add_argument("--far-km", type=float, default=ReviewSettings().far_km)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--include-unpublished", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        who = OPERATOR if options["include_unpublished"] else PUBLIC
        if options["national"]:
            settings = ReviewSettings(
                far_km=options["far_km"],
                sample_sources=options["sample"] or None,
                seed=options["seed"],
            )
            report = national_landscape(who=who, settings=settings, progress=TerminalProgress())
        else:
            la = LocalAuthority.objects.filter(code=options["la"]).first()
            if la is None:
                raise CommandError(f"--la {options['la']}: no such local authority in the register")
            settings = ReviewSettings(far_km=options["far_km"], seed=options["seed"])
            report = la_landscape(who=who, la=la, settings=settings)
        if options["format"] == "csv":
            write_csv(self.stdout, SCHOOL_COLUMNS, school_rows(report))
        else:
            self.stdout.write(json.dumps(report_json(report), indent=1, ensure_ascii=False))
