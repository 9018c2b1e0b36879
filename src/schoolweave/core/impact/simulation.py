"""Validation by simulation, as the issue asks: plant a known effect in real school figures
and check that the method finds it within its interval at the nominal rate; and check that a
cohort picked for low results, with no effect at all, fools the naive "% improved" but not the
estimate. Also a synthetic panel with several years before joining, so that the trend matching
and the pre-trend test are exercised too (the real KS2 data has one year before).

Used by tests/core/impact/test_simulation.py and bench/impact_coverage.py. Every draw comes
from a seeded numpy generator, so a run is repeatable.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyarrow.compute as pc

from schoolweave.core.impact.evaluation import evaluate
from schoolweave.core.impact.result import ImpactResult, SchoolSeries
from schoolweave.core.performance.measures import Measure, measure
from schoolweave.core.performance.parse import parse_performance

REAL_FILES = (
    ("ks2_perf_2018_sandwell_and_neighbours.csv", 2018),
    ("england_ks2final_2019_sandwell_and_neighbours.csv", 2019),
)


def real_series(data: Path, *, measure_name: str = "ks2_maths_progress") -> list[SchoolSeries]:
    """Every school's figures of the measure in the real 2017/18 and 2018/19 KS2 files,
    read by Schoolweave's own parser, with the pupils behind them where the file says."""
    values: dict[int, dict[int, float]] = {}
    pupils: dict[int, dict[int, float]] = {}
    for name, year in REAL_FILES:
        figures = parse_performance(data / name, year=year).figures
        schools = figures.filter(
            pc.and_(pc.is_valid(figures["urn"]), pc.is_valid(figures["value"]))
        )
        for row in schools.to_pylist():
            if row["measure"] == measure_name:
                values.setdefault(row["urn"], {})[year] = row["value"]
            elif row["measure"] == "ks2_pupils":
                pupils.setdefault(row["urn"], {})[year] = row["value"]
    return [
        SchoolSeries(
            urn=urn,
            phase="Primary",
            values=values[urn],
            pupils=pupils.get(urn, {}),
            context={"pupils": _latest(pupils.get(urn, {}))},
        )
        for urn in sorted(values)
    ]


def synthetic_series(
    rng: np.random.Generator, *, schools: int = 600, years: Sequence[int] = (2016, 2017, 2018, 2019)
) -> list[SchoolSeries]:
    """A panel shaped like KS2 progress scores: a lasting school level (SD 2), its own gentle
    trend (SD 0.3 a year), a national shift each year and yearly noise (SD 2.5)."""
    level = rng.normal(0.0, 2.0, schools)
    slope = rng.normal(0.0, 0.3, schools)
    shift = {year: float(rng.normal(0.0, 0.5)) for year in years}
    size = rng.integers(10, 90, schools)
    out = []
    for i in range(schools):
        figures = {
            year: float(level[i] + slope[i] * (year - years[0]) + shift[year] + rng.normal(0, 2.5))
            for year in years
        }
        out.append(
            SchoolSeries(
                urn=100000 + i,
                phase="Primary",
                values=figures,
                pupils=dict.fromkeys(years, float(size[i])),
                context={"pupils": float(size[i])},
            )
        )
    return out


def random_cohort(
    rng: np.random.Generator, schools: Sequence[SchoolSeries], *, size: int
) -> list[int]:
    return [int(i) for i in rng.choice(len(schools), size=size, replace=False)]


def low_prior_cohort(
    rng: np.random.Generator,
    schools: Sequence[SchoolSeries],
    *,
    size: int,
    year: int,
    quantile: float = 0.25,
) -> list[int]:
    """Schools picked from the lowest quarter of results in `year`, as Sandwell picked."""
    known = [i for i, s in enumerate(schools) if year in s.values]
    cut = float(np.quantile([schools[i].values[year] for i in known], quantile))
    low = [i for i in known if schools[i].values[year] <= cut]
    return [int(i) for i in rng.choice(low, size=min(size, len(low)), replace=False)]


