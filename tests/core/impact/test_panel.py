import math

from schoolweave.core.impact.panel import (
    NO_AFTER,
    NO_BEFORE,
    Periods,
    cluster_of,
    eligible_pool,
    first_after,
    last_before,
    periods,
    split_cohort,
    values,
)
from tests.core.impact.factories import series


def test_it_keeps_members_with_figures_before_and_after() -> None:
    cohort = [series(1, {2018: 1.0, 2019: 2.0}), series(2, {2017: 0.5, 2019: 1.0})]
    split = split_cohort(cohort, start_year=2019)
    assert [s.urn for s in split.members] == [1, 2]
    assert split.attrition == ()
    assert split.listed == 2


def test_a_member_with_no_figure_after_joining_is_attrition_with_its_gias_reason() -> None:
    cohort = [
        series(1, {2018: 1.0, 2019: 2.0}),
        series(2, {2018: 1.0}, left_because="closed"),
        series(3, {2018: 1.0}),
        series(4, {2019: 1.0}),
    ]
    split = split_cohort(cohort, start_year=2019)
    assert [s.urn for s in split.members] == [1]
    assert split.attrition == ((2, "closed"), (3, NO_AFTER), (4, NO_BEFORE))


def test_the_start_year_counts_as_after() -> None:
    found = periods([series(1, {2017: 0.0, 2018: 1.0, 2019: 2.0})], start_year=2018)
    assert found == Periods((2017,), (2018, 2019))


def test_missing_and_non_finite_figures_are_absent_never_zero() -> None:
    school = series(1, {2018: math.nan, 2019: 3.0})
    assert values(school) == {2019: 3.0}
    assert split_cohort([school], start_year=2019).attrition == ((1, NO_BEFORE),)


def test_the_pool_keeps_schools_of_the_members_phase_with_figures_either_side() -> None:
    members = [series(1, {2018: 0.0, 2019: 1.0})]
    pool = [
        series(2, {2018: 0.0, 2019: 1.0}),
        series(3, {2018: 0.0, 2019: 1.0}, phase="Secondary"),
        series(4, {2018: 0.0}),
        series(1, {2018: 0.0, 2019: 1.0}),  # a listed member is never its own comparison
        series(2, {2018: 5.0, 2019: 6.0}),  # a duplicate URN counts once
    ]
    found = eligible_pool(pool, members=members, excluded={1}, periods=Periods((2018,), (2019,)))
    assert [(s.urn, s.values[2018]) for s in found] == [(2, 0.0)]


def test_before_and_after_are_the_nearest_years_either_side() -> None:
    school = series(1, {2016: 1.0, 2017: 2.0, 2019: 5.0, 2020: 6.0})
    spans = Periods((2016, 2017, 2018), (2019, 2020))
    assert last_before(school, spans) == 2.0
    assert first_after(school, spans) == 5.0


def test_a_member_without_a_network_is_its_own_cluster() -> None:
    assert cluster_of(series(7, {}, cluster="")) == "school:7"
    assert cluster_of(series(7, {}, cluster="Triad A")) == "Triad A"


def test_a_school_in_two_networks_counts_once_in_the_first() -> None:
    cohort = [
        series(1, {2018: 1.0, 2019: 2.0}, cluster="Triad A"),
        series(1, {2018: 1.0, 2019: 2.0}, cluster="Hub B"),
        series(2, {2018: 1.0, 2019: 2.0}, cluster="Hub B"),
    ]
    split = split_cohort(cohort, start_year=2019)
    assert [(s.urn, s.cluster) for s in split.members] == [(1, "Triad A"), (2, "Hub B")]
    assert (split.listed, split.in_several) == (2, 1)
