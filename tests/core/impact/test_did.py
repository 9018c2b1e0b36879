import numpy as np
import pytest
import statsmodels.api as sm

from schoolweave.core.impact.did import build_panel, difference_in_differences, pre_trend_test
from schoolweave.core.impact.panel import Periods
from tests.core.impact.factories import series, world

TWO_YEARS = Periods((2018,), (2019,))


def test_with_two_years_the_estimate_is_the_difference_of_mean_changes() -> None:
    members = [
        series(1, {2018: 1.0, 2019: 3.0}, cluster="a"),
        series(2, {2018: 2.0, 2019: 3.0}, cluster="b"),
        series(3, {2018: 0.0, 2019: 3.0}, cluster="b"),
    ]
    pool = [series(10 + i, {2018: float(i), 2019: float(i) + 0.5 * i}) for i in range(4)]
    weights = {10: 1.0, 11: 1.0, 12: 0.5, 13: 0.5}
    panel = build_panel(members, pool, weights=weights, periods=TWO_YEARS)
    fit = difference_in_differences(panel, start_year=2019)
    assert fit is not None
    member_change = np.mean([2.0, 1.0, 3.0])
    comparison_change = np.average([0.0, 0.5, 1.0, 1.5], weights=[1, 1, 0.5, 0.5])
    assert fit.estimate == pytest.approx(member_change - comparison_change)
    assert fit.ci_low < fit.estimate < fit.ci_high


def test_a_school_matched_twice_weighs_as_two_copies() -> None:
    """Weights give the point estimate of duplicated rows (statsmodels' OLS on them)."""
    members, pool = world(1, members=12, networks=4, pool=6)
    weights = {s.urn: float(1 + i % 3) for i, s in enumerate(pool)}
    fit = difference_in_differences(
        build_panel(members, pool, weights=weights, periods=TWO_YEARS), start_year=2019
    )
    rows: list[tuple[float, float, float]] = []
    for s in members:
        rows += [(v, float(y >= 2019), 1.0) for y, v in s.values.items()]
    for s in pool:
        for _ in range(int(weights[s.urn])):
            rows += [(v, float(y >= 2019), 0.0) for y, v in s.values.items()]
    value, post, treated = (np.array([r[k] for r in rows]) for k in range(3))
    design = np.column_stack([np.ones(len(rows)), treated, post, treated * post])
    reference = sm.OLS(value, design).fit()
    assert fit is not None
    assert fit.estimate == pytest.approx(reference.params[3])


def test_with_each_school_its_own_cluster_the_variance_is_welchs() -> None:
    """CR2 is unbiased: for two years and schools as clusters it is exactly the Welch
    variance of the difference of mean changes."""
    members, pool = world(3, members=12, networks=12, pool=20)
    weights = {s.urn: 1.0 for s in pool}
    fit = difference_in_differences(
        build_panel(members, pool, weights=weights, periods=TWO_YEARS), start_year=2019
    )
    member_changes = np.array([s.values[2019] - s.values[2018] for s in members])
    pool_changes = np.array([s.values[2019] - s.values[2018] for s in pool])
    welch = member_changes.var(ddof=1) / 12 + pool_changes.var(ddof=1) / 20
    assert fit is not None
    assert fit.std_error**2 == pytest.approx(welch)


def test_few_networks_give_few_degrees_of_freedom_and_a_wider_interval() -> None:
    wide_members, pool = world(2, members=30, networks=3, pool=90)
    narrow_members = [s.__class__(**{**s.__dict__, "cluster": f"n{s.urn}"}) for s in wide_members]
    weights = {s.urn: 1.0 for s in pool}
    few = difference_in_differences(
        build_panel(wide_members, pool, weights=weights, periods=TWO_YEARS), start_year=2019
    )
    many = difference_in_differences(
        build_panel(narrow_members, pool, weights=weights, periods=TWO_YEARS), start_year=2019
    )
    assert few is not None and many is not None
    assert few.df < 6
    assert many.df > 20


def test_an_estimate_that_cannot_be_made_is_none() -> None:
    members = [series(1, {2018: 1.0, 2019: 1.0}, cluster="a")]
    pool = [series(10, {2018: 1.0, 2019: 1.0})]
    panel = build_panel(members, pool, weights={10: 1.0}, periods=TWO_YEARS)
    assert difference_in_differences(panel, start_year=2019) is None


def test_the_pre_trend_test_needs_two_years_before() -> None:
    members, pool = world(3)
    panel = build_panel(members, pool, weights={s.urn: 1.0 for s in pool}, periods=TWO_YEARS)
    assert pre_trend_test(panel, start_year=2019) is None


def test_the_pre_trend_test_finds_a_steep_difference_in_trends() -> None:
    years = (2015, 2016, 2017, 2018, 2019)
    spans = Periods(years[:4], years[4:])
    members, pool = world(4, years=years, pre_trend=2.0, networks=15, members=45)
    weights = {s.urn: 1.0 for s in pool}
    fit = pre_trend_test(
        build_panel(members, pool, weights=weights, periods=spans), start_year=2019
    )
    assert fit is not None
    assert fit.estimate == pytest.approx(2.0, abs=0.6)
    assert fit.p_value < 0.05
