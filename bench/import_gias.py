"""Bench: `schoolweave import-gias` on national GIAS files, against a bare CSV parse.

Why: an import of the GIAS establishments file should cost about what reading the CSV costs
(target: full import <= 2x a bare pyarrow parse), and re-importing an unchanged file should
cost at most half a full import (target: re-import <= 0.5x full import), on SQLite and on
PostgreSQL. This bench measures both, in one run, and says PASS or MISS.

Files (both in the exact GIAS layout: 120 quoted columns, Windows-1252, CRLF):
  real 2018     /work/shared/data/gias/edubasealldata_assembled_2018.csv (26,078 rows; many
                columns empty, see MANIFEST.md)
  generated     bench/out/edubasealldata_generated_*.csv: about 50,000 rows (today's GIAS
                download size) with every column GIAS fills, resampled and perturbed from the
                real rows by bench/gias_synth.py; deterministic from --seed, reused if present.

Timings, each the median of --repeat runs (default 3; the machines are shared and noisy):
  bare parse        pyarrow.csv.read_csv(file, encoding cp1252, every column as string), in
                    this process, after a warm-up: the floor for any import.
  command           `.venv/bin/schoolweave import-gias FILE` as a subprocess, wall clock, as a
                    user runs it: includes Python and Django start-up and system checks.
                    Nothing is subtracted; `schoolweave check` alone is timed for context.
  service           gias_import() in-process after django.setup() (bench/gias_worker.py, one
                    fresh process per run): our code without start-up.
  full import       into an empty, migrated database (SQLite file / PostgreSQL database).
  re-import         the same unchanged file again, into that database (recognised as identical
                    by its SHA-256 and skipped; for "service", in the same process, right after
                    the full import)
  re-check          (service only) the same file with force=True: every row parsed, hashed and
                    compared with the database, which is what a newer file with few changes
                    costs; reported against the re-import target too
                    same process, right after the full import).
A fresh database per run is a copy of one migrated once (a file copy for SQLite, CREATE
DATABASE ... TEMPLATE for PostgreSQL): the same state as migrating afresh; migrate is not
timed. PostgreSQL is started with scripts/postgres unless a postgres:// URL is given in
--pg-url or SCHOOLWEAVE_DATABASE_URL (note: scripts/postgres runs it with fsync=off).

Finally one full import and one re-import of the generated file into each database run under
cProfile; their hotspots are printed (statistics kept in bench/out/profile-*.prof).

    .venv/bin/python bench/import_gias.py [--repeat N] [--skip-postgres] [--no-profile]
"""

import argparse
import csv
import json
import os
import platform
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv

import gias_synth

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
SCHOOLWEAVE = ROOT / ".venv" / "bin" / "schoolweave"
WORKER = ROOT / "bench" / "gias_worker.py"
DATA = Path("/work/shared/data")
REAL_FILE = DATA / "gias" / "edubasealldata_assembled_2018.csv"
DISTRICTS = DATA / "geo" / "eng_topo_lad.json"

PARSE_TARGET = 2.0  # full import / bare parse
REIMPORT_TARGET = 0.5  # re-import / full import

# The bare parse as a whole process (interpreter start + import pyarrow + parse), for context.
PARSE_PROCESS = """
import csv, sys
import pyarrow as pa, pyarrow.csv as c
path = sys.argv[1]
with open(path, encoding="cp1252", newline="") as f:
    header = next(csv.reader(f))
c.read_csv(path, read_options=c.ReadOptions(encoding="cp1252"),
           convert_options=c.ConvertOptions(column_types=dict.fromkeys(header, pa.string())))
"""

STARTUP = "django start-up (schoolweave check)"
COUNTS = re.compile(
    r"schools: (?P<rows>[\d,]+) rows, added (?P<added>[\d,]+), changed (?P<changed>[\d,]+), "
    r"closed (?P<closed>[\d,]+), unchanged (?P<unchanged>[\d,]+)"
)


# Files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchFile:
    label: str
    path: Path
    rows: int

    @property
    def megabytes(self) -> float:
        return self.path.stat().st_size / 1e6


