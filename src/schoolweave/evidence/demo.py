"""The demo's performance data: real extracts for the demo's schools (see
demo/data/performance_extracts.md), imported as `schoolweave import-performance` would."""

from dataclasses import dataclass
from pathlib import Path

from schoolweave.core.performance.files import Kind
from schoolweave.core.progress import Progress
from schoolweave.demo import DATA
from schoolweave.evidence.services import (
    ImportResult,
    SimilarCounts,
    performance_import,
    similar_refresh,
)

# (file, --year): links first, so every later step can follow schools across URNs.
DEMO_FILES: tuple[tuple[str, int | None], ...] = (
    ("links_edubasealldata20250422_sandwell_and_neighbours.csv", None),
    ("england_ks5final_2017_sandwell_and_neighbours.csv", 2017),
    ("ks2_perf_2018_sandwell_and_neighbours.csv", 2018),
    ("ks4_perf_2018_sandwell_and_neighbours.csv", 2018),
    ("ks5_perf_2018_sandwell_and_neighbours.csv", 2018),
    ("financials_2018_sandwell_and_neighbours.csv", 2018),
    ("ofsted_ratings_2018_sandwell_and_neighbours.csv", 2018),
    ("england_ks2final_2019_sandwell_and_neighbours.csv", 2019),
    ("england_ks4final_2019_sandwell_and_neighbours.csv", 2019),
    ("england_ks5final_2019_sandwell_and_neighbours.csv", 2019),
)


@dataclass(frozen=True)
class DemoPerformance:
    imports: tuple[ImportResult, ...]
    similar: SimilarCounts

    @property
    def figures(self) -> int:
        return sum(result.figures for result in self.imports)


def demo_files() -> list[tuple[Path, int | None]]:
    return [(DATA / name, year) for name, year in DEMO_FILES]


def load_demo_performance(*, progress: Progress | None = None) -> DemoPerformance:
    results = tuple(
        performance_import(
            path=path,
            year=year,
            kind=Kind.LINKS if year is None else None,
            refresh_similar=False,
            progress=progress,
        )
        for path, year in demo_files()
    )
    return DemoPerformance(results, similar_refresh(progress=progress))
