"""Disclosure control of group figures: the rules, case by case."""

import pytest

from schoolweave.core.stats.disclosure import (
    FEWER_PUPILS,
    FEWER_SCHOOLS,
    WITHHELD_SMALL,
    Group,
    Unit,
    disclosive_set,
    protect,
    withheld_reason,
)


def _units(*spec: tuple[int, float | None, float | None, bool]) -> list[Unit]:
    return [
        Unit(urn, value, pupils, WITHHELD_SMALL if withheld else None)
        for urn, value, pupils, withheld in spec
    ]


def test_a_group_figure_is_pupil_weighted_with_its_schools_and_pupils() -> None:
    units = _units((1, 2.0, 10, False), (2, -1.0, 30, False), (3, 0.0, 60, False))
    cell = protect(units=units, groups=[Group("network", frozenset({1, 2, 3}))]).groups["network"]
    assert cell.value == pytest.approx((2 * 10 - 1 * 30) / 100)
    assert (cell.schools, cell.pupils, cell.suppressed) == (3, 100.0, None)


def test_fewer_than_three_schools_is_suppressed_with_the_reason() -> None:
    units = _units((1, 2.0, 10, False), (2, None, 30, False), (3, 1.0, 60, False))
    cell = protect(units=units, groups=[Group("triad", frozenset({1, 2, 3}))]).groups["triad"]
    assert (cell.value, cell.schools, cell.suppressed) == (None, 2, FEWER_SCHOOLS)


def test_fewer_than_six_pupils_is_suppressed() -> None:
    units = _units((1, 2.0, 1, True), (2, 1.0, 2, True), (3, 1.0, 2, True))
    cell = protect(units=units, groups=[Group("g", frozenset({1, 2, 3}))]).groups["g"]
    assert cell.suppressed == FEWER_PUPILS


def test_network_total_minus_the_other_members_cannot_reveal_a_withheld_school() -> None:
    # School 4's own figure rests on 4 pupils: withheld. The network's figure and the other
    # three members' (public) figures would give it away, so the network's figure goes.
    units = _units(
        (1, 1.0, 20, False), (2, 0.5, 20, False), (3, -1.0, 20, False), (4, 3.0, 4, True)
    )
    result = protect(
        units=units, groups=[Group("network", frozenset({1, 2, 3, 4}), members_shown=True)]
    )
    assert result.groups["network"].value is None
    assert "would reveal a figure that is not published" in (
        result.groups["network"].suppressed or ""
    )
    assert result.members[("network", 4)].suppressed == WITHHELD_SMALL
    assert result.members[("network", 1)].value == 1.0


def test_three_withheld_schools_together_may_count_in_a_network_figure() -> None:
    units = _units((1, 1.0, 20, False), (2, 2.0, 4, True), (3, 0.0, 4, True), (4, -1.0, 4, True))
    cell = protect(units=units, groups=[Group("network", frozenset({1, 2, 3, 4}))]).groups[
        "network"
    ]
    assert cell.is_published  # the withheld three are only ever seen together (12 pupils)


def test_differencing_two_groups_is_caught() -> None:
    # Networks A = {1..5} and B = {1..4} differ by school 5 alone, which is withheld.
    units = _units(
        *[(i, float(i), 20, False) for i in (1, 2)], *[(i, float(i), 4, True) for i in (3, 4, 5)]
    )
    groups = [
        Group("A", frozenset({1, 2, 3, 4, 5}), priority=2),
        Group("B", frozenset({1, 2, 3, 4}), priority=1),
    ]
    result = protect(units=units, groups=groups)
    published = [key for key, cell in result.groups.items() if cell.is_published]
    assert published == ["A"]  # the lower priority figure went
    assert "(A)" in (result.groups["B"].suppressed or "")


def test_disclosive_set_finds_a_pair_isolated_by_rank() -> None:
    withheld = {3: 4.0, 4: 4.0, 5: 4.0, 6: 4.0}
    published = [frozenset({1, 3, 4, 5, 6}), frozenset({2, 5, 6})]
    assert disclosive_set(published, withheld=withheld) == frozenset({3, 4})
    assert disclosive_set([frozenset({1, 3, 4, 5})], withheld=withheld) is None


def test_sums_have_no_pupil_rule() -> None:
    units = _units((1, 100.0, None, False), (2, 200.0, None, False), (3, 300.0, None, False))
    cell = protect(units=units, groups=[Group("g", frozenset({1, 2, 3}))], combine="sum").groups[
        "g"
    ]
    assert (cell.value, cell.pupils) == (600.0, None)


def test_a_school_without_a_cohort_is_left_out_of_a_weighted_figure_and_listed() -> None:
    units = _units(
        (1, 1.0, 20, False), (2, 1.0, 20, False), (3, 1.0, 20, False), (4, 9.0, None, False)
    )
    cell = protect(units=units, groups=[Group("g", frozenset({1, 2, 3, 4}))]).groups["g"]
    assert (cell.value, cell.excluded) == (1.0, (4,))


@pytest.mark.parametrize(("pupils", "withheld"), [(5, True), (6, False), (None, False)])
def test_a_schools_own_figure_is_withheld_under_six_pupils(
    pupils: int | None, withheld: bool
) -> None:
    assert (withheld_reason(pupils=pupils) is not None) is withheld
