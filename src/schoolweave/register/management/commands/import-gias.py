"""schoolweave import-gias ESTABLISHMENTS_CSV [--groups GROUPS_CSV] [--links GROUP_LINKS_CSV]"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.common.progress import TerminalProgress
from schoolweave.core.gias import GiasFileError
from schoolweave.register.services import ImportCounts, gias_import


class Command(BaseCommand):
    help = (
        "Load GIAS files (establishments, optionally groups and group links) into the register. "
        "Re-runnable: updates what changed, keeps history, reports counts. All or nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("establishments", type=Path, help="edubasealldata*.csv")
        parser.add_argument("--groups", type=Path, help="allgroupsdata*.csv")
        parser.add_argument("--links", type=Path, help="GIAS group links file")
        parser.add_argument(
            "--force",
            action="store_true",
            help="re-check every row even if a file is identical to the last one imported",
        )
        parser.add_argument(
            "--encoding",
            choices=["auto", "cp1252", "utf-8"],
            default="auto",
            help="auto: UTF-8 if the file decodes as UTF-8, else Windows-1252 (GIAS's own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        establishments = Path(options["establishments"])
        groups, links = (Path(options[n]) if options[n] else None for n in ("groups", "links"))
        for path in (establishments, groups, links):
            if path is not None and not path.is_file():
                raise CommandError(f"{path}: no such file")
        try:
            result = gias_import(
                establishments=establishments,
                groups=groups,
                links=links,
                encoding=None if options["encoding"] == "auto" else options["encoding"],
                force=options["force"],
                progress=TerminalProgress(),
            )
        except GiasFileError as exc:
            raise CommandError(f"{exc}\nNothing was imported.") from exc
        self._report("schools", result.schools)
        if result.groups:
            self._report("groups", result.groups)
        if result.links:
            self._report("links", result.links)

    def _report(self, what: str, counts: ImportCounts) -> None:
        parts = [
            f"{counts.rows:,} rows",
            f"added {counts.added:,}",
            f"changed {counts.changed:,}",
            f"closed {counts.closed:,}",
            f"unchanged {counts.unchanged:,}",
        ]
        if counts.skipped:
            parts.append(f"skipped {counts.skipped:,} (school not in the register)")
        self.stdout.write(f"{what}: " + ", ".join(parts))
        if counts.identical_to is not None:
            self.stdout.write(
                f"  the file is identical to the one imported on "
                f"{counts.identical_to.imported_at:%d %B %Y at %H:%M}; nothing to do "
                "(--force re-checks every row)"
            )
