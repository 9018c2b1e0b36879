"""Cohorts and the series the core takes: who is in a cohort, who may be compared with it, and
what each school's series holds."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.conftest import Cast
from tests.evidence.factories import EstablishmentLinkFactory, PerformanceImportFactory
from tests.factories import (
    ClosedSchoolFactory,
    MembershipFactory,
    NetworkFactory,
    PastMembershipFactory,
    SchoolFactory,
    UnpublishedNetworkFactory,
)
from tests.impact.conftest import TRIAD_START, Scenario
from tests.impact.factories import figures, publish, sandwell_round, school_with

from schoolweave.accounts.permissions import PUBLIC, impact_networks, viewer_of
from schoolweave.core.performance.measures import MEASURES
from schoolweave.core.stats.disclosure import WITHHELD_SMALL
from schoolweave.impact import selectors
from schoolweave.networks.models import Network

pytestmark = pytest.mark.django_db
MATHS = MEASURES["ks2_maths_progress"]


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2018, 9, 1), 2019), (date(2019, 8, 31), 2019), (date(2018, 1, 8), 2018)],
)
def test_a_day_belongs_to_the_academic_year_it_ends_in(day: date, year: int) -> None:
    assert selectors.academic_year(day) == year
    first, last = selectors.year_bounds(year)
    assert first <= day <= last
    assert selectors.year_words(2019) == "2018/19"


def test_a_networks_cohort_is_its_schools_in_its_start_year(scenario: Scenario) -> None:
    triad = scenario.triads[0]
    later = MembershipFactory(network=triad, joined=date(2019, 9, 2)).school
    gone = PastMembershipFactory(network=triad, joined=date(2017, 9, 1)).school  # left July 2018
    cohort = selectors.network_cohort(network=triad)
    assert cohort.start_year == 2019
    assert cohort.urns == sorted(s.urn for s in scenario.members[:3])
    assert later.urn not in cohort.members and gone.urn not in cohort.members
    assert set(cohort.members.values()) == {f"network:{triad.pk}"}


def test_a_networks_start_year_comes_from_its_earliest_member_when_undated(cast: Cast) -> None:
    network = NetworkFactory(owner_las=[cast.la_a], start_date=None)
    MembershipFactory(network=network, joined=date(2016, 10, 3))
    assert selectors.network_start_year(network) == 2017


def test_a_kind_cohort_takes_the_las_networks_of_that_kind_that_started_that_year(
    scenario: Scenario,
) -> None:
    cast = scenario.cast
    hub = NetworkFactory(kind="hub_and_spoke", owner_las=[cast.la_a], start_date=TRIAD_START)
    MembershipFactory(network=hub, joined=TRIAD_START)
    elsewhere = NetworkFactory(owner_las=[cast.la_b], start_date=TRIAD_START)
    MembershipFactory(network=elsewhere, joined=TRIAD_START)
    cohort = selectors.kind_cohort(
        la=cast.la_a, kind="triad", start_year=2019, networks=Network.objects.all()
    )
    assert cohort.urns == sorted(s.urn for s in scenario.members)
    assert cohort.networks == tuple(sorted(t.pk for t in scenario.triads))
    assert cohort.label == "Sandwell's triad networks that started in 2018/19"
    earlier = selectors.kind_cohort(
        la=cast.la_a, kind="triad", start_year=2018, networks=Network.objects.all()
    )
    assert set(earlier.networks) == {cast.published_a.pk, cast.unpublished_a.pk}


def test_a_kind_cohort_holds_only_networks_the_viewer_may_see(scenario: Scenario) -> None:
    cast = scenario.cast
    hidden = UnpublishedNetworkFactory(owner_las=[cast.la_a], start_date=TRIAD_START)
    secret = MembershipFactory(network=hidden, joined=TRIAD_START).school
    for who, sees in (
        (PUBLIC, False),
        (viewer_of(cast.officer_b), False),
        (viewer_of(cast.officer_a), True),
    ):
        networks = impact_networks(who, Network.objects.all())
        cohort = selectors.kind_cohort(
            la=cast.la_a, kind="triad", start_year=2019, networks=networks
        )
        assert (secret.urn in cohort.members) is sees


def test_an_las_cohorts_are_counted_by_kind_and_start_year(scenario: Scenario) -> None:
    found = selectors.kind_cohorts(la=scenario.cast.la_a, networks=Network.objects.all())
    assert found[0] == ("triad", 2019, 9)
    assert ("triad", 2018, 3) in found  # the cast's two Sandwell networks from Sept 2017


def test_a_brokering_rounds_cohort_is_the_networks_it_published(scenario: Scenario) -> None:
    round = sandwell_round(scenario.cast)
    published = scenario.triads[:2]
    publish(round, published, by=scenario.cast.officer_a)
    cohort = selectors.round_cohort(round_id=round.pk, round_name=round.name)
    assert cohort.urns == sorted(s.urn for s in scenario.members[:6])
    assert cohort.networks == tuple(n.pk for n in published)
    assert cohort.start_year is not None


def test_a_listed_school_is_clustered_by_its_network_or_by_itself(scenario: Scenario) -> None:
    member, loner = scenario.members[0], scenario.pool[0]
    cohort = selectors.urns_cohort(urns=[member.urn, loner.urn, member.urn])
    assert cohort.members == {
        member.urn: f"network:{scenario.triads[0].pk}",
        loner.urn: f"school:{loner.urn}",
    }


def test_a_series_holds_values_pupils_and_what_is_withheld(cast: Cast) -> None:
    school = SchoolFactory(la=cast.la_a, percentage_fsm=31.5)
    figures(school, {2017: 1.0, 2018: -1.5, 2019: None}, pupils={2017: 28, 2018: 5})
    figures(school, {2017: 105.0, 2018: 103.0}, measure="ks2_maths_score", pupils={})
    cohort = selectors.urns_cohort(urns=[school.urn])
    [series] = selectors.cohort_series(cohort, measure=MATHS, start_year=2018).series
    assert series.values == {2017: 1.0, 2018: -1.5}  # withheld by DfE: absent, never 0
    assert series.pupils == {2017: 28, 2018: 5}
    assert series.withheld == {2018: WITHHELD_SMALL}
    assert series.phase == "Primary" and series.cluster == f"school:{school.urn}"
    assert series.context["fsm"] == 31.5
    # Prior attainment from the years before the start only (2017: 105 - 1.0).
    assert series.context["prior_attainment"] == pytest.approx(104.0)


def test_a_year_without_a_cohort_size_borrows_the_nearest_but_withholds_nothing(
    cast: Cast,
) -> None:
    school = SchoolFactory(la=cast.la_a)
    figures(school, {2018: 0.5, 2019: 0.7}, pupils={2018: 4})
    cohort = selectors.urns_cohort(urns=[school.urn])
    [series] = selectors.cohort_series(cohort, measure=MATHS, start_year=2019).series
    assert series.pupils == {2018: 4, 2019: 4}
    assert series.withheld == {2018: WITHHELD_SMALL}


def test_a_closed_school_is_attrition_with_its_reason(cast: Cast) -> None:
    school = ClosedSchoolFactory(
        la=cast.la_a, close_reason="Closure", close_date=date(2018, 12, 31)
    )
    figures(school, {2018: -1.0})
    EstablishmentLinkFactory(urn=school.urn, linked_urn=777001, link_type="Successor - merged")
    cohort = selectors.urns_cohort(urns=[school.urn])
    [series] = selectors.cohort_series(cohort, measure=MATHS, start_year=2019).series
    assert series.left_because == (
        "closed (closure) on 31 December 2018; GIAS links it to successor - merged: URN 777001"
    )


def test_a_school_that_converted_is_followed_to_its_new_urn(cast: Cast) -> None:
    old = ClosedSchoolFactory(la=cast.la_a, close_date=date(2018, 12, 31))
    new = SchoolFactory(la=cast.la_a, name="Phoenix Academy")
    figures(old, {2018: -1.0})
    figures(new, {2019: 0.5})
    EstablishmentLinkFactory(urn=old.urn, linked_urn=new.urn, link_type="Successor")
    EstablishmentLinkFactory(urn=new.urn, linked_urn=old.urn, link_type="Predecessor")
    found = selectors.cohort_series(
        selectors.urns_cohort(urns=[old.urn]), measure=MATHS, start_year=2019
    )
    [series] = found.series
    assert series.urn == old.urn and series.values == {2018: -1.0, 2019: 0.5}
    assert series.left_because == ""
    assert found.followed == {old.urn: new.urn}
    assert found.names[new.urn] == "Phoenix Academy"


def test_the_pool_is_schools_of_the_phase_in_no_network(scenario: Scenario) -> None:
    cast = scenario.cast
    source = PerformanceImportFactory()
    earlier = school_with(0.0, 0.0, la=cast.la_a, source=source)
    PastMembershipFactory(school=earlier, joined=date(2015, 9, 1), left=date(2018, 7, 20))
    long_ago = school_with(0.0, 0.0, la=cast.la_a, source=source)
    PastMembershipFactory(school=long_ago, joined=date(2010, 9, 1), left=date(2012, 7, 20))
    secondary = school_with(0.0, 0.0, la=cast.la_a, source=source, phase_name="Secondary")
    special = school_with(0.0, 0.0, la=cast.la_a, source=source, type_group_name="Special schools")
    no_figures = SchoolFactory(la=cast.la_a)
    closed = ClosedSchoolFactory(la=cast.la_a)
    figures(closed, {2018: 1.0, 2019: 1.0}, source=source)
    cohort = selectors.network_cohort(network=scenario.triads[0])
    pool = {s.urn for s in selectors.pool_series(cohort, measure=MATHS, start_year=2019)}
    assert pool == {s.urn for s in scenario.pool} | {long_ago.urn}
    for excluded in (earlier, secondary, special, no_figures, closed, *scenario.members):
        assert excluded.urn not in pool


def test_reading_a_cohort_and_its_pool_takes_a_fixed_number_of_queries(
    scenario: Scenario,
) -> None:
    cohort = selectors.kind_cohort(
        la=scenario.cast.la_a, kind="triad", start_year=2019, networks=Network.objects.all()
    )
    counts = []
    for more in (0, 20):
        source = PerformanceImportFactory()
        for i in range(more):
            school_with(0.1 * i, 0.1 * i, la=scenario.cast.la_a, source=source)
        with CaptureQueriesContext(connection) as queries:
            selectors.cohort_series(cohort, measure=MATHS, start_year=2019)
            pool = selectors.pool_series(cohort, measure=MATHS, start_year=2019)
        counts.append(len(queries))
    assert len(pool) == 50
    assert counts[0] == counts[1] <= 16  # more schools, no more queries


def test_the_default_measure_follows_the_cohorts_phase() -> None:
    assert selectors.default_measure(["Primary", "Primary"]) == "ks2_maths_progress"
    assert selectors.default_measure(["Secondary", "Secondary", "Primary"]) == "ks4_progress8"
    names = selectors.impact_measures()
    assert "ks2_maths_progress" in names and "ks4_progress8" in names
    assert "ks2_maths_progress_ci_lower" not in names and "ofsted_rating" not in names
