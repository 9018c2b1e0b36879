import pytest

from schoolweave.core.impact.panel import Periods
from schoolweave.core.impact.result import BalanceRow
from schoolweave.core.impact.years import ALSO_SUPPRESSED, protect_balance, year_means
from schoolweave.core.stats.disclosure import FEWER_PUPILS, FEWER_SCHOOLS
from tests.core.impact.factories import series

SPANS = Periods((2018,), (2019,))


def test_means_weigh_schools_as_the_estimate_does() -> None:
    members = [series(i, {2018: float(i), 2019: float(i) + 1}, pupils=10.0 * i) for i in (1, 2, 3)]
    comparison = [series(10 + i, {2018: float(i), 2019: 0.0}) for i in range(3)]
    weights = {10: 2.0, 11: 0.5, 12: 0.5}
    rows = year_means(members, comparison, weights=weights, periods=SPANS)
    assert [r.year for r in rows] == [2018, 2019]
    assert rows[0].cohort_mean == pytest.approx(2.0)  # each member once, not by pupils
    assert rows[0].comparison_mean == pytest.approx((0 * 2 + 1 * 0.5 + 2 * 0.5) / 3)
    assert rows[1].cohort_mean == pytest.approx(3.0)
    assert (rows[0].cohort_schools, rows[0].comparison_schools) == (3, 3)
    assert rows[0].suppressed is None


def test_a_year_with_fewer_than_three_members_is_suppressed_and_so_are_the_others() -> None:
    members = [
        series(1, {2018: 1.0, 2019: 2.0}),
        series(2, {2018: 1.0, 2019: 2.0}),
        series(3, {2018: 1.0}),
    ]
    comparison = [series(10 + i, {2018: 0.0, 2019: 0.0}) for i in range(3)]
    rows = year_means(members, comparison, weights={10: 1, 11: 1, 12: 1}, periods=SPANS)
    assert all(r.cohort_mean is None for r in rows)
    assert rows[1].suppressed == f"members: {FEWER_SCHOOLS}"
    assert rows[0].suppressed == f"members: {ALSO_SUPPRESSED}"
    assert all(r.comparison_mean == 0.0 for r in rows)


def test_a_group_on_fewer_than_six_pupils_is_suppressed() -> None:
    members = [series(i, {2018: 1.0, 2019: 2.0}, pupils=1.0) for i in range(3)]
    comparison = [series(10 + i, {2018: 0.0, 2019: 0.0}) for i in range(3)]
    rows = year_means(members, comparison, weights={10: 1, 11: 1, 12: 1}, periods=SPANS)
    assert rows[0].cohort_mean is None
    assert FEWER_PUPILS in (rows[0].suppressed or "")


def test_a_group_that_would_reveal_a_withheld_figure_is_suppressed() -> None:
    members = [series(i, {2018: 1.0, 2019: 2.0}) for i in range(3)]
    members.append(series(9, {2018: 5.0, 2019: 5.0}, withheld={2018: "confidential"}))
    comparison = [series(10 + i, {2018: 0.0, 2019: 0.0}) for i in range(3)]
    rows = year_means(members, comparison, weights={10: 1, 11: 1, 12: 1}, periods=SPANS)
    assert all(r.cohort_mean is None for r in rows)
    assert "would reveal" in (rows[0].suppressed or "")


def test_balance_means_that_could_reveal_a_withheld_figure_are_blanked() -> None:
    rows = [
        BalanceRow("pre_level", "Level", 1.0, 1.1, 0.5, 0.4, 0.01),
        BalanceRow("fsm", "FSM", 20.0, 21.0, 25.0, -0.3, -0.05),
    ]
    members = [series(i, {2018: 1.0, 2019: 2.0}) for i in range(3)]
    pool = [series(10 + i, {2018: 0.0, 2019: 0.0}) for i in range(3)]
    pool.append(series(20, {2018: 9.0, 2019: 9.0}, withheld={2018: "confidential"}))
    published = year_means(members, pool[:3], weights={10: 1, 11: 1, 12: 1}, periods=SPANS)
    level, fsm = protect_balance(rows, members=members, pool=pool, periods=SPANS, years=published)
    assert (level.cohort_mean, level.comparison_mean, level.smd_after) == (1.0, 1.1, 0.01)
    assert level.pool_mean is None and level.smd_before is None
    assert fsm == rows[1]
    hidden = year_means(members[:2], pool[:3], weights={10: 1, 11: 1, 12: 1}, periods=SPANS)
    level, _ = protect_balance(rows, members=members, pool=pool[:3], periods=SPANS, years=hidden)
    assert level.cohort_mean is None and level.smd_after is None
    assert level.comparison_mean == 1.1 and level.pool_mean == 0.5