def plant(
    schools: Sequence[SchoolSeries],
    chosen: Sequence[int],
    *,
    effect: float,
    start_year: int,
    networks: int,
    trend: float = 0.0,
    shocks: Sequence[float] = (),
) -> tuple[list[SchoolSeries], list[SchoolSeries]]:
    """The cohort, in `networks` networks, with `effect` added to each result from
    `start_year` (plus its network's shock, if given: networks differ in what they achieve)
    and `trend` a year added before it, counting back from the start; the pool is every
    other school."""
    picked = set(chosen)
    cohort = []
    for position, index in enumerate(chosen):
        series = schools[index]
        network = position % networks
        after = effect + (shocks[network] if shocks else 0.0)
        figures = {
            year: value + (after if year >= start_year else trend * (year - start_year + 1))
            for year, value in series.values.items()
        }
        cohort.append(replace(series, values=figures, cluster=f"network {network}"))
    pool = [s for i, s in enumerate(schools) if i not in picked]
    return cohort, pool


@dataclass(frozen=True)
class Scenario:
    name: str
    replications: int
    covered: int  # intervals covering the planted effect
    estimates: tuple[float, ...]
    naive_improved: tuple[float, ...]  # members' naive % improved
    comparison_improved: tuple[float, ...]
    suppressed: int
    different_pre_trends: int  # pre-trend tests that found members' trend different
    member_changes: tuple[float, ...]  # members' mean, last year before to first after
    widths: tuple[float, ...]  # of the intervals
    ratings: tuple[int, ...]

    @property
    def coverage(self) -> float:
        done = self.replications - self.suppressed
        return self.covered / done if done else math.nan

    @property
    def mean_estimate(self) -> float:
        return float(np.mean(self.estimates)) if self.estimates else math.nan

    @property
    def mean_naive(self) -> float:
        return float(np.mean(self.naive_improved)) if self.naive_improved else math.nan

    @property
    def mean_comparison_naive(self) -> float:
        return float(np.mean(self.comparison_improved)) if self.comparison_improved else math.nan

    @property
    def mean_member_change(self) -> float:
        return float(np.mean(self.member_changes)) if self.member_changes else math.nan


def run(
    name: str,
    schools: Sequence[SchoolSeries],
    *,
    replications: int,
    seed: int,
    effect: float,
    start_year: int,
    size: int = 30,
    networks: int = 10,
    low_prior: bool = False,
    trend: float = 0.0,
    network_sd: float = 0.0,
    measure_name: str = "ks2_maths_progress",
) -> Scenario:
    """`replications` evaluations of fresh cohorts; the truth is `effect` (on average over
    networks, when `network_sd` makes them differ)."""
    target: Measure = measure(measure_name)
    covered = suppressed = different = 0
    estimates, naive, comparison, changes, widths, ratings = [], [], [], [], [], []
    for replication in range(replications):
        rng = np.random.default_rng([seed, replication])
        if low_prior:
            chosen = low_prior_cohort(rng, schools, size=size, year=start_year - 1)
        else:
            chosen = random_cohort(rng, schools, size=size)
        shocks = tuple(rng.normal(0.0, network_sd, networks)) if network_sd else ()
        cohort, pool = plant(
            schools,
            chosen,
            effect=effect,
            start_year=start_year,
            networks=networks,
            trend=trend,
            shocks=shocks,
        )
        result: ImpactResult = evaluate(cohort, pool, measure=target, start_year=start_year)
        if result.estimate is None or result.ci_low is None or result.ci_high is None:
            suppressed += 1
            continue
        covered += result.ci_low <= effect <= result.ci_high
        different += result.pre_trend == "different"
        estimates.append(result.estimate)
        widths.append(result.ci_high - result.ci_low)
        ratings.append(result.rating if result.rating is not None else -1)
        change = _member_change(result)
        if change is not None:
            changes.append(change)
        if result.naive_cohort.improved_pct is not None:
            naive.append(result.naive_cohort.improved_pct)
        if result.naive_comparison.improved_pct is not None:
            comparison.append(result.naive_comparison.improved_pct)
    return Scenario(
        name,
        replications,
        covered,
        tuple(estimates),
        tuple(naive),
        tuple(comparison),
        suppressed,
        different,
        tuple(changes),
        tuple(widths),
        tuple(ratings),
    )


def _member_change(result: ImpactResult) -> float | None:
    """The naive before-and-after change of members' mean (published year means only)."""
    means = {row.year: row.cohort_mean for row in result.years}
    before, after = means.get(result.pre_years[-1]), means.get(result.post_years[0])
    return None if before is None or after is None else after - before


def _latest(by_year: dict[int, float]) -> float | None:
    return by_year[max(by_year)] if by_year else None
