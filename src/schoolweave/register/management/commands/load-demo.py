"""schoolweave load-demo: the shipped demo data (Sandwell and neighbours), re-runnable."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave import demo
from schoolweave.common.progress import TerminalProgress
from schoolweave.networks.sheet_import import SheetErrors, networks_import_file
from schoolweave.register.services import gias_import
from schoolweave.register.services.boundaries import boundaries_import


class Command(BaseCommand):
    help = "Load the demo: real GIAS rows for Sandwell and neighbours, and illustrative networks."

    def handle(self, *args: Any, **options: Any) -> None:
        result = gias_import(establishments=demo.GIAS_EXTRACT, progress=TerminalProgress())
        self.stdout.write(
            f"schools: added {result.schools.added:,}, changed {result.schools.changed:,}, "
            f"unchanged {result.schools.unchanged:,}"
        )
        count = boundaries_import(geojson=demo.BOUNDARIES, lookup=demo.BOUNDARY_CODES)
        self.stdout.write(f"boundaries: {count} local authorities")
        try:
            counts = networks_import_file(
                demo.ILLUSTRATIVE_NETWORKS, actor="load-demo", illustrative=True
            )
        except SheetErrors as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"illustrative networks: added {counts.networks_added}, memberships added "
            f"{counts.memberships_added}, unchanged {counts.memberships_unchanged}"
        )
