import pytest

from schoolweave.core.impact.rating import PreTrend, rate
from schoolweave.core.impact.result import BalanceRow

BALANCED = [BalanceRow("pre_level", "Level", 0, 0, 0, -0.5, 0.02)]


def _rate(**changes: object) -> tuple[int, list[str]]:
    given: dict[str, object] = {
        "n_cohort": 60,
        "clusters": 12,
        "attrition_rate": 0.0,
        "balance": BALANCED,
        "pre_trend": PreTrend.PARALLEL,
        "regression_to_mean_risk": False,
    }
    given.update(changes)
    padlocks, deductions = rate(**given)  # type: ignore[arg-type]
    assert padlocks == 5 - sum(d.padlocks for d in deductions)
    return padlocks, [d.reason for d in deductions]


def test_a_well_matched_comparison_with_parallel_trends_earns_four() -> None:
    padlocks, reasons = _rate()
    assert padlocks == 4
    assert "5 needs a randomised trial" in reasons[0]


def test_one_year_before_joining_caps_the_rating_at_three() -> None:
    padlocks, reasons = _rate(pre_trend=PreTrend.UNTESTABLE)
    assert padlocks == 3
    assert any("only one year" in r.lower() for r in reasons)


def test_different_pre_trends_cost_two() -> None:
    assert _rate(pre_trend=PreTrend.DIFFERENT)[0] == 2


@pytest.mark.parametrize(
    ("n_cohort", "clusters", "expected"), [(60, 12, 4), (20, 12, 3), (8, 8, 2), (20, 3, 2)]
)
def test_small_samples_and_few_networks_cost_padlocks(
    n_cohort: int, clusters: int, expected: int
) -> None:
    assert _rate(n_cohort=n_cohort, clusters=clusters)[0] == expected


@pytest.mark.parametrize(
    ("rate_lost", "expected"), [(0.05, 4), (0.10, 4), (0.15, 3), (0.25, 2), (0.45, 0)]
)
def test_attrition_costs_a_padlock_per_ten_points_above_ten_percent(
    rate_lost: float, expected: int
) -> None:
    assert _rate(attrition_rate=rate_lost)[0] == expected


@pytest.mark.parametrize(("smd", "expected"), [(0.05, 4), (-0.15, 3), (0.4, 2)])
def test_imbalance_after_matching_costs_padlocks(smd: float, expected: int) -> None:
    rows = [BalanceRow("fsm", "FSM (%)", 0, 0, 0, 0.5, smd)]
    padlocks, reasons = _rate(balance=rows)
    assert padlocks == expected
    if expected < 4:
        assert any("differ on FSM (%)" in r for r in reasons)


def test_regression_to_the_mean_with_one_year_before_costs_one_more() -> None:
    plain = _rate(pre_trend=PreTrend.UNTESTABLE)[0]
    risky, reasons = _rate(pre_trend=PreTrend.UNTESTABLE, regression_to_mean_risk=True)
    assert risky == plain - 1
    assert any("temporary dip" in r for r in reasons)


def test_an_imbalanced_trend_counts_once_and_only_when_serious() -> None:
    def trend(smd: float) -> list[BalanceRow]:
        return [BalanceRow("pre_trend", "Trend", 0, 0, 0, 0.5, smd, matched_on=False)]

    assert _rate(balance=trend(0.2))[0] == 4  # chance, for a trend nobody matched on
    assert _rate(balance=trend(0.6))[0] == 3
    assert _rate(balance=trend(0.6), pre_trend=PreTrend.DIFFERENT)[0] == 2  # the test only


def test_a_label_keeps_its_capitals_inside_a_sentence() -> None:
    rows = [BalanceRow("pupils", "Pupils", 0, 0, 0, 0.5, 0.3)]
    assert any("differ on pupils (" in r for r in _rate(balance=rows)[1])


def test_the_rating_never_falls_below_zero_but_keeps_every_reason() -> None:
    padlocks, reasons = _rate(
        n_cohort=3,
        clusters=2,
        attrition_rate=0.9,
        pre_trend=PreTrend.DIFFERENT,
        balance=[BalanceRow("fsm", "FSM", 0, 0, 0, 1, 1)],
    )
    assert padlocks == 0
    assert len(reasons) == 6
