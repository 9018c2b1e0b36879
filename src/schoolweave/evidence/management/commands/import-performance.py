"""schoolweave import-performance FILE --year YYYY [--kind ks2|ks4|ks5|ofsted|finance|links]

DfE's performance tables (england_ks2final.csv, england_ks4final.csv, england_ks5final.csv, or
the readable 2017/18 layout), Ofsted ratings, school finance, and GIAS establishment links
(links_edubasealldata*.csv, which need no --year). The kind is read from the header when
--kind is not given. --year is the calendar year in which the academic year ends: 2018/19
results are year 2019. All or nothing; re-running replaces what the file covers.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.common.progress import TerminalProgress
from schoolweave.core.performance.files import Kind
from schoolweave.core.performance.missing import label_of
from schoolweave.core.performance.parse import PerformanceFileError
from schoolweave.evidence.services import ImportResult, performance_import

NOTHING_IMPORTED = "Nothing was imported."


class Command(BaseCommand):
    help = (
        "Import a performance file (KS2, KS4, KS5, Ofsted, finance) or GIAS establishment "
        "links into the tidy store of figures. All or nothing; re-runnable."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--year",
            type=int,
            help="calendar year in which the academic year ends (2018/19 is 2019); "
            "not needed for links, nor for Ofsted files whose rows are dated",
        )
        parser.add_argument(
            "--kind",
            choices=[kind.value for kind in Kind],
            help="what the file is; read from its header when not given",
        )
        parser.add_argument(
            "--encoding",
            choices=["auto", "cp1252", "utf-8"],
            default="auto",
            help="auto: UTF-8 if the file decodes as UTF-8, else Windows-1252",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, save nothing")
        parser.add_argument(
            "--no-similar",
            action="store_true",
            help="do not recompute similar schools (`schoolweave similar --refresh` does)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = performance_import(
                path=path,
                year=options["year"],
                kind=Kind(options["kind"]) if options["kind"] else None,
                encoding=None if options["encoding"] == "auto" else options["encoding"],
                dry_run=options["dry_run"],
                refresh_similar=not options["no_similar"],
                progress=TerminalProgress(),
            )
        except PerformanceFileError as exc:
            raise CommandError(f"{exc}\n{NOTHING_IMPORTED}") from exc
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        prefix = "dry run, nothing saved: " if result.dry_run else ""
        if result.kind is Kind.LINKS:
            self.stdout.write(
                f"{prefix}{result.format_name}: {result.rows:,} rows, {result.links:,} links "
                f"(replaced {result.replaced:,})"
            )
        else:
            missing = ", ".join(f"{code} {count:,}" for code, count in result.missing.items())
            self.stdout.write(
                f"{prefix}{result.format_name}: {result.rows:,} rows ({result.school_rows:,} "
                f"schools, {result.area_rows:,} LA or England), {result.figures:,} figures, "
                f"replaced {result.replaced:,}; {result.schools_in_register:,} of its schools "
                "are in the register"
            )
            if missing:
                self.stdout.write(f"  missing figures, kept with DfE's reason: {missing}")
                for code in result.missing:
                    self.stdout.write(f"    {code}: {label_of(code)}")
        if result.similar is not None and not result.dry_run:
            self.stdout.write(
                f"similar schools: {result.similar.schools:,} open schools in "
                f"{result.similar.groups} comparison groups, {result.similar.with_similar:,} "
                "with similar schools"
            )
