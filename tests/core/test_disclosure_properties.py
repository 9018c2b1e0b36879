"""Hypothesis searches for a disclosive combination of published group figures; it must find
none. The attacker here is independent of the implementation's rank test: it tries every
combination of published figures with coefficients -1, 0 and 1, knowing every public school
figure, and checks what is left about withheld schools."""

from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolweave.core.stats.disclosure import (
    MIN_PUPILS,
    MIN_SCHOOLS,
    WITHHELD_SMALL,
    Group,
    Unit,
    protect,
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Unit], list[Group], str]:
    count = draw(st.integers(3, 9))
    units = []
    for urn in range(count):
        pupils = draw(st.integers(1, 40))
        has_value = draw(st.booleans()) or pupils > 20
        withheld = pupils < MIN_PUPILS or draw(st.integers(0, 9)) == 0
        units.append(
            Unit(
                urn,
                float(draw(st.integers(-5, 5))) if has_value else None,
                float(pupils),
                WITHHELD_SMALL if withheld else None,
            )
        )
    groups = [
        Group(
            f"g{index}",
            frozenset(draw(st.sets(st.integers(0, count - 1), min_size=1, max_size=count))),
            priority=draw(st.integers(0, 3)),
            members_shown=draw(st.booleans()),
        )
        for index in range(draw(st.integers(1, 5)))
    ]
    return units, groups, draw(st.sampled_from(["mean", "sum"]))


def _counted(group: Group, units: dict[int, Unit], combine: str) -> set[int]:
    """Who a published figure counts: schools with a figure (and, for a mean, pupils)."""
    return {
        u
        for u in group.units
        if units[u].value is not None and (combine == "sum" or (units[u].pupils or 0) > 0)
    }


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_no_combination_of_published_figures_isolates_withheld_schools(
    scenario: tuple[list[Unit], list[Group], str],
) -> None:
    units, groups, combine = scenario
    by_id = {u.id: u for u in units}
    result = protect(units=units, groups=groups, combine=combine)
    withheld = sorted(u.id for u in units if u.withheld and u.value is not None)
    published = [g for g in groups if result.groups[g.key].is_published]
    # Rule 1 holds for everything published.
    for group in published:
        cell = result.groups[group.key]
        assert cell.schools >= MIN_SCHOOLS
        assert cell.pupils is None or cell.pupils >= MIN_PUPILS
    # No withheld school's own figure is shown as a member's contribution.
    for (_, urn), cell in result.members.items():
        assert by_id[urn].withheld is None or cell.value is None
    if not withheld:
        return
    rows = [
        np.array([1.0 if w in _counted(g, by_id, combine) else 0.0 for w in withheld])
        for g in published
    ]
    for coefficients in product((-1, 0, 1), repeat=len(rows)):
        if not any(coefficients):
            continue
        residual = sum(
            (c * row for c, row in zip(coefficients, rows, strict=True)), np.zeros(len(withheld))
        )
        support = [w for w, x in zip(withheld, residual, strict=True) if abs(x) > 1e-9]
        if not support:
            continue
        small = (
            len(support) < MIN_SCHOOLS or sum(by_id[w].pupils or 0 for w in support) < MIN_PUPILS
        )
        assert not small, f"published {[g.key for g in published]} isolate {support}"
    # And exactly: no withheld school's figure lies in the span of the published rows.
    if rows:
        matrix = np.vstack(rows)
        rank = np.linalg.matrix_rank(matrix)
        for index in range(len(withheld)):
            unit = np.zeros(len(withheld))
            unit[index] = 1.0
            assert np.linalg.matrix_rank(np.vstack([matrix, unit])) > rank


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_published_values_are_the_weighted_mean_or_sum_of_what_they_count(
    scenario: tuple[list[Unit], list[Group], str],
) -> None:
    units, groups, combine = scenario
    by_id = {u.id: u for u in units}
    result = protect(units=units, groups=groups, combine=combine)
    for group in groups:
        cell = result.groups[group.key]
        if not cell.is_published:
            continue
        counted = _counted(group, by_id, combine)
        values = np.array([by_id[u].value for u in counted], dtype=float)
        if combine == "sum":
            expected = values.sum()
        else:
            weights = np.array([by_id[u].pupils for u in counted], dtype=float)
            expected = float(np.dot(values, weights) / weights.sum())
        assert abs((cell.value or 0.0) - expected) < 1e-9
        assert cell.schools == len(counted)
