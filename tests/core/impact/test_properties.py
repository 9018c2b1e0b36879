"""Properties of the whole evaluation on small generated cohorts and pools."""

import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolweave.core.impact import SchoolSeries, evaluate
from schoolweave.core.impact.balance import pooled_sd, smd
from tests.core.impact.factories import PROGRESS, series

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
figure = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 1))


@st.composite
def cohorts(
    draw: st.DrawFn, *, min_members: int = 0
) -> tuple[list[SchoolSeries], list[SchoolSeries], int]:
    first = 2016
    count = draw(st.integers(2, 4))
    years = list(range(first, first + count))
    start = draw(st.sampled_from(years[1:]))
    networks = draw(st.integers(1, 4))

    def school(urn: int, member: bool) -> SchoolSeries:
        kept = draw(st.lists(st.sampled_from(years), min_size=1, unique=True))
        return series(
            urn,
            {year: draw(figure) for year in sorted(kept)},
            cluster=f"n{urn % networks}" if member else "",
            pupils=float(draw(st.integers(1, 60))),
            context={"fsm": draw(st.none() | st.floats(0, 60))},
        )

    members = [school(i, True) for i in range(draw(st.integers(min_members, 8)))]
    pool = [school(1000 + i, False) for i in range(draw(st.integers(0, 25)))]
    return members, pool, start


def _shift(schools: list[SchoolSeries], by_year: dict[int, float]) -> list[SchoolSeries]:
    return [
        replace(s, values={y: v + by_year.get(y, 0.0) for y, v in s.values.items()})
        for s in schools
    ]


@SETTINGS
@given(cohorts(), st.floats(-50, 50), st.floats(-5, 5))
def test_common_shifts_change_nothing(
    case: tuple[list[SchoolSeries], list[SchoolSeries], int], constant: float, shock: float
) -> None:
    """Adding a constant to every figure, and a shock to one year for every school, leaves the
    estimate and its interval where they were: both are differenced away."""
    members, pool, start = case
    base = evaluate(members, pool, measure=PROGRESS, start_year=start)
    shifts = dict.fromkeys(range(2010, 2030), constant)
    shifts[start] = constant + shock
    moved = evaluate(
        _shift(members, shifts), _shift(pool, shifts), measure=PROGRESS, start_year=start
    )
    assert (base.suppressed is None) == (moved.suppressed is None)
    if base.estimate is not None and moved.estimate is not None:
        assert moved.estimate == pytest.approx(base.estimate, abs=1e-6)
        assert moved.std_error == pytest.approx(base.std_error, rel=1e-4, abs=1e-6)
        assert moved.matched_pairs == base.matched_pairs


@SETTINGS
@given(cohorts(min_members=3), st.floats(-5, 5))
def test_a_planted_effect_moves_the_estimate_by_exactly_that(
    case: tuple[list[SchoolSeries], list[SchoolSeries], int], effect: float
) -> None:
    members, pool, start = case
    base = evaluate(members, pool, measure=PROGRESS, start_year=start)
    planted = [
        replace(s, values={y: v + (effect if y >= start else 0.0) for y, v in s.values.items()})
        for s in members
    ]
    moved = evaluate(planted, pool, measure=PROGRESS, start_year=start)
    if base.estimate is not None and moved.estimate is not None:
        assert moved.estimate == pytest.approx(base.estimate + effect, abs=1e-6)


@SETTINGS
@given(cohorts())
def test_results_are_honest_whatever_the_input(
    case: tuple[list[SchoolSeries], list[SchoolSeries], int],
) -> None:
    members, pool, start = case
    result = evaluate(members, pool, measure=PROGRESS, start_year=start)
    document = json.loads(json.dumps(result.as_json(), allow_nan=False))
    followed = [
        s for s in members if any(y < start for y in s.values) and any(y >= start for y in s.values)
    ]
    if len(followed) < 3:
        assert result.suppressed is not None
    if result.suppressed is not None:
        assert document["estimate"] is None and document["ci_low"] is None
        assert result.rating is None
        # Figures beside a withheld estimate (one network alone) rest on 3 or more schools.
        assert result.years == () or result.n_cohort >= 3
        return
    assert result.rating is not None and 0 <= result.rating <= 5
    assert result.rating == 5 - sum(d.padlocks for d in result.deductions)
    assert all(d.reason for d in result.deductions)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low <= result.estimate <= result.ci_high  # type: ignore[operator]
    assert result.n_cohort >= 3 and result.n_comparison >= 3
    for naive in (result.naive_cohort, result.naive_comparison):
        if naive.schools < 3:
            assert naive.improved_pct is None
    for row in result.years:
        if row.cohort_mean is not None:
            assert row.cohort_schools >= 3
        if row.comparison_mean is not None:
            assert row.comparison_schools >= 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30))
def test_smd_of_identical_groups_is_zero(values: list[float]) -> None:
    group = np.array(values)
    assert smd(group, group.copy(), sd=pooled_sd(group, group)) == 0.0
