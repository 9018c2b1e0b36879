import json
from dataclasses import replace

import pytest

from schoolweave.core.impact import ImpactResult, evaluate
from schoolweave.core.impact.evaluation import ONE_NETWORK
from schoolweave.core.performance.measures import measure
from tests.core.impact.factories import PERCENT, PROGRESS, series, world

REQUIRED_KEYS = {
    "measure",
    "start_year",
    "estimate",
    "ci_low",
    "ci_high",
    "effect_size",
    "n_cohort",
    "n_comparison",
    "rating",
    "naive_improved_pct",
    "naive_improved_15pct",
    "comparison_naive_improved_pct",
    "comparison_naive_improved_15pct",
    "warnings",
    "suppressed",
    "deductions",
    "balance",
    "years",
    "pre_years",
    "post_years",
    "attrition",
    "regression_to_mean_risk",
    "summary",
    "method",
}


def _json(result: ImpactResult) -> dict[str, object]:
    document = result.as_json()
    assert set(document) >= REQUIRED_KEYS
    assert isinstance(document["warnings"], list)
    # Strict JSON: no NaN or infinity anywhere.
    return json.loads(json.dumps(document, allow_nan=False))  # type: ignore[no-any-return]


def test_it_estimates_a_planted_effect_with_an_interval_and_a_rating() -> None:
    members, pool = world(11, effect=3.0)
    messages: list[str] = []
    result = evaluate(members, pool, measure=PROGRESS, start_year=2019, progress=messages.append)
    assert result.suppressed is None
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < 3.0 < result.ci_high
    assert result.estimate is not None and result.estimate > 0
    assert result.effect_size == pytest.approx(result.estimate / 5.5)
    assert "pupil-level" in result.effect_size_basis
    assert result.n_cohort == 30 and result.cohort_clusters == 10
    assert result.n_comparison >= 30
    assert result.rating == 5 - sum(d.padlocks for d in result.deductions)
    assert result.pre_trend == "untestable"
    assert result.pre_years == (2018,) and result.post_years == (2019,)
    assert len(result.matched_pairs) == 3 * 30
    assert [row.name for row in result.balance] == ["pre_level", "fsm", "pupils"]
    assert all(row.cohort_mean is not None for row in result.years)
    assert "95% confidence interval" in result.summary
    assert "padlocks" in result.summary
    assert len(messages) >= 5
    document = _json(result)
    assert document["estimate"] == result.estimate
    assert document["suppressed"] is None


def test_several_years_before_allow_the_pre_trend_test() -> None:
    members, pool = world(12, years=(2016, 2017, 2018, 2019, 2020), start_year=2019)
    result = evaluate(members, pool, measure=PROGRESS, start_year=2019)
    assert result.pre_years == (2016, 2017, 2018)
    assert result.pre_trend in ("no evidence of different trends", "different")
    assert result.pre_trend_p_value is not None
    assert "pre_trend" in [row.name for row in result.balance]
    assert not any("cannot be tested" in w for w in result.warnings)


def test_a_cohort_picked_for_low_results_raises_the_regression_to_the_mean_flag() -> None:
    members, pool = world(13, members=60, pool=400)
    low = sorted(members + pool, key=lambda s: s.values[2018])[:30]
    low = [replace(s, cluster=f"n{i % 10}") for i, s in enumerate(low)]
    rest = [s for s in members + pool if s.urn not in {m.urn for m in low}]
    result = evaluate(low, rest, measure=PROGRESS, start_year=2019)
    assert result.regression_to_mean_risk
    assert any("regression to the mean" in w for w in result.warnings)
    assert any("temporary dip" in d.reason for d in result.deductions)


def test_lost_members_are_listed_as_attrition() -> None:
    members, pool = world(14)
    members[0] = replace(members[0], values={2018: 1.0}, left_because="closed")
    result = evaluate(members, pool, measure=PROGRESS, start_year=2019)
    assert result.attrition == ((members[0].urn, "closed"),)
    assert result.n_cohort == 29 and result.n_cohort_listed == 30


@pytest.mark.parametrize("size", [0, 1, 2])
def test_fewer_than_three_members_get_no_number(size: int) -> None:
    members, pool = world(15, members=max(size, 1))
    result = evaluate(members[:size], pool, measure=PROGRESS, start_year=2019)
    assert result.suppressed is not None and "at least 3" in result.suppressed
    assert (result.estimate, result.ci_low, result.ci_high, result.effect_size) == (None,) * 4
    assert result.rating is None and result.years == () and result.balance == ()
    document = _json(result)
    assert document["estimate"] is None and document["suppressed"] == result.suppressed


def test_members_all_in_one_network_get_no_number() -> None:
    members, pool = world(16, networks=1)
    result = evaluate(members, pool, measure=PROGRESS, start_year=2019)
    assert result.suppressed == ONE_NETWORK
    assert (result.estimate, result.ci_low, result.ci_high, result.rating) == (None,) * 4
    # The naive figures of members and comparison still show, side by side.
    assert result.naive_cohort.improved_pct is not None
    assert result.naive_comparison.improved_pct is not None
    assert result.n_comparison >= 3 and result.years
    assert "of member schools improved" in result.summary


def test_no_comparison_schools_means_no_number() -> None:
    members, _ = world(17)
    result = evaluate(members, [], measure=PROGRESS, start_year=2019)
    assert result.suppressed is not None and "comparison" in result.suppressed


def test_a_grade_is_not_averaged() -> None:
    members, pool = world(18)
    result = evaluate(members, pool, measure=measure("ofsted_rating"), start_year=2019)
    assert result.suppressed is not None and "grade" in result.suppressed


def test_a_percentage_gets_the_15pct_figure_and_a_school_level_effect_size() -> None:
    members, pool = world(19)
    shift = [replace(s, values={y: v + 60 for y, v in s.values.items()}) for s in members]
    pool = [replace(s, values={y: v + 60 for y, v in s.values.items()}) for s in pool]
    result = evaluate(shift, pool, measure=PERCENT, start_year=2019)
    assert result.naive_cohort.improved_15pct is not None
    assert result.naive_comparison.improved_15pct is not None
    assert "school-level" in result.effect_size_basis
    assert result.unit == "percentage points"


def test_other_phases_in_the_pool_are_not_used() -> None:
    members, pool = world(20)
    secondary = [series(900000 + i, {2018: 0.0, 2019: 0.0}, phase="Secondary") for i in range(50)]
    result = evaluate(members, pool + secondary, measure=PROGRESS, start_year=2019)
    assert all(urn < 900000 for _, urn in result.matched_pairs)


def test_a_school_listed_in_two_networks_is_said() -> None:
    members, pool = world(21)
    result = evaluate(
        [*members, replace(members[0], cluster="another")], pool, measure=PROGRESS, start_year=2019
    )
    assert result.n_cohort == 30
    assert any("1 member school is listed in more than one network" in w for w in result.warnings)
