"""The matched comparison: for each member school, the k most similar schools not in networks,
chosen with replacement (a close school may stand in for several members) by nearest-neighbour
search (scipy's cKDTree) on standardised covariates, within the member's phase.

Covariates matched on: the measure's level in the last year before joining, and the context
features (`context`) that at least half of the members and half of the pool have. A school
missing a context feature gets the pool's mean for it, and the warnings say how many did.

The yearly trend before joining (when there are two or more years before) is shown in the
balance table but deliberately not matched on. Matching on it would make members and
comparison parallel before joining by construction, so the pre-trend test, the one check of
the assumption the estimate rests on, would always pass; and a comparison picked for a steep
trend that was partly chance then falls back (regression to the mean, Daw and Hatfield 2018),
biasing the estimate towards the members. The simulation (simulation.py) shows both: matched
on trend, a cohort already rising before joining passed the test every time, with a biased
estimate; unmatched, the test catches it.

No caliper: dropping members that have no close match would change whom the answer is about.
Instead the balance table shows how close the matches are and the rating deducts for poor ones.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy.spatial import cKDTree  # type: ignore[import-untyped,unused-ignore]

from schoolweave.core.impact.panel import Periods, last_before, values
from schoolweave.core.impact.result import SchoolSeries
from schoolweave.core.impact.wording import year_label

MATCHES = 3  # comparison schools per member: more than one steadies the comparison
MIN_COVERAGE = 0.5  # a context feature known for fewer members or pool schools is not used

CONTEXT_LABELS: Mapping[str, str] = {
    "fsm": "Pupils eligible for free school meals (%)",
    "disadvantaged": "Disadvantaged pupils (%)",
    "pupils": "Pupils",
    "cohort": "Pupils at the end of the key stage",
    "prior_attainment": "Pupils' prior attainment",
}


@dataclass(frozen=True)
class Covariate:
    name: str
    label: str
    members: np.ndarray  # one per member, NaN where unknown
    pool: np.ndarray  # one per pool school, NaN where unknown
    matched_on: bool = True  # False: shown in the balance table only


@dataclass(frozen=True)
class Match:
    pairs: tuple[tuple[int, int], ...]  # (member urn, comparison urn)
    weights: Mapping[int, float]  # comparison urn -> members it stands for (1/k each)
    unmatched: tuple[int, ...]  # members with no school of their phase to compare with
    k: int


def covariates(
    members: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    *,
    periods: Periods,
    label: str,
) -> tuple[list[Covariate], list[str]]:
    """The covariates matched on and shown, and warnings about them in words."""
    notes: list[str] = []
    last = periods.pre_years[-1]
    found = [
        Covariate(
            "pre_level",
            f"{label} in {year_label(last)} (before joining)",
            _column(members, lambda s: last_before(s, periods)),
            _column(pool, lambda s: last_before(s, periods)),
        )
    ]
    if len(periods.pre_years) >= 2:
        first = periods.pre_years[0]
        found.append(
            Covariate(
                "pre_trend",
                f"{label}: change a year, {year_label(first)} to {year_label(last)}",
                _column(members, lambda s: pre_trend(s, periods)),
                _column(pool, lambda s: pre_trend(s, periods)),
                matched_on=False,
            )
        )
    else:
        notes.append(
            f"There is only one year of results before joining ({year_label(last)}), so the "
            "comparison schools are matched on that year's level, and whether members and "
            "comparison schools were on the same path before cannot be tested."
        )
    keys = sorted({key for s in (*members, *pool) for key in s.context})
    for key in keys:
        covariate = Covariate(
            key,
            CONTEXT_LABELS.get(key, key.replace("_", " ").capitalize()),
            _column(members, partial(_context, key=key)),
            _column(pool, partial(_context, key=key)),
        )
        if _coverage(covariate.members) < MIN_COVERAGE or _coverage(covariate.pool) < MIN_COVERAGE:
            notes.append(f"{covariate.label} is not matched on: it is known for too few schools.")
            continue
        found.append(covariate)
    return found, notes


def pre_trend(series: SchoolSeries, periods: Periods) -> float | None:
    """The school's yearly change before joining: the least-squares slope of its figures."""
    known = values(series)
    points = [(year, known[year]) for year in periods.pre_years if year in known]
    if len(points) < 2:
        return None
    years = np.array([p[0] for p in points], dtype=float)
    figures = np.array([p[1] for p in points], dtype=float)
    return float(np.polyfit(years - years.mean(), figures, 1)[0])


