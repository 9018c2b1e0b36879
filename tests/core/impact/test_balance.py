import numpy as np

from schoolweave.core.impact.balance import balance_rows, pooled_sd, smd, worst_after
from schoolweave.core.impact.matching import Covariate
from schoolweave.core.impact.result import BalanceRow
from tests.core.impact.factories import series


def test_smd_is_the_difference_of_means_over_the_pooled_sd() -> None:
    a, b = np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 2.0])
    assert pooled_sd(a, b) == 1.0
    assert smd(a, b, sd=1.0) == 1.0


def test_smd_of_identical_groups_is_zero_even_without_spread() -> None:
    same = np.array([4.0, 4.0, 4.0])
    assert smd(same, same.copy(), sd=pooled_sd(same, same)) == 0.0


def test_smd_ignores_unknown_values_and_respects_weights() -> None:
    a = np.array([1.0, np.nan])
    b = np.array([0.0, 3.0])
    assert smd(a, b, sd=1.0, b_weights=np.array([2.0, 0.0])) == 1.0


def test_smd_cannot_be_said_without_values() -> None:
    assert smd(np.array([np.nan]), np.array([1.0]), sd=1.0) is None


def test_balance_shows_before_against_the_pool_and_after_against_the_matches() -> None:
    pool = [series(10 + i, {}) for i in range(4)]
    covariate = Covariate(
        "pre_level", "Level", np.array([0.0, 2.0]), np.array([0.0, 2.0, 10.0, 12.0])
    )
    (row,) = balance_rows([covariate], pool=pool, weights={10: 1.0, 11: 1.0})
    assert row.cohort_mean == 1.0
    assert row.comparison_mean == 1.0
    assert row.pool_mean == 6.0
    assert row.smd_after == 0.0
    assert row.smd_before is not None and row.smd_before < -0.25


def test_the_worst_row_after_matching_is_found() -> None:
    rows = [
        BalanceRow("a", "A", 0, 0, 0, 0.5, 0.05),
        BalanceRow("b", "B", 0, 0, 0, 0.1, -0.3),
    ]
    worst = worst_after(rows)
    assert worst is not None and worst.name == "b"
