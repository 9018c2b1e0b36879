"""The brokering engine on instances small enough to check by hand or by brute force, and its
hard constraints over generated ones."""

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolweave.core.broker import (
    BrokerConfig,
    Candidate,
    Infeasible,
    Proposal,
    Role,
    Shape,
    Willingness,
    broker,
)
from schoolweave.core.broker.scoring import Pool

KM = 1 / 111.2
IN, OUT = Willingness.OPTED_IN, Willingness.OPTED_OUT


def school(urn: int, km_north: float = 0.0, **fields: object) -> Candidate:
    base: dict[str, object] = {
        "name": f"School {urn}",
        "phase": "Primary",
        "lat": 52.5 + km_north * KM,
        "lon": -2.0,
        "ofsted": 2,
        "willingness": IN,
    }
    return Candidate(urn=urn, **{**base, **fields})  # type: ignore[arg-type]


def _groups(proposal: Proposal) -> set[tuple[tuple[int, Role], ...]]:
    return {tuple((m.urn, m.role) for m in g.members) for g in proposal.groups}


def test_a_strong_school_co_ordinates_two_that_need_it() -> None:
    proposal = broker(
        candidates=[
            school(1, strengths={"maths": 2.0}, ofsted=1),
            school(2, 0.5, needs={"maths": 1.5}, ofsted=3),
            school(3, 1.0, needs={"maths": 1.0}, ofsted=3),
        ],
        config=BrokerConfig(shape=Shape.TRIAD),
    )
    assert _groups(proposal) == {((1, Role.COORDINATOR), (2, Role.PARTNER), (3, Role.PARTNER))}
    group = proposal.groups[0]
    assert group.score.complementarity == pytest.approx(2.5)  # min(2, 1.5) + min(2, 1)
    assert group.score.distance == pytest.approx(-0.15, abs=0.001)  # 0.5 km + 1 km at 0.1/km
    assert group.score.fairness == 9.0  # three willing schools placed
    assert proposal.status == "optimal"
    assert group.reasons[0] == (
        "School 1 co-ordinates: strong in maths, outstanding Ofsted, "
        "0.5 km from School 2 and 1.0 km from School 3"
    )
    assert group.reasons[1:] == ("School 2 needs maths", "School 3 needs maths")


def test_an_opted_out_school_is_never_placed_even_when_it_fits_best() -> None:
    proposal = broker(
        candidates=[
            school(1, strengths={"maths": 3.0}, ofsted=1),
            school(2, 0.1, needs={"maths": 3.0}, willingness=OUT),
            school(3, 0.2, needs={"maths": 1.0}),
            school(4, 0.3, needs={"maths": 1.0}),
        ],
        config=BrokerConfig(shape=Shape.TRIAD),
    )
    assert 2 not in {m.urn for g in proposal.groups for m in g.members}


def test_a_co_ordinating_school_must_be_good_and_strong_unless_the_la_says() -> None:
    schools = [
        school(1, strengths={"maths": 3.0}, ofsted=3),  # strong but requires improvement
        school(2, 0.5, needs={"maths": 1.0}),
        school(3, 1.0, needs={"maths": 1.0}),
    ]
    assert broker(candidates=schools, config=BrokerConfig(shape=Shape.TRIAD)).groups == ()
    schools[0] = school(1, strengths={"maths": 3.0}, ofsted=3, leader_eligible=True)
    assert len(broker(candidates=schools, config=BrokerConfig(shape=Shape.TRIAD)).groups) == 1


def test_a_weak_school_may_coach_in_its_own_weak_area_when_the_la_chooses() -> None:
    schools = [
        school(1, needs={"reading": 2.0}, ofsted=3),
        school(2, 0.5, needs={"reading": 1.0}),
        school(3, 1.0, needs={"reading": 1.0}),
    ]
    proposal = broker(candidates=schools, config=BrokerConfig(shape=Shape.TRIAD, weak_coach=True))
    assert len(proposal.groups) == 1
    assert "coaching in an area it is improving itself (reading)" in " ".join(
        proposal.groups[0].reasons
    )