def standardise(found: Sequence[Covariate]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Member and pool matrices on a common scale (the pool's SD), missing values imputed
    by the pool mean; warnings name what was imputed or left out."""
    notes: list[str] = []
    member_columns, pool_columns = [], []
    for covariate in (c for c in found if c.matched_on):
        pool_known = covariate.pool[~np.isnan(covariate.pool)]
        if pool_known.size < 2 or not float(np.std(pool_known, ddof=1)) > 0:
            notes.append(f"{covariate.label} is not matched on: it does not vary in the pool.")
            continue
        centre, scale = float(pool_known.mean()), float(np.std(pool_known, ddof=1))
        missing = int(np.isnan(covariate.members).sum() + np.isnan(covariate.pool).sum())
        if missing:
            notes.append(
                f"{covariate.label} is not known for {missing} school"
                f"{'' if missing == 1 else 's'}; they were matched as if at the pool's mean."
            )
        member_columns.append((np.nan_to_num(covariate.members, nan=centre) - centre) / scale)
        pool_columns.append((np.nan_to_num(covariate.pool, nan=centre) - centre) / scale)
    if not member_columns:
        # Nothing tells the schools apart: every pool school is as near as any other.
        member_columns = [np.zeros(len(found[0].members))]
        pool_columns = [np.zeros(len(found[0].pool))]
    # Rounded, so that schools tied in fact stay tied whatever the rounding error of
    # standardising (a tie is then broken the same way every time).
    return (
        np.round(np.column_stack(member_columns), 9),
        np.round(np.column_stack(pool_columns), 9),
        notes,
    )


def match(
    members: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    *,
    member_matrix: np.ndarray,
    pool_matrix: np.ndarray,
    k: int = MATCHES,
) -> Match:
    """Each member's k nearest pool schools of its phase, with replacement."""
    pairs: list[tuple[int, int]] = []
    weights: dict[int, float] = {}
    unmatched: list[int] = []
    for phase in sorted({s.phase for s in members}):
        rows = [i for i, s in enumerate(members) if s.phase == phase]
        candidates = [j for j, s in enumerate(pool) if s.phase == phase]
        if not candidates:
            unmatched.extend(members[i].urn for i in rows)
            continue
        take = min(k, len(candidates))
        tree = cKDTree(pool_matrix[candidates])
        _, found = tree.query(member_matrix[rows], k=take)
        found = np.asarray(found).reshape(len(rows), take)
        for i, neighbours in zip(rows, found, strict=True):
            for position in neighbours:
                urn = pool[candidates[int(position)]].urn
                pairs.append((members[i].urn, urn))
                weights[urn] = weights.get(urn, 0.0) + 1.0 / take
    return Match(tuple(pairs), weights, tuple(sorted(unmatched)), k)


def _column(
    schools: Sequence[SchoolSeries], get: Callable[[SchoolSeries], float | None]
) -> np.ndarray:
    out = np.full(len(schools), np.nan)
    for index, series in enumerate(schools):
        value = get(series)
        if value is not None and math.isfinite(value):
            out[index] = float(value)
    return out


def _context(series: SchoolSeries, *, key: str) -> float | None:
    return series.context.get(key)


def _coverage(column: np.ndarray) -> float:
    return float((~np.isnan(column)).mean()) if column.size else 0.0
