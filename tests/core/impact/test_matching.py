import numpy as np
import pytest

from schoolweave.core.impact.matching import covariates, match, pre_trend, standardise
from schoolweave.core.impact.panel import Periods
from tests.core.impact.factories import series

TWO_YEARS = Periods((2018,), (2019,))
FOUR_YEARS = Periods((2016, 2017, 2018), (2019,))


def test_each_member_gets_its_k_nearest_with_replacement() -> None:
    members = [series(1, {2018: 0.0, 2019: 0}), series(2, {2018: 0.1, 2019: 0})]
    pool = [series(10 + i, {2018: float(i), 2019: 0}) for i in range(6)]
    found, _ = covariates(members, pool, periods=TWO_YEARS, label="Maths")
    m, p, _ = standardise(found[:1])
    matched = match(members, pool, member_matrix=m, pool_matrix=p, k=2)
    assert sorted(matched.pairs) == [(1, 10), (1, 11), (2, 10), (2, 11)]
    # Both members share the same two schools: each stands for one member in all.
    assert matched.weights == {10: 1.0, 11: 1.0}


def test_matching_stays_within_phase() -> None:
    members = [series(1, {2018: 0.0, 2019: 0}, phase="Secondary")]
    pool = [
        series(10, {2018: 0.0, 2019: 0}, phase="Primary"),
        series(11, {2018: 5.0, 2019: 0}, phase="Secondary"),
    ]
    found, _ = covariates(members, pool, periods=TWO_YEARS, label="P8")
    m, p, _ = standardise(found)
    matched = match(members, pool, member_matrix=m, pool_matrix=p, k=1)
    assert matched.pairs == ((1, 11),)


def test_a_member_with_no_school_of_its_phase_is_unmatched() -> None:
    members = [series(1, {2018: 0.0, 2019: 0}, phase="Secondary")]
    pool = [series(10, {2018: 0.0, 2019: 0}), series(11, {2018: 1.0, 2019: 0})]
    found, _ = covariates(members, pool, periods=TWO_YEARS, label="P8")
    m, p, _ = standardise(found)
    assert match(members, pool, member_matrix=m, pool_matrix=p).unmatched == (1,)


def test_with_one_year_before_the_trend_is_not_matched_and_it_says_so() -> None:
    members = [series(1, {2018: 0.0, 2019: 0})]
    pool = [series(10, {2018: 0.0, 2019: 0})]
    found, notes = covariates(members, pool, periods=TWO_YEARS, label="Maths")
    assert "pre_trend" not in [c.name for c in found]
    assert any("cannot be tested" in note for note in notes)


def test_with_several_years_before_the_trend_is_shown_but_not_matched_on() -> None:
    rising = series(1, {2016: 0.0, 2017: 1.0, 2018: 2.0, 2019: 3})
    flat = [series(2 + i, {2016: 2.0, 2017: 2.0, 2018: 2.0 + i, 2019: 3}) for i in range(3)]
    found, notes = covariates([rising], flat, periods=FOUR_YEARS, label="Maths")
    assert [(c.name, c.matched_on) for c in found][:2] == [
        ("pre_level", True),
        ("pre_trend", False),
    ]
    assert pre_trend(rising, FOUR_YEARS) == pytest.approx(1.0)
    assert not any("cannot be tested" in note for note in notes)
    member_matrix, _, _ = standardise(found)
    assert member_matrix.shape[1] == 1  # the level; not the trend (pupils do not vary)


def test_context_known_for_too_few_schools_is_not_used_and_said() -> None:
    members = [series(i, {2018: 0.0, 2019: 0}, context={"fsm": None}) for i in range(3)]
    pool = [series(10 + i, {2018: 0.0, 2019: 0}, context={"fsm": 20.0}) for i in range(3)]
    found, notes = covariates(members, pool, periods=TWO_YEARS, label="Maths")
    assert [c.name for c in found] == ["pre_level"]
    assert any("free school meals" in note and "too few" in note for note in notes)


def test_a_missing_context_value_is_imputed_by_the_pool_mean_and_counted() -> None:
    members = [
        series(1, {2018: 0.0, 2019: 0}, context={"fsm": 10.0}),
        series(2, {2018: 0.0, 2019: 0}, context={"fsm": None}),
        series(3, {2018: 0.0, 2019: 0}, context={"fsm": 30.0}),
    ]
    pool = [series(10 + i, {2018: float(i), 2019: 0}, context={"fsm": 10.0 * i}) for i in range(5)]
    found, _ = covariates(members, pool, periods=TWO_YEARS, label="Maths")
    m, _, notes = standardise(found)
    assert m[1, 1] == 0.0  # the pool mean, standardised
    assert any("not known for 1 school;" in note for note in notes)


def test_covariates_are_on_the_pools_scale() -> None:
    pool = [series(10 + i, {2018: float(i), 2019: 0}) for i in range(5)]
    found, _ = covariates(pool[:1], pool, periods=TWO_YEARS, label="Maths")
    _, p, _ = standardise(found[:1])
    assert np.isclose(p[:, 0].mean(), 0.0)
    assert np.isclose(p[:, 0].std(ddof=1), 1.0)
