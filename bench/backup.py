"""Bench: `schoolweave backup` and `schoolweave restore` stream, so national performance data
(millions of figures) never sits in memory.

What it measures, in one run, on SQLite files in a temporary directory:
  for each --rows size (default 200,000 and 1,000,000 figures: the national performance data
  is of this order), a migrated database is filled with that many evidence.Figure rows
  (realistic: 25 measures a school, some missing with DfE's reasons), then
  backup      `schoolweave backup FILE`, wall clock and the process's peak memory (max RSS)
  dumpdata    `schoolweave dumpdata evidence.figure --format jsonl -o FILE`, Django's own
              streaming dump of the one big table: the baseline for the backup's speed
  restore     `schoolweave restore FILE` into a fresh migrated copy: wall clock and max RSS
It prints each, the backup's time against dumpdata's (target <= 1.5x: our manifest, hashing,
zip and every other table cost little), rows a second, and the peak memory of the largest size
against the smallest (target <= 1.5x: streaming means memory does not grow with the data).

    .venv/bin/python bench/backup.py [--rows 200000 1000000]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHOOLWEAVE = str(Path(sys.executable).parent / "schoolweave")
# Runs a command and prints its peak resident memory in kB (Linux's ru_maxrss unit).
MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if done.returncode == 0 "
    "else -1)"
)
FILL = """
import random, django
django.setup()
from django.db import connection, transaction
from django.utils import timezone
from schoolweave.evidence.models import PerformanceImport
rows, rng = int({rows}), random.Random(2019)
with transaction.atomic():
    source = PerformanceImport.objects.create(kind="ks2", format_name="bench", file_name="bench",
        file_sha256="0" * 64, year=2019, imported_at=timezone.now())
    with connection.cursor() as cursor:
        for start in range(0, rows, 100_000):
            batch = []
            for i in range(start, min(rows, start + 100_000)):
                missing = rng.random() < 0.1
                batch.append((100_000 + i // 25, 2019, f"measure_{{i % 25}}",
                    None if missing else rng.gauss(0, 3), "SUPP" if missing else "", None,
                    source.pk))
            cursor.executemany("INSERT INTO evidence_figure (urn, year, measure, value, "
                "missing_reason, as_of, source_id) VALUES (%s, %s, %s, %s, %s, %s, %s)", batch)
"""


def _env(database: Path, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings",
        "SCHOOLWEAVE_DATABASE_URL": f"sqlite:///{database}",
        "SCHOOLWEAVE_MEDIA_ROOT": str(media),
        "SCHOOLWEAVE_DEBUG": "0",  # as in production: debug mode keeps every query's text
        "SCHOOLWEAVE_SECRET_KEY": "bench-only",
    }


def _timed(env: dict[str, str], *command: str) -> tuple[float, float]:
    """Wall seconds and peak memory in MB of one command, run as a user runs it."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    if peak_kb < 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    sizes = sorted(parser.parse_args().rows)
    work = Path(tempfile.mkdtemp(prefix="sw-bench-backup-"))
    try:
        template = work / "migrated.sqlite3"
        env = _env(template, work / "media")
        subprocess.run([SCHOOLWEAVE, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        results = {}
        for rows in sizes:
            source, target = work / f"source-{rows}.sqlite3", work / f"target-{rows}.sqlite3"
            shutil.copy(template, source)
            shutil.copy(template, target)
            env = _env(source, work / "media")
            subprocess.run(
                [sys.executable, "-c", FILL.format(rows=rows)], env=env, cwd=ROOT, check=True
            )
            backup = work / f"backup-{rows}.zip"
            results[rows] = {
                "backup": _timed(env, SCHOOLWEAVE, "backup", str(backup)),
                "dumpdata": _timed(
                    env,
                    SCHOOLWEAVE,
                    "dumpdata",
                    "evidence.figure",
                    "--format",
                    "jsonl",
                    "-o",
                    str(work / f"dump-{rows}.jsonl"),
                ),
                "restore": _timed(
                    _env(target, work / "media-restored"), SCHOOLWEAVE, "restore", str(backup)
                ),
            }
            print(f"{rows:,} figures: backup file {backup.stat().st_size / 2**20:.1f} MB")
            for step, (seconds, mb) in results[rows].items():
                print(f"  {step:9} {seconds:7.1f} s  {rows / seconds:9,.0f} rows/s  {mb:6.0f} MB")
            ratio = results[rows]["backup"][0] / results[rows]["dumpdata"][0]
            print(f"  backup / dumpdata time: {ratio:.2f}x (target <= 1.5x)")
        smallest, largest = results[sizes[0]], results[sizes[-1]]
        for step in ("backup", "restore"):
            growth = largest[step][1] / smallest[step][1]
            verdict = "PASS" if growth <= 1.5 else "MISS"
            print(
                f"{step} peak memory, {sizes[-1]:,} vs {sizes[0]:,} rows: {largest[step][1]:.0f} MB"
                f" vs {smallest[step][1]:.0f} MB = {growth:.2f}x (target <= 1.5x) {verdict}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
