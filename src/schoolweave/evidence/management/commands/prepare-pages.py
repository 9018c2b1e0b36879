"""schoolweave prepare-pages [--la CODE ...]

Computes each LA page's performance section (every school weighed against its similar schools)
so that no visitor waits for it. The worker does this after every import; run it by hand after
restoring a backup or clearing the cache, and nightly, as the sections are kept for a day
(judgements of inspections depend on their age). Sections already computed today for the
current figures are only read.
"""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.common.progress import TerminalProgress
from schoolweave.evidence.preparation import prepare_pages
from schoolweave.register.models import LocalAuthority


class Command(BaseCommand):
    help = "Compute every LA page's performance section now, before anyone asks for it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--la", action="append", metavar="CODE", help="only this LA (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        codes = options["la"]
        if codes:
            known = set(LocalAuthority.objects.values_list("code", flat=True))
            unknown = sorted(set(codes) - known)
            if unknown:
                raise CommandError(f"--la: no local authority has the code {', '.join(unknown)}")
        started = time.perf_counter()
        count = prepare_pages(codes=codes, progress=TerminalProgress())
        self.stdout.write(
            f"prepared the pages of {count} local authorities in "
            f"{time.perf_counter() - started:.1f} s"
        )