def bench_files(rows: int, seed: int) -> list[BenchFile]:
    generated = OUT / f"edubasealldata_generated_{rows}_seed{seed}_v{gias_synth.VERSION}.csv"
    if not generated.exists():
        print(f"Generating {generated.relative_to(ROOT)} ({rows:,} rows, seed {seed})...")
    gias_synth.generate(REAL_FILE, DISTRICTS, generated, rows, seed)
    files = [BenchFile("real 2018", REAL_FILE, 0), BenchFile("generated", generated, 0)]
    return [BenchFile(f.label, f.path, bare_parse(f.path).num_rows) for f in files]


def header_of(path: Path) -> list[str]:
    with path.open(encoding="cp1252", newline="") as stream:
        return next(csv.reader(stream))


def bare_parse(path: Path) -> pa.Table:
    """The baseline: pyarrow's CSV reader, the file's real encoding, every column as text."""
    return pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(encoding="cp1252"),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(header_of(path), pa.string())
        ),
    )


# Databases --------------------------------------------------------------------------------


class Target(Protocol):
    """A database server on which fresh, migrated databases can be had cheaply."""

    name: str

    def describe(self) -> str: ...
    def prepare(self) -> None: ...
    def fresh(self, tag: str) -> str: ...
    def drop(self, url: str) -> None: ...
    def close(self) -> None: ...


def django_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings",
        "SCHOOLWEAVE_DATABASE_URL": url,
        "SCHOOLWEAVE_DEBUG": "1",
    }


def run(args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=ROOT, env=django_env(url), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done


def migrate(url: str) -> None:
    run([str(SCHOOLWEAVE), "migrate", "--verbosity", "0"], url)


class SqliteTarget:
    name = "SQLite"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.template = directory / "template.sqlite3"

    def describe(self) -> str:
        return f"SQLite {sqlite3.sqlite_version} (files in {self.directory.relative_to(ROOT)})"

    def prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.template.unlink(missing_ok=True)
        migrate(f"sqlite:///{self.template}")

    def fresh(self, tag: str) -> str:
        path = self.directory / f"{tag}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for leftover in (path, path.with_name(path.name + "-journal")):
            leftover.unlink(missing_ok=True)

    def close(self) -> None:
        self.template.unlink(missing_ok=True)


class PostgresTarget:
    name = "PostgreSQL"
    template_name = "schoolweave_bench_template"

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url

    def url_of(self, database: str) -> str:
        return urlsplit(self.server_url)._replace(path=f"/{database}").geturl()

    def execute(self, statement: str) -> None:
        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)

    def describe(self) -> str:
        with psycopg.connect(self.server_url) as connection:
            version = connection.execute("SHOW server_version").fetchone()
            fsync = connection.execute("SHOW fsync").fetchone()
        return f"PostgreSQL {version and version[0]}, fsync={fsync and fsync[0]}"

    def prepare(self) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{self.template_name}"')
        self.execute(f'CREATE DATABASE "{self.template_name}"')
        migrate(self.url_of(self.template_name))

    def fresh(self, tag: str) -> str:
        name = f"schoolweave_bench_{tag}"
        self.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
        return self.url_of(name)

    def drop(self, url: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}"')

    def close(self) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{self.template_name}"')


@contextmanager
def postgres_server(given: str | None) -> Iterator[str]:
    """A PostgreSQL server URL: the one given, else scripts/postgres's (stopped afterwards if
    this bench started it)."""
    if given:
        yield given
        return
    port = os.environ.get("SCHOOLWEAVE_PG_PORT", "54329")
    already_running = _reachable(f"postgres://postgres@127.0.0.1:{port}/postgres")
    script = ROOT / "scripts" / "postgres"
    started = subprocess.run([str(script), "start"], capture_output=True, text=True, check=True)
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        if not already_running:
            subprocess.run([str(script), "stop"], check=False)


