"""Plain-data builders for impact tests: school series and small synthetic worlds."""

from collections.abc import Mapping, Sequence

import numpy as np

from schoolweave.core.impact import SchoolSeries
from schoolweave.core.performance.measures import Measure, measure

PROGRESS: Measure = measure("ks2_maths_progress")
PERCENT: Measure = measure("ks2_rwm_expected_pct")


def series(
    urn: int,
    values: Mapping[int, float],
    *,
    cluster: str = "",
    phase: str = "Primary",
    pupils: float | None = 30.0,
    context: Mapping[str, float | None] | None = None,
    withheld: Mapping[int, str] | None = None,
    left_because: str = "",
) -> SchoolSeries:
    return SchoolSeries(
        urn=urn,
        phase=phase,
        values=dict(values),
        pupils={} if pupils is None else dict.fromkeys(values, pupils),
        withheld=dict(withheld or {}),
        context=dict(context if context is not None else {"pupils": pupils}),
        cluster=cluster,
        left_because=left_because,
    )


def world(
    seed: int,
    *,
    members: int = 30,
    networks: int = 10,
    pool: int = 300,
    years: Sequence[int] = (2018, 2019),
    start_year: int = 2019,
    effect: float = 0.0,
    pre_trend: float = 0.0,
) -> tuple[list[SchoolSeries], list[SchoolSeries]]:
    """Members and a pool drawn alike: a lasting school level plus yearly noise; members get
    `effect` from `start_year` and `pre_trend` a year before it."""
    rng = np.random.default_rng(seed)
    schools = []
    for i in range(members + pool):
        level = rng.normal(0, 2)
        size = float(rng.integers(10, 80))
        member = i < members
        figures = {}
        for year in years:
            value = level + rng.normal(0, 2.5) + 0.2 * (year - years[0])
            if member:
                value += effect if year >= start_year else pre_trend * (year - start_year + 1)
            figures[year] = float(value)
        schools.append(
            series(
                100000 + i,
                figures,
                cluster=f"network {i % networks}" if member else "",
                pupils=size,
                context={"pupils": size, "fsm": float(rng.uniform(5, 50))},
            )
        )
    return schools[:members], schools[members:]
