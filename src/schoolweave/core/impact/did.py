"""The estimate: difference-in-differences on a long panel of member and matched comparison
schools, `value ~ treated + C(year) + treated:post` (with two years, C(year) is `post`),
fitted by statsmodels' weighted least squares. A comparison school matched to several members
enters once, weighted by how many members it stands for; standard errors are clustered by
network (a comparison school is its own cluster, so its repeated uses share one).

statsmodels fits the model; the clustered variance is the bias-reduced CR2, with Bell and
McCaffrey's degrees of freedom for Student's t, as Imbens and Kolesar (2016) recommend. With
few networks, statsmodels' CR1 and its G - 1 degrees of freedom give intervals far too narrow,
because the members' side of the difference rests on so few clusters (G counts every
comparison school): with 3 networks that differ, bench/impact_coverage.py measured 87% coverage
for a nominal 95% with CR1 even on Bell and McCaffrey's degrees of freedom, and 92% with CR2.
statsmodels has neither CR2 nor these degrees of freedom (R's clubSandwich has both), so they
are computed here from statsmodels' own fitted design and residuals, in about 40 lines.
"""

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm  # type: ignore[import-untyped,unused-ignore]
from scipy import stats  # type: ignore[import-untyped,unused-ignore]

from schoolweave.core.impact.panel import Periods, cluster_of, values
from schoolweave.core.impact.result import SchoolSeries

LEVEL = 0.95


@dataclass(frozen=True)
class Panel:
    value: np.ndarray
    year: np.ndarray
    treated: np.ndarray  # 1.0 for members
    weight: np.ndarray
    cluster: np.ndarray  # int codes


@dataclass(frozen=True)
class Fit:
    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    df: float


def build_panel(
    members: Sequence[SchoolSeries],
    pool: Sequence[SchoolSeries],
    *,
    weights: Mapping[int, float],
    periods: Periods,
) -> Panel:
    """One row per school and year with a figure."""
    years = set(periods.years)
    rows: list[tuple[float, int, float, float, str]] = []
    comparison = [s for s in pool if weights.get(s.urn, 0.0) > 0]
    for series, treated, weight, cluster in [
        *((s, 1.0, 1.0, cluster_of(s)) for s in members),
        *((s, 0.0, weights[s.urn], f"comparison:{s.urn}") for s in comparison),
    ]:
        for year, value in sorted(values(series).items()):
            if year in years:
                rows.append((value, year, treated, weight, cluster))
    names = sorted({r[4] for r in rows})
    code = {name: index for index, name in enumerate(names)}
    return Panel(
        value=np.array([r[0] for r in rows]),
        year=np.array([r[1] for r in rows]),
        treated=np.array([r[2] for r in rows]),
        weight=np.array([r[3] for r in rows]),
        cluster=np.array([code[r[4]] for r in rows]),
    )


def difference_in_differences(panel: Panel, *, start_year: int) -> Fit | None:
    post = (panel.year >= start_year).astype(float)
    columns = [np.ones(panel.value.size), panel.treated, *_year_dummies(panel.year)]
    columns.append(panel.treated * post)
    return _fit(panel, np.column_stack(columns), len(columns) - 1)


def pre_trend_test(panel: Panel, *, start_year: int) -> Fit | None:
    """Members' extra yearly trend before joining, against the comparison's: needs two or
    more years before joining. None when the pre-period panel cannot support the test."""
    before = panel.year < start_year
    if len(set(panel.year[before].tolist())) < 2:
        return None
    part = Panel(
        panel.value[before],
        panel.year[before],
        panel.treated[before],
        panel.weight[before],
        panel.cluster[before],
    )
    last = float(part.year.max())
    columns = [
        np.ones(part.value.size),
        part.treated,
        *_year_dummies(part.year),
        part.treated * (part.year - last),
    ]
    return _fit(part, np.column_stack(columns), len(columns) - 1)


def _year_dummies(year: np.ndarray) -> list[np.ndarray]:
    return [(year == y).astype(float) for y in sorted(set(year.tolist()))[1:]]


def _fit(panel: Panel, design: np.ndarray, index: int) -> Fit | None:
    rows, columns = design.shape
    if rows <= columns or np.linalg.matrix_rank(design) < columns:
        return None
    model = sm.WLS(panel.value, design, weights=panel.weight)
    # A degenerate fit (say, every value equal) makes statsmodels warn; its figures are then
    # not finite, and are refused below rather than published.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        result = model.fit()
        estimate = float(result.params[index])
        variance, df = _cr2(np.asarray(result.model.wexog), np.asarray(result.wresid), panel, index)
    se = math.sqrt(variance) if variance > 0 else 0.0
    # A standard error within rounding error of zero means a perfect fit: nothing to go on.
    scale = float(np.abs(panel.value).max()) if panel.value.size else 0.0
    if not (math.isfinite(estimate) and math.isfinite(se) and se > 1e-9 * max(1.0, scale)):
        return None
    t = float(stats.t.ppf(0.5 + LEVEL / 2, df))
    p = float(2 * stats.t.sf(abs(estimate) / se, df))
    return Fit(estimate, se, estimate - t * se, estimate + t * se, p, df)


def _cr2(x: np.ndarray, e: np.ndarray, panel: Panel, index: int) -> tuple[float, float]:
    """The bias-reduced clustered variance (CR2) of one coefficient and Bell and McCaffrey's
    degrees of freedom for it, as Imbens and Kolesar (2016) give them, on the whitened
    design `x` and residuals `e` of the weighted fit.

    CR2 scales each cluster's residuals by (I - H_gg)^(-1/2), undoing the shrinkage that makes
    the usual CR1 too small when few clusters are treated (residuals of 3 networks must
    balance each other). The df: were the errors independent and alike, the variance would be
    a weighted sum of chi-squares, one weight per eigenvalue of G'G below, and Satterthwaite's
    df of that sum depend on the design alone, so a cohort in few networks gets few df."""
    bread = np.linalg.pinv(x.T @ x)
    b = bread[:, index]
    codes = np.unique(panel.cluster)
    variance = 0.0
    spread = np.zeros((x.shape[0], codes.size))  # A_g X_g b, placed on cluster g's rows
    for column, code in enumerate(codes):
        rows = panel.cluster == code
        xg = x[rows]
        adjust = _inverse_sqrt(np.eye(xg.shape[0]) - xg @ bread @ xg.T)
        variance += float((adjust @ xg @ b) @ e[rows]) ** 2
        spread[rows, column] = adjust @ (xg @ b)
    # Column g of G is (I - H) applied to that: H = X (X'X)^-1 X'.
    g = spread - x @ (bread @ (x.T @ spread))
    # The sum of the eigenvalues of G'G is its trace; of their squares, its squared
    # Frobenius norm: no eigen-decomposition is needed.
    gram = g.T @ g
    squares = float((gram**2).sum())
    most = float(max(codes.size - 1, 1))
    df = float(np.trace(gram)) ** 2 / squares if squares > 0 else most
    return variance, min(max(df, 1.0), most)


def _inverse_sqrt(matrix: np.ndarray) -> np.ndarray:
    """The symmetric inverse square root; directions with no residual left are dropped (a
    pseudo-inverse, as clubSandwich does)."""
    values, vectors = np.linalg.eigh(matrix)
    keep = values > 1e-10
    inverse = np.zeros_like(values)
    inverse[keep] = 1.0 / np.sqrt(values[keep])
    return np.asarray((vectors * inverse) @ vectors.T)
