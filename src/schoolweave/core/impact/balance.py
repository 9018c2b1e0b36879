"""Balance: how alike members and comparison schools are on each covariate, as standardised
mean differences (SMD): the difference of means over the pooled standard deviation.

The same pooled SD (members' and the whole pool's, before matching) scales both the
before and the after difference, so the two differ only by how far matching moved the
means (Stuart 2010). |SMD| above 0.1 counts as an imbalance, above 0.25 as a serious one.
"""

import math
from collections.abc import Mapping, Sequence

import numpy as np

from schoolweave.core.impact.matching import Covariate
from schoolweave.core.impact.result import BalanceRow, SchoolSeries

IMBALANCE = 0.1
SERIOUS_IMBALANCE = 0.25


def weighted_mean(values: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    known = ~np.isnan(values)
    if not known.any():
        return None
    w = np.ones(values.size) if weights is None else weights
    if not float(w[known].sum()) > 0:
        return None
    return float(np.average(values[known], weights=w[known]))


def weighted_var(values: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """Variance with weights read as how often each school counts (ddof 1 on the count)."""
    known = ~np.isnan(values)
    w = np.ones(values.size) if weights is None else weights
    x, w = values[known], w[known]
    total = float(w.sum())
    if x.size < 2 or not total > 1:
        return None
    mean = float(np.average(x, weights=w))
    return float(np.dot(w, (x - mean) ** 2) / (total - 1))


def pooled_sd(a: np.ndarray, b: np.ndarray) -> float | None:
    var_a, var_b = weighted_var(a), weighted_var(b)
    known = [v for v in (var_a, var_b) if v is not None]
    if not known:
        return None
    return math.sqrt(sum(known) / len(known))


def smd(
    a: np.ndarray, b: np.ndarray, *, sd: float | None, b_weights: np.ndarray | None = None
) -> float | None:
    """(mean of a - mean of b) / sd; 0 when the means agree; None when it cannot be said."""
    mean_a, mean_b = weighted_mean(a), weighted_mean(b, b_weights)
    if mean_a is None or mean_b is None:
        return None
    difference = mean_a - mean_b
    if math.isclose(difference, 0.0, abs_tol=1e-12 * max(1.0, abs(mean_a), abs(mean_b))):
        return 0.0
    if sd is None or not sd > 0:
        return None
    return difference / sd


def balance_rows(
    found: Sequence[Covariate],
    *,
    pool: Sequence[SchoolSeries],
    weights: Mapping[int, float],
) -> tuple[BalanceRow, ...]:
    """Members against the whole pool (before) and the matched comparison (after)."""
    matched = np.array([weights.get(s.urn, 0.0) for s in pool])
    rows = []
    for covariate in found:
        sd = pooled_sd(covariate.members, covariate.pool)
        in_comparison = matched > 0
        rows.append(
            BalanceRow(
                name=covariate.name,
                label=covariate.label,
                cohort_mean=weighted_mean(covariate.members),
                comparison_mean=weighted_mean(
                    covariate.pool[in_comparison], matched[in_comparison]
                ),
                pool_mean=weighted_mean(covariate.pool),
                smd_before=smd(covariate.members, covariate.pool, sd=sd),
                smd_after=smd(
                    covariate.members,
                    covariate.pool[in_comparison],
                    sd=sd,
                    b_weights=matched[in_comparison],
                ),
                matched_on=covariate.matched_on,
            )
        )
    return tuple(rows)


def worst_after(rows: Sequence[BalanceRow]) -> BalanceRow | None:
    """The covariate least balanced after matching (an unknown SMD counts as worst)."""
    if not rows:
        return None
    return max(rows, key=lambda r: math.inf if r.smd_after is None else abs(r.smd_after))