def _reachable(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


@contextmanager
def fresh_database(target: Target, tag: str) -> Iterator[str]:
    url = target.fresh(tag)
    try:
        yield url
    finally:
        target.drop(url)


# Measurements -----------------------------------------------------------------------------


@dataclass
class Samples:
    """Seconds per run, keyed by (file label, database name or "", measurement)."""

    values: dict[tuple[str, str, str], list[float]] = field(default_factory=dict)

    def add(self, file: str, database: str, what: str, seconds: float) -> None:
        self.values.setdefault((file, database, what), []).append(seconds)

    def median(self, file: str, database: str, what: str) -> float | None:
        values = self.values.get((file, database, what))
        return statistics.median(values) if values else None

    def spread(self, file: str, database: str, what: str) -> tuple[float, float] | None:
        values = self.values.get((file, database, what))
        return (min(values), max(values)) if values else None


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def import_command(url: str, file: BenchFile, expect: str) -> float:
    """Wall time of `schoolweave import-gias FILE`; checks its counts (all `expect`)."""
    started = time.perf_counter()
    done = run([str(SCHOOLWEAVE), "import-gias", str(file.path)], url)
    seconds = time.perf_counter() - started
    match = COUNTS.search(done.stdout)
    if match is None or int(match[expect].replace(",", "")) != file.rows:
        raise SystemExit(
            f"import-gias {file.path}: expected {file.rows:,} {expect}:\n{done.stdout}"
        )
    return seconds


def import_service(url: str, file: BenchFile, profile: Path | None = None) -> dict[str, Any]:
    args = [str(PYTHON), str(WORKER), str(file.path)]
    if profile is not None:
        args += ["--profile", str(profile)]
    result: dict[str, Any] = json.loads(run(args, url).stdout)
    return result


def measure_context(samples: Samples, files: list[BenchFile], repeat: int, url: str) -> None:
    check = [str(SCHOOLWEAVE), "check"]
    run(check, url)  # warm-up: byte-code and file caches
    for _ in range(repeat):
        samples.add("", "", STARTUP, timed(partial(run, check, url)))
    for file in files:
        bare_parse(file.path)  # warm-up: thread pool, page cache
        process = [str(PYTHON), "-c", PARSE_PROCESS, str(file.path)]
        for _ in range(repeat):
            samples.add(file.label, "", "bare parse", timed(partial(bare_parse, file.path)))
            samples.add(
                file.label, "", "bare parse as a process", timed(partial(run, process, url))
            )


def measure_imports(
    samples: Samples, files: list[BenchFile], targets: list[Target], repeat: int
) -> None:
    for rep in range(repeat):
        for file in files:
            for target in targets:
                print(f"  run {rep + 1}/{repeat}: {file.label} into {target.name}...", flush=True)
                tag = f"{rep}_{file.label.replace(' ', '_')}"
                with fresh_database(target, f"command_{tag}") as url:
                    full = import_command(url, file, "added")
                    again = import_command(url, file, "unchanged")
                samples.add(file.label, target.name, "command: full import", full)
                samples.add(file.label, target.name, "command: re-import", again)
                with fresh_database(target, f"service_{tag}") as url:
                    result = import_service(url, file)
                samples.add(file.label, target.name, "service: full import", result["full"])
                samples.add(file.label, target.name, "service: re-import", result["reimport"])
                samples.add(file.label, target.name, "service: re-check", result["recheck"])
                samples.add(
                    file.label, target.name, "service: parse_establishments", result["parse"]
                )


@dataclass(frozen=True)
class Profile:
    database: str
    step: str  # "full" or "reimport"
    path: Path
    seconds: float  # under cProfile


def profile_imports(file: BenchFile, targets: list[Target]) -> list[Profile]:
    """One full import and one re-import of `file` into each database, under cProfile."""
    profiles = []
    for target in targets:
        prefix = OUT / f"profile-{target.name.lower()}"
        with fresh_database(target, "profile") as url:
            result = import_service(url, file, profile=prefix)
        for step in ("full", "reimport"):
            path = prefix.with_name(f"{prefix.name}-{step}.prof")
            profiles.append(Profile(target.name, step, path, float(result[step])))
    return profiles


# Report -----------------------------------------------------------------------------------

IMPORT_STEPS = (
    "command: full import",
    "command: re-import",
    "service: full import",
    "service: re-import",
    "service: re-check",
    "service: parse_establishments",
)
# (what, numerator, denominator, target); "bare ..." measurements do not depend on a database.
RATIOS: tuple[tuple[str, str, str, float | None], ...] = (
    ("command full import / bare parse", "command: full import", "bare parse", PARSE_TARGET),
    ("service full import / bare parse", "service: full import", "bare parse", PARSE_TARGET),
    (
        "command re-import / full import",
        "command: re-import",
        "command: full import",
        REIMPORT_TARGET,
    ),
    (
        "service re-import / full import",
        "service: re-import",
        "service: full import",
        REIMPORT_TARGET,
    ),
    (
        "service re-check (force) / full import",
        "service: re-check",
        "service: full import",
        REIMPORT_TARGET,
    ),
    (
        "(context) command full / parse as a process",
        "command: full import",
        "bare parse as a process",
        None,
    ),
)


def median_of(samples: Samples, file: str, database: str, what: str) -> float:
    if what.startswith("bare"):
        database = ""
    if what == STARTUP:
        file = database = ""
    return samples.median(file, database, what) or float("nan")


def seconds_text(samples: Samples, file: str, database: str, what: str) -> str:
    median, spread = samples.median(file, database, what), samples.spread(file, database, what)
    if median is None or spread is None:
        return "-"
    return f"{median:6.3f} s ({spread[0]:.2f}-{spread[1]:.2f})"


def rate_text(rows: int, seconds: float | None) -> str:
    return f"{rows / seconds:,.0f} rows/s" if seconds else ""


def print_environment(targets: list[Target], load: tuple[float, float]) -> None:
    import django

    print("\nEnvironment")
    print(
        f"  Python {platform.python_version()}, Django {django.get_version()}, "
        f"pyarrow {pa.__version__}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} at start, {load[1]:.2f} at end"
    )
    for target in targets:
        print(f"  {target.describe()}")


def print_files(files: list[BenchFile]) -> None:
    print("\nFiles")
    for file in files:
        where = file.path.relative_to(ROOT) if file.path.is_relative_to(ROOT) else file.path
        print(f"  {file.label:<10} {file.rows:>7,} rows  {file.megabytes:5.1f} MB  {where}")


def print_timings(
    samples: Samples, files: list[BenchFile], databases: list[str], repeat: int
) -> None:
    print(f"\nTimings: median of {repeat} runs (min-max), rows per second")
    print(f"  {'python + Django start-up, schoolweave check':<46}"
          f"{seconds_text(samples, '', '', STARTUP)}")  # fmt: skip
    for file in files:
        print(f"\n  {file.label} ({file.rows:,} rows)")
        for what in ("bare parse", "bare parse as a process"):
            seconds = samples.median(file.label, "", what)
            print(f"    {what:<42}{seconds_text(samples, file.label, '', what):<26}"
                  f"{rate_text(file.rows, seconds):>16}")  # fmt: skip
        print(f"    {'':<42}" + "".join(f"{name:<44}" for name in databases))
        for what in IMPORT_STEPS:
            cells = [
                f"{seconds_text(samples, file.label, database, what):<26}"
                f"{rate_text(file.rows, samples.median(file.label, database, what)):>16}  "
                for database in databases
            ]
            print(f"    {what:<42}{''.join(cells)}")


def print_ratios(samples: Samples, files: list[BenchFile], databases: list[str]) -> None:
    print("\nRatios of medians, against the targets")
    print(f"  {'file':<10} {'ratio':<44} {'target':<8}" + "".join(f"{d:<14}" for d in databases))
    for file in files:
        for what, numerator, denominator, target in RATIOS:
            cells = []
            for database in databases:
                ratio = median_of(samples, file.label, database, numerator) / median_of(
                    samples, file.label, database, denominator
                )
                verdict = "" if target is None else ("PASS" if ratio <= target else "MISS")
                cells.append(f"{ratio:6.2f}x {verdict:<6}")
            target_text = "" if target is None else f"<= {target:g}x"
            print(f"  {file.label:<10} {what:<44} {target_text:<8}{''.join(cells)}")
        parse = median_of(samples, file.label, "", "bare parse")
        startup = median_of(samples, "", "", STARTUP) / parse
        print(f"  {file.label:<10} {'(context) Django start-up alone / bare parse':<44} "
              f"{'':<8}{startup:6.2f}x")  # fmt: skip


def print_profiles(profiles: list[Profile], file: BenchFile, top: int) -> None:
    """Full imports: the top functions by own time, and our functions by cumulative time.
    Re-imports: our functions by cumulative time only."""
    for profile in profiles:
        entries = pstats.Stats(str(profile.path)).stats  # type: ignore[attr-defined]
        total = max(cumulative for _, _, _, cumulative, _ in entries.values())
        step = "full import" if profile.step == "full" else "re-import"
        print(
            f"\nProfile: {step} of the {file.label} file into {profile.database} "
            f"({profile.seconds:.2f} s under cProfile; {profile.path.relative_to(ROOT)})"
        )
        if profile.step == "full":
            print("  by own time, all code")
            _print_entries(entries, key=lambda e: e[2], top=top, total=total, ours_only=False)
        print("  by cumulative time, src/schoolweave only")
        _print_entries(entries, key=lambda e: e[3], top=top, total=total, ours_only=True)


def _print_entries(
    entries: dict[tuple[str, int, str], tuple[int, int, float, float, Any]],
    key: Callable[[tuple[int, int, float, float, Any]], float],
    top: int,
    total: float,
    ours_only: bool,
) -> None:
    chosen = [
        (where, stats)
        for where, stats in entries.items()
        if not ours_only or "/schoolweave/" in where[0]
    ]
    chosen.sort(key=lambda item: key(item[1]), reverse=True)
    print(f"    {'calls':>9} {'own s':>7} {'cum s':>7} {'cum %':>6}  function")
    for (filename, line, name), (_, calls, own, cumulative, _) in chosen[:top]:
        print(
            f"    {calls:>9,} {own:>7.3f} {cumulative:>7.3f} {100 * cumulative / total:>5.1f}%  "
            f"{_short(filename)}:{line}({name})"
        )


def _short(filename: str) -> str:
    for marker in ("/src/schoolweave/", "/site-packages/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# Main -------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--rows", type=int, default=50_000, help="rows of the generated file")
    parser.add_argument("--seed", type=int, default=2018, help="seed of the generated file")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--top", type=int, default=15, help="profile entries to print")
    parser.add_argument("--pg-url", help="PostgreSQL server URL (default: scripts/postgres)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def given_postgres_url(args: argparse.Namespace) -> str | None:
    url = args.pg_url or os.environ.get("SCHOOLWEAVE_DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    files = bench_files(args.rows, args.seed)
    with postgres_unless(args.skip_postgres, given_postgres_url(args)) as pg_url:
        targets: list[Target] = [SqliteTarget(OUT / "db")]
        if pg_url:
            targets.append(PostgresTarget(pg_url))
        load_at_start = os.getloadavg()[0]
        samples, profiles = measure_all(files, targets, args)
        print_environment(targets, (load_at_start, os.getloadavg()[0]))
    databases = [target.name for target in targets]
    print_files(files)
    print_timings(samples, files, databases, args.repeat)
    print_ratios(samples, files, databases)
    print_profiles(profiles, files[-1], args.top)
    return 0


def measure_all(
    files: list[BenchFile], targets: list[Target], args: argparse.Namespace
) -> tuple[Samples, list[Profile]]:
    samples = Samples()
    print("Preparing databases; timing start-up and bare parses...", flush=True)
    for target in targets:
        target.prepare()
    try:
        with fresh_database(targets[0], "context") as url:
            measure_context(samples, files, args.repeat, url)
        measure_imports(samples, files, targets, args.repeat)
        profiles = [] if args.no_profile else profile_imports(files[-1], targets)
    finally:
        for target in targets:
            target.close()
    return samples, profiles


@contextmanager
def postgres_unless(skip: bool, given: str | None) -> Iterator[str | None]:
    if skip:
        yield None
        return
    with postgres_server(given) as url:
        yield url


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
