"""schoolweave load-demo: the shipped demo data (Sandwell and neighbours), re-runnable."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave import demo
from schoolweave.common.progress import TerminalProgress
from schoolweave.evidence.demo import load_demo_performance
from schoolweave.networks.sheet_import import SheetErrors, networks_import_file
from schoolweave.register.services import gias_import
from schoolweave.register.services.boundaries import boundaries_import
from schoolweave.resources.demo import demo_resources_load


class Command(BaseCommand):
    help = "Load the demo: real GIAS rows for Sandwell and neighbours, and illustrative networks."

    def handle(self, *args: Any, **options: Any) -> None:
        result = gias_import(establishments=demo.GIAS_EXTRACT, progress=TerminalProgress())
        self.stdout.write(
            f"schools: added {result.schools.added:,}, changed {result.schools.changed:,}, "
            f"unchanged {result.schools.unchanged:,}"
        )
        # Performance data (evidence app): real DfE, Ofsted and finance extracts, after GIAS.
        performance = load_demo_performance(progress=TerminalProgress())
        self.stdout.write(
            f"performance data: {performance.figures:,} figures from "
            f"{len(performance.imports)} files; similar schools for "
            f"{performance.similar.with_similar:,} of {performance.similar.schools:,} open schools"
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
        # Resources and partners (resources app): illustrative funding, staff time and partners.
        try:
            resources = demo_resources_load(actor="load-demo")
        except SheetErrors as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"funding and partners (illustrative): streams added {resources.streams}, "
            f"allocations added {resources.allocations.added}, "
            f"unchanged {resources.allocations.unchanged}; "
            f"partners added {resources.partners}, partnerships added {resources.partnerships}, "
            f"staff added {resources.staff}"
        )
