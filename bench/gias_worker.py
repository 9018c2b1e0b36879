"""In-process timings of the GIAS import service, for bench/import_gias.py.

Run in a fresh process per measurement, with SCHOOLWEAVE_DATABASE_URL pointing at a freshly
migrated, empty database. Prints one JSON object on stdout:

    {"rows": ..., "full": s, "reimport": s, "recheck": s, "parse": s}

full       gias_import() of the file into the empty database (parse + validate + write)
reimport   gias_import() of the same file again (nothing changed: recognised as identical)
recheck    gias_import(force=True) of the same file: every row parsed and compared, as for a
           newer file in which few rows changed
parse      parse_establishments() alone, after the imports (the parsing share of the above)

With --profile PREFIX, the full import and the re-import run under cProfile instead, and
their statistics are written to PREFIX-full.prof and PREFIX-reimport.prof; the times printed
then include cProfile's overhead, and the parse alone is not measured.
"""

import argparse
import cProfile
import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--profile", help="write cProfile stats to PREFIX-full/-reimport.prof")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings")
    import django

    django.setup()
    from django.db import connection

    result: dict[str, float | int] = {}
    result["full"], result["rows"] = timed_import(args.file, "added", args.profile, "full")
    result["reimport"], _ = timed_import(args.file, "unchanged", args.profile, "reimport")
    if not args.profile:
        result["recheck"], _ = timed_import(args.file, "unchanged", None, "recheck", force=True)
        result["parse"] = timed_parse(args.file)
    connection.close()
    print(json.dumps(result))
    return 0


def timed_import(
    path: Path, expect: str, profile: str | None, name: str, *, force: bool = False
) -> tuple[float, int]:
    """Seconds of one gias_import() and its row count; every row must be counted `expect`."""
    from schoolweave.register.services import gias_import

    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is None:
        counts = gias_import(establishments=path, force=force).schools
    else:
        counts = profiler.runcall(gias_import, establishments=path, force=force).schools
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.dump_stats(f"{profile}-{name}.prof")
    if getattr(counts, expect) != counts.rows:
        raise SystemExit(f"{name}: {getattr(counts, expect)} of {counts.rows} rows {expect}")
    return seconds, counts.rows


def timed_parse(path: Path) -> float:
    from schoolweave.core.gias import parse_establishments

    started = time.perf_counter()
    parse_establishments(path)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