def test_schools_too_far_apart_are_not_grouped_and_say_why() -> None:
    schools = [
        school(1, strengths={"maths": 3.0}),
        school(2, 20.0, needs={"maths": 1.0}),
        school(3, 40.0, needs={"maths": 1.0}),
    ]
    proposal = broker(candidates=schools, config=BrokerConfig(shape=Shape.TRIAD, max_km=15))
    assert proposal.groups == ()
    assert proposal.unplaced_reasons[3] == (
        "no willing school it could be grouped with within 15 km of its phase outside its trust"
    )


def test_a_hub_takes_no_more_spokes_than_it_can_support() -> None:
    schools = [school(1, strengths={"send": 3.0}, ofsted=1)] + [
        school(10 + i, 0.2 * i, needs={"send": 1.0}, ofsted=3) for i in range(1, 7)
    ]
    proposal = broker(candidates=schools, config=BrokerConfig(shape=Shape.HUB, hub_capacity=4))
    sizes = sorted(len(g.members) - 1 for g in proposal.groups)
    assert sizes == [4]


def test_a_needs_based_cluster_shares_one_need_and_has_a_school_strong_in_it() -> None:
    schools = [
        school(1, strengths={"attendance": 2.0}, ofsted=2),
        school(2, 0.5, needs={"attendance": 1.0}),
        school(3, 1.0, needs={"attendance": 1.5}),
        school(4, 1.5, needs={"maths": 1.5}),
    ]
    proposal = broker(candidates=schools, config=BrokerConfig(shape=Shape.CLUSTER))
    assert [(g.focus, sorted(m.urn for m in g.members)) for g in proposal.groups] == [
        ("attendance", [1, 2, 3])
    ]


def test_learning_communities_are_balanced_and_compact() -> None:
    west = [school(i, i * 0.3) for i in range(1, 7)]
    east = [
        Candidate(
            urn=100 + i,
            name=f"East {i}",
            phase="Primary",
            lat=52.5 + i * 0.003,
            lon=-1.6,
            willingness=IN,
        )
        for i in range(6)
    ]
    proposal = broker(
        candidates=west + east, config=BrokerConfig(shape=Shape.COMMUNITY, communities=2)
    )
    groups = sorted(sorted(m.urn for m in g.members) for g in proposal.groups)
    assert groups == [[1, 2, 3, 4, 5, 6], [100, 101, 102, 103, 104, 105]]
    assert proposal.status == "optimal"


def test_an_opted_out_school_pinned_by_the_la_is_explained() -> None:
    schools = [school(1, strengths={"maths": 2.0}), school(2, 0.5, willingness=OUT), school(3, 1.0)]
    config = BrokerConfig(shape=Shape.TRIAD, pinned=frozenset({(1, 2)}))
    with pytest.raises(
        Infeasible, match="School 2 is pinned with another school but has opted out"
    ):
        broker(candidates=schools, config=config)


def test_a_pinned_pair_no_group_can_hold_is_named() -> None:
    schools = [
        school(1, strengths={"maths": 2.0}),
        school(2, 0.5, needs={"maths": 1.0}),
        school(3, 1.0, needs={"maths": 1.0}),
        school(4, 50.0, needs={"maths": 1.0}),
    ]
    config = BrokerConfig(shape=Shape.TRIAD, pinned=frozenset({(1, 4)}))
    with pytest.raises(Infeasible) as caught:
        broker(candidates=schools, config=config)
    assert "School 1 with School 4" in str(caught.value)
    assert set(caught.value.schools) == {1, 4}


def test_the_same_seed_gives_the_same_proposal() -> None:
    schools = _random_la(40, seed=3)
    config = BrokerConfig(shape=Shape.TRIAD, seed=7, time_limit=5)
    assert _groups(broker(candidates=schools, config=config)) == _groups(
        broker(candidates=schools, config=config)
    )


# Brute force and properties ------------------------------------------------------------------


