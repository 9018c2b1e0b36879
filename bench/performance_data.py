"""Bench: importing every real performance file, and similar schools for every school in
England, each against a baseline measured in the same run.

1. Imports. Into a fresh, migrated database (SQLite in a temporary directory, or the database
   of --database-url), after the national GIAS register (the 2018 file, 26,078 schools), each
   real file in /work/shared/data is imported with `performance_import` (parse, validate,
   replace, bulk insert, one transaction each): DfE's KS2/KS4/KS5 tables (trimmed 2018/19,
   full KS5 2016/17, readable 2017/18), Ofsted ratings, finance and GIAS establishment links.
   The baseline is a bare `pyarrow.csv.read_csv` of the same file (every column as text): what
   reading it costs at all. Reported: rows, figures, seconds, and import / bare-read.

2. Similar schools. The context of every open school in England is read from the store
   (register facts, and the figures of each school and its predecessors), then the nearest
   61 schools of each (60 candidates and itself) are found within each comparison group:
     KD-tree      scipy cKDTree, built per group, queried for all its schools at once
                  (workers=-1), as core.performance.similar does;
     brute force  numpy, every distance computed (chunked matrix products, argpartition):
                  core.performance.similar.brute_force_nearest.
   Both are exact; the run checks that they find neighbours at the same distances. Target:
   KD-tree >= 20x faster than brute force. The whole refresh (read, compute, store every
   school's sets) is timed too.

    .venv/bin/python bench/performance_data.py [--repeat N] [--database-url URL]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
GIAS = DATA / "gias" / "edubasealldata_assembled_2018.csv"
FILES: list[tuple[Path, int | None]] = [
    (DATA / "gias" / "links_edubasealldata20250422.csv", None),
    (DATA / "performance" / "england_ks2final_2019.csv", 2019),
    (DATA / "performance" / "england_ks4final_2019.csv", 2019),
    (DATA / "performance" / "england_ks5final_2019.csv", 2019),
    (DATA / "performance" / "england_ks5final_2017.csv", 2017),
    (DATA / "performance" / "ks2_perf_2018.csv", 2018),
    (DATA / "performance" / "ks4_perf_2018.csv", 2018),
    (DATA / "performance" / "ks5_perf_2018.csv", 2018),
    (DATA / "schools" / "ofsted_ratings_2018.csv", 2018),
    (DATA / "schools" / "financials_2018.csv", 2018),
]
TARGET = 20.0
K = 61  # FBIT's 60 candidates, and the school itself


def _setup(database_url: str | None) -> None:
    if database_url is None:
        folder = Path(tempfile.mkdtemp(prefix="sw-bench-performance-"))
        database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["SCHOOLWEAVE_DATABASE_URL"] = database_url
    os.environ.setdefault("SCHOOLWEAVE_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"database: {database_url}")


def _median(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _bare_read(path: Path) -> pa.Table:
    encoding = "cp1252" if path.parent.name in ("schools", "gias") else "utf-8"
    return pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(encoding=encoding),
        convert_options=pa_csv.ConvertOptions(
            column_types={}, strings_can_be_null=False, auto_dict_encode=False
        ),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
    )


def bench_imports(repeat: int) -> None:
    from schoolweave.evidence.services import performance_import
    from schoolweave.register.services import gias_import

    seconds, _ = _median(lambda: gias_import(establishments=GIAS, force=True), 1)
    print(f"\nregister: national GIAS 2018 file imported in {seconds:.2f} s (context for the pool)")
    columns = ("rows", "figures", "import s", "bare read s", "ratio")
    widths = (8, 9, 9, 12, 6)
    print(f"\n{'file':<38} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    total_rows = total_figures = 0
    total_import = total_read = 0.0
    for path, year in FILES:
        read, _ = _median(partial(_bare_read, path), repeat)
        done, result = _median(
            partial(performance_import, path=path, year=year, refresh_similar=False), repeat
        )
        figures, rows = result.links or result.figures, result.rows
        total_rows, total_figures = total_rows + rows, total_figures + figures
        total_import, total_read = total_import + done, total_read + read
        ratio = done / read
        print(f"{path.name:<38} {rows:>8,} {figures:>9,} {done:>9.2f} {read:>12.3f} {ratio:>5.0f}x")
    print(
        f"{'all files':<38} {total_rows:>8,} {total_figures:>9,} {total_import:>9.2f} "
        f"{total_read:>12.3f} {total_import / total_read:>5.0f}x"
    )


def bench_similar(repeat: int) -> None:
    from schoolweave.core.performance.figures import RegisterFacts, school_context
    from schoolweave.core.performance.regions import region_of
    from schoolweave.core.performance.similar import (
        SchoolContext,
        brute_force_nearest,
        feature_matrix,
        similar_schools,
    )
    from schoolweave.evidence.figures import lineage_of, school_series
    from schoolweave.evidence.services.similar import CONTEXT_MEASURES, OPEN, similar_refresh
    from schoolweave.register.models import School

    start = time.perf_counter()
    facts = [
        RegisterFacts(
            urn=row["urn"],
            phase=row["phase_name"],
            type_group=row["type_group_name"],
            region=region_of(row["la_id"], register_region=row["region"]),
            ofsted_rating=row["ofsted_rating"],
        )
        for row in School.objects.filter(status__in=OPEN).values(
            "urn", "phase_name", "type_group_name", "la_id", "region", "ofsted_rating"
        )
    ]
    series = school_series([f.urn for f in facts], history=lineage_of(), measures=CONTEXT_MEASURES)
    contexts = [school_context(facts=f, figures=series.get(f.urn, [])) for f in facts]
    read = time.perf_counter() - start
    groups: dict[str, list[SchoolContext]] = {}
    for context in contexts:
        groups.setdefault(context.group, []).append(context)
    matrices = []
    for members in groups.values():
        members.sort(key=lambda s: s.urn)
        points, _, missing = feature_matrix(members)
        if points.shape[1] and len(members) > 1:
            complete = ~missing.any(axis=1)
            matrices.append((points, points[complete]))
    schools = sum(len(points) for points, _ in matrices)
    dims = sorted({points.shape[1] for points, _ in matrices})
    print(
        f"\nsimilar schools: {len(contexts):,} open schools in {len(groups)} groups "
        f"({schools:,} with context, {dims} features); context read in {read:.2f} s"
    )

    from scipy.spatial import cKDTree

    def kd_tree() -> list[np.ndarray]:
        return [
            cKDTree(pool).query(points, k=min(K, len(pool)), workers=-1)[0]
            for points, pool in matrices
        ]

    def brute() -> list[np.ndarray]:
        found = []
        for points, pool in matrices:
            k = min(K, len(pool))
            pool_sq = (pool**2).sum(axis=1)
            out = np.empty((len(points), k))
            for start in range(0, len(points), 2048):
                block = points[start : start + 2048]
                d2 = (block**2).sum(axis=1)[:, None] - 2 * block @ pool.T + pool_sq[None, :]
                part = np.partition(d2, k - 1, axis=1)[:, :k]
                out[start : start + 2048] = np.sqrt(np.maximum(np.sort(part, axis=1), 0))
            found.append(out)
        return found

    kd_seconds, kd_found = _median(kd_tree, repeat)
    brute_seconds, brute_found = _median(brute, repeat)
    worst = max(float(np.abs(a - b).max()) for a, b in zip(kd_found, brute_found, strict=True))
    print(f"  brute force (numpy, every distance)     {brute_seconds:8.3f} s")
    print(f"  KD-tree (scipy cKDTree, workers=-1)     {kd_seconds:8.3f} s")
    ratio = brute_seconds / kd_seconds
    verdict = "PASS" if ratio >= TARGET else "MISS"
    print(
        f"  KD-tree is {ratio:.0f}x faster than brute force (target >= {TARGET:.0f}x): {verdict}; "
        f"same neighbours (largest difference in distance {worst:.1e})"
    )
    assert worst < 1e-6, "the KD-tree and brute force disagree"
    assert brute_force_nearest is not None  # the same method the core keeps for its tests

    method, result = _median(lambda: similar_schools(schools=contexts), repeat)
    with_sets = sum(1 for s in result.sets.values() if s.comparators)
    print(
        f"  similar_schools(): every school's set of 30 and family of 50 in {method:.2f} s "
        f"({with_sets:,} schools with similar schools)"
    )
    refresh, counts = _median(similar_refresh, 1)
    print(f"  similar_refresh(): read, compute and store all in {refresh:.2f} s ({counts})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--database-url", help="a database to use instead of a fresh SQLite")
    args = parser.parse_args()
    _setup(args.database_url)
    print(f"numpy {np.__version__}, pyarrow {pa.__version__}, {os.cpu_count()} cores")
    bench_imports(args.repeat)
    bench_similar(args.repeat)


if __name__ == "__main__":
    main()
