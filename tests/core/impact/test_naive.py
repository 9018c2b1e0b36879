from dataclasses import replace

from schoolweave.core.impact.naive import naive_figures, no_15pct_reason
from schoolweave.core.impact.panel import Periods
from tests.core.impact.factories import PERCENT, PROGRESS, series

SPANS = Periods((2017, 2018), (2019, 2020))


def test_it_counts_schools_that_improved_from_last_before_to_first_after() -> None:
    schools = [
        series(1, {2017: 90.0, 2018: 50.0, 2019: 60.0, 2020: 10.0}),  # +20%: improved by 15%
        series(2, {2018: 50.0, 2019: 55.0}),  # +10%
        series(3, {2018: 50.0, 2019: 40.0}),
        series(4, {2018: 50.0, 2019: 50.0}),  # no change is no improvement
    ]
    figures = naive_figures(schools, measure=PERCENT, periods=SPANS)
    assert figures.schools == 4
    assert figures.improved_pct == 50.0
    assert figures.improved_15pct == 25.0


def test_lower_is_better_turns_improvement_round() -> None:
    falling_is_good = replace(PERCENT, higher_is_better=False)
    schools = [series(i, {2018: 50.0, 2019: 40.0}) for i in range(3)]
    figures = naive_figures(schools, measure=falling_is_good, periods=SPANS)
    assert figures.improved_pct == 100.0
    assert figures.improved_15pct == 100.0


def test_a_15pct_rise_is_not_given_for_a_score_centred_on_zero() -> None:
    schools = [series(i, {2018: -0.2, 2019: 1.0}) for i in range(3)]
    figures = naive_figures(schools, measure=PROGRESS, periods=SPANS)
    assert figures.improved_pct == 100.0
    assert figures.improved_15pct is None
    reason = no_15pct_reason(PROGRESS)
    assert reason is not None and "no true zero" in reason
    assert no_15pct_reason(PERCENT) is None


def test_comparison_schools_count_as_often_as_matched() -> None:
    schools = [
        series(1, {2018: 0.0, 2019: 1.0}),
        series(2, {2018: 0.0, 2019: -1.0}),
        series(3, {2018: 0.0, 2019: -1.0}),
    ]
    figures = naive_figures(
        schools, measure=PROGRESS, periods=SPANS, weights={1: 2.0, 2: 1.0, 3: 1.0}
    )
    assert figures.improved_pct == 50.0


def test_shares_of_fewer_than_three_schools_are_not_published() -> None:
    schools = [series(i, {2018: 0.0, 2019: 1.0}) for i in range(2)]
    figures = naive_figures(schools, measure=PERCENT, periods=SPANS)
    assert (figures.schools, figures.improved_pct, figures.improved_15pct) == (2, None, None)