def _random_la(count: int, seed: int) -> list[Candidate]:
    import random

    rng = random.Random(seed)
    focuses = ("reading", "writing", "maths")
    return [
        school(
            1000 + i,
            rng.uniform(-8, 8),
            strengths={f: round(rng.uniform(0.5, 2.5), 1) for f in focuses if rng.random() < 0.3},
            needs={f: round(rng.uniform(0.5, 2.5), 1) for f in focuses if rng.random() < 0.3},
            ofsted=rng.choice([1, 2, 2, 3, 4]),
            fsm=rng.uniform(5, 40),
            trust=rng.choice([None, None, "T1", "T2"]),
            phase=rng.choice(["Primary", "Primary", "Secondary"]),
            willingness=rng.choice([IN, IN, IN, OUT, Willingness.UNDECIDED]),
        )
        for i in range(count)
    ]


def _brute_force_triads(candidates: list[Candidate], config: BrokerConfig) -> float:
    """The best objective over every set of disjoint triads."""
    pool = Pool.of(candidates, config)
    n = len(pool.candidates)
    options = []
    for leader in range(n):
        if not pool.may_lead(leader):
            continue
        for a, b in combinations([f for f in range(n) if f != leader], 2):
            fits = pool.may_pair(leader, a) and pool.may_pair(leader, b)
            if fits and _followers_ok(pool, a, b):
                value = pool.pair_score(leader, a).total + pool.pair_score(leader, b).total
                value += config.weights.fairness * sum(pool.opted_in(s) for s in (leader, a, b))
                options.append(({leader, a, b}, value))

    def best(used: frozenset[int], start: int) -> float:
        found = 0.0
        for i in range(start, len(options)):
            members, value = options[i]
            if not members & used:
                found = max(found, value + best(used | members, i + 1))
        return found

    return best(frozenset(), 0)


def _followers_ok(pool: Pool, a: int, b: int) -> bool:
    first, second = pool.candidates[a], pool.candidates[b]
    return not (first.trust and first.trust == second.trust)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_triads_are_optimal_on_instances_small_enough_to_check_by_brute_force(seed: int) -> None:
    schools = _random_la(7, seed)
    config = BrokerConfig(shape=Shape.TRIAD, time_limit=5)
    proposal = broker(candidates=schools, config=config)
    assert proposal.objective == pytest.approx(_brute_force_triads(schools, config), abs=0.01)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.sampled_from([Shape.TRIAD, Shape.HUB, Shape.CLUSTER]),
    st.floats(-1, 1),
)
def test_every_proposal_keeps_every_hard_constraint(seed: int, shape: Shape, dial: float) -> None:
    from schoolweave.core.broker import Weights

    schools = _random_la(18, seed)
    config = BrokerConfig(shape=shape, max_km=10, time_limit=3, weights=Weights(diversity=dial))
    proposal = broker(candidates=schools, config=config)
    by_urn = {s.urn: s for s in schools}
    pool = Pool.of(schools, config)
    placed = [m.urn for g in proposal.groups for m in g.members]
    assert len(placed) == len(set(placed))  # no school twice
    assert not any(by_urn[u].willingness is OUT for u in placed)
    for group in proposal.groups:
        leader, followers = group.members[0], group.members[1:]
        limits = {Shape.TRIAD: (2, 2), Shape.HUB: (2, config.hub_capacity), Shape.CLUSTER: (2, 5)}
        low, high = limits[shape]
        assert low <= len(followers) <= high
        assert pool.may_lead(pool.position[leader.urn])
        for follower in followers:
            assert pool.may_pair(pool.position[leader.urn], pool.position[follower.urn])
        trusts = [by_urn[m.urn].trust for m in followers if by_urn[m.urn].trust]
        assert len(trusts) == len(set(trusts))
        if shape is Shape.CLUSTER:
            assert all(by_urn[m.urn].needs.get(group.focus or "", 0) > 0 for m in followers)
    assert proposal.objective >= proposal.greedy_objective - 1e-6
    assert len(proposal.unplaced_willing) <= len(proposal.greedy_unplaced_willing)
    assert proposal.objective <= proposal.bound + 1e-6
