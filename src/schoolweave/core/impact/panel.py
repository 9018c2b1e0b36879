"""Who takes part: member schools with figures before and after joining, the years on each
side of the start, and the eligible schools a comparison may be drawn from."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from schoolweave.core.impact.result import SchoolSeries

NO_AFTER = "no published figure after joining"
NO_BEFORE = "no published figure before joining"


@dataclass(frozen=True)
class Periods:
    pre_years: tuple[int, ...]
    post_years: tuple[int, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return self.pre_years + self.post_years


@dataclass(frozen=True)
class Cohort:
    members: tuple[SchoolSeries, ...]  # figures before and after joining
    attrition: tuple[tuple[int, str], ...]  # (urn, why it cannot be followed)
    listed: int  # distinct schools given
    in_several: int = 0  # schools listed in more than one network (cluster)


def values(series: SchoolSeries) -> dict[int, float]:
    """The school's usable figures: finite numbers only (a missing year is absent)."""
    return {
        year: float(value)
        for year, value in series.values.items()
        if value is not None and math.isfinite(value)
    }


def split_cohort(cohort: Sequence[SchoolSeries], *, start_year: int) -> Cohort:
    """Members that can be followed, and those lost: attrition is a member with no figure
    after joining (closed, converted, or not published); a member with no figure before
    joining cannot be compared either."""
    unique: dict[int, SchoolSeries] = {}
    clusters: dict[int, set[str]] = {}
    for series in cohort:
        unique.setdefault(series.urn, series)  # the first listing decides the cluster
        clusters.setdefault(series.urn, set()).add(series.cluster)
    members: list[SchoolSeries] = []
    lost: list[tuple[int, str]] = []
    for urn in sorted(unique):
        series = unique[urn]
        years = values(series)
        if not any(year >= start_year for year in years):
            lost.append((urn, series.left_because or NO_AFTER))
        elif not any(year < start_year for year in years):
            lost.append((urn, NO_BEFORE))
        else:
            members.append(series)
    several = sum(1 for found in clusters.values() if len(found) > 1)
    return Cohort(tuple(members), tuple(lost), len(unique), several)


def periods(members: Sequence[SchoolSeries], *, start_year: int) -> Periods:
    years = sorted({year for series in members for year in values(series)})
    return Periods(
        tuple(y for y in years if y < start_year), tuple(y for y in years if y >= start_year)
    )


def eligible_pool(
    pool: Sequence[SchoolSeries],
    *,
    members: Sequence[SchoolSeries],
    excluded: set[int],
    periods: Periods,
) -> tuple[SchoolSeries, ...]:
    """Pool schools of the members' phases, not listed in the cohort, with a figure in the
    years before and in the years after."""
    phases = {series.phase for series in members}
    pre, post = set(periods.pre_years), set(periods.post_years)
    chosen: dict[int, SchoolSeries] = {}
    for series in pool:
        if series.phase not in phases or series.urn in excluded or series.urn in chosen:
            continue
        years = set(values(series))
        if years & pre and years & post:
            chosen[series.urn] = series
    return tuple(chosen[urn] for urn in sorted(chosen))


def last_before(series: SchoolSeries, periods: Periods) -> float | None:
    """The school's latest figure before joining."""
    known = values(series)
    for year in reversed(periods.pre_years):
        if year in known:
            return known[year]
    return None


def first_after(series: SchoolSeries, periods: Periods) -> float | None:
    known = values(series)
    for year in periods.post_years:
        if year in known:
            return known[year]
    return None


def cluster_of(series: SchoolSeries) -> str:
    """A member's cluster: its network, or the school itself when none is given."""
    return series.cluster or f"school:{series.urn}"
