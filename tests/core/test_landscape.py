"""The landscape review on small hand-built landscapes whose answers are worked out here, and
properties over generated ones."""

from itertools import combinations
from random import Random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolweave.core.landscape import (
    Affiliation,
    AffiliationKind,
    Landscape,
    Reason,
    ReviewSettings,
    SchoolMetrics,
    SchoolPoint,
    links,
    outline,
    review,
)

Generated = tuple[list[SchoolPoint], list[Affiliation]]

NETWORK, GROUP = AffiliationKind.NETWORK, AffiliationKind.GROUP
KM = 1 / 111.2  # degrees of latitude in a kilometre


def _school(urn: int, lat_km: float, *, la: str = "333", phase: str = "Primary") -> SchoolPoint:
    return SchoolPoint(
        urn,
        f"School {urn}",
        la,
        phase,
        "Local authority maintained schools",
        52.5 + lat_km * KM,
        -2.0,
    )


SCHOOLS = [
    _school(1, 0.0),  # A: co-ordinates the triad, also in a cluster with B
    _school(2, 0.5),  # B
    _school(3, 1.0),  # C: in the triad and in a cluster with D
    _school(4, 2.0),  # D
    _school(5, -0.5),  # E: in nothing, half a kilometre from A
    _school(6, 3.0),  # F: only in its trust, with G of another LA
    _school(7, 4.0, la="332"),  # G
    _school(8, 0.0, phase="Secondary"),  # H: a secondary in nothing, no secondary in a network
    _school(9, 20.0),  # I: in nothing, 18 km from the nearest school in a network
]


def _affiliation(urn: int, key: str, kind: AffiliationKind, role: str = "member") -> Affiliation:
    return Affiliation(urn, key, kind, key.title(), "triad" if "triad" in key else "cluster", role)


AFFILIATIONS = [
    _affiliation(1, "network:triad", NETWORK, "coordinator"),
    _affiliation(2, "network:triad", NETWORK, "partner"),
    _affiliation(3, "network:triad", NETWORK, "partner"),
    _affiliation(1, "network:pair", NETWORK),
    _affiliation(2, "network:pair", NETWORK),
    _affiliation(3, "network:cluster", NETWORK),
    _affiliation(4, "network:cluster", NETWORK, "lead"),
    _affiliation(6, "group:trust", GROUP),
    _affiliation(7, "group:trust", GROUP),
]
SCOPE = [1, 2, 3, 4, 5, 6, 8, 9]  # LA 333's schools


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    return review(schools=SCHOOLS, affiliations=AFFILIATIONS, in_scope=SCOPE)


def _by_urn(landscape: Landscape) -> dict[int, SchoolMetrics]:
    return {m.urn: m for m in landscape.schools}


def test_load_weights_roles_and_counts_groups_lightly(landscape: Landscape) -> None:
    schools = _by_urn(landscape)
    assert schools[1].load == 3.0  # co-ordinator (2) + member of the pair (1)
    assert schools[2].load == 2.0
    assert schools[3].load == 2.0
    assert schools[4].load == 1.5  # lead
    assert schools[6].load == 0.5  # its trust only
    assert schools[5].load == 0.0


def test_partners_are_distinct_schools_shared_with(landscape: Landscape) -> None:
    schools = _by_urn(landscape)
    assert [schools[u].partners for u in (1, 2, 3, 4, 5, 6)] == [2, 2, 3, 1, 0, 1]
    assert schools[6].network_partners == 0
    assert schools[6].partner_las == ("332",)


def test_bridging_is_betweenness_on_the_school_projection(landscape: Landscape) -> None:
    schools = _by_urn(landscape)
    # C is on the only paths from A and B to D: 2 of the (9-1)(9-2)/2 = 28 pairs.
    assert schools[3].betweenness == pytest.approx(2 / 28, abs=1e-6)
    assert schools[1].betweenness == 0.0
    assert not landscape.betweenness_sampled


def test_out_on_a_limb_and_why(landscape: Landscape) -> None:
    schools = _by_urn(landscape)
    assert schools[5].reasons == (Reason.NO_NETWORK,)
    assert schools[5].nearest_networked_km == pytest.approx(0.5, abs=0.01)
    assert schools[6].reasons == (Reason.ONLY_OWN_TRUST,)
    assert schools[8].reasons == (Reason.NO_NETWORK,)
    assert schools[8].nearest_networked_km is None  # no secondary is in a network
    assert schools[9].reasons == (Reason.NO_NETWORK, Reason.FAR_FROM_NETWORKS)
    assert schools[9].nearest_networked_km == pytest.approx(18.0, abs=0.05)
    assert schools[9].reasons_in_words()[1] == (
        "the nearest school of its phase in a network is 18.0 km away"
    )
    assert not any(schools[u].isolated for u in (1, 2, 3, 4))


def test_coverage_by_phase(landscape: Landscape) -> None:
    coverage = {c.phase: (c.schools, c.in_network) for c in landscape.coverage}
    assert coverage == {"Primary": (7, 4), "Secondary": (1, 0)}


def test_networks_their_overlaps_spread_and_who_they_could_bring_in(landscape: Landscape) -> None:
    networks = {n.key: n for n in landscape.networks}
    triad = networks["network:triad"]
    assert (triad.size, dict(triad.phases)) == (3, {"Primary": 3})
    assert triad.closest_overlap == ("network:pair", 0.667)
    assert triad.spread_km == pytest.approx(1.0, abs=0.01)
    assert triad.could_bring_in == (5, 6)  # E and F are within twice 5 km; I is not
    assert networks["network:cluster"].closest_overlap == ("network:triad", 0.25)
    assert [(o.first, o.second, o.shared) for o in landscape.overlaps] == [
        ("network:pair", "network:triad", 2)
    ]


def test_the_trust_share_of_a_network(landscape: Landscape) -> None:
    assert {n.key: n.largest_trust_share for n in landscape.networks}["network:triad"] == 0.0


def test_communities_follow_the_groups(landscape: Landscape) -> None:
    groups = [set(c.urns) for c in landscape.communities]
    assert {1, 2} <= next(g for g in groups if 1 in g)
    assert landscape.community_match is not None


# Properties over generated landscapes ------------------------------------------------------


@st.composite
def landscapes(draw: st.DrawFn) -> Generated:
    count = draw(st.integers(3, 25))
    schools = [
        _school(
            100 + i,
            draw(st.floats(-30, 30)),
            phase=draw(st.sampled_from(["Primary", "Secondary"])),
            la=draw(st.sampled_from(["333", "332"])),
        )
        for i in range(count)
    ]
    affiliations = []
    for g in range(draw(st.integers(0, 8))):
        members = draw(
            st.lists(st.sampled_from(schools), min_size=1, max_size=6, unique_by=lambda s: s.urn)
        )
        kind = draw(st.sampled_from([NETWORK, GROUP]))
        key = f"{kind}:{g}"
        roles = ["coordinator", "partner", "member", "hub", "spoke"]
        affiliations += [
            _affiliation(s.urn, key, kind, draw(st.sampled_from(roles))) for s in members
        ]
    return schools, affiliations


@settings(max_examples=60, deadline=None)
@given(landscapes())
def test_exact_betweenness_is_networkx_s(generated: Generated) -> None:
    schools, affiliations = generated
    result = review(schools=schools, affiliations=affiliations, in_scope=[s.urn for s in schools])
    graph = nx.Graph()
    graph.add_nodes_from(s.urn for s in schools)
    groups: dict[str, list[int]] = {}
    for a in affiliations:
        groups.setdefault(a.key, []).append(a.urn)
    for members in groups.values():
        graph.add_edges_from(combinations(sorted(set(members)), 2))
    expected = nx.betweenness_centrality(graph, normalized=True)
    for metrics in result.schools:
        assert metrics.betweenness == pytest.approx(expected[metrics.urn], abs=1e-6)
        assert metrics.partners == graph.degree(metrics.urn)


@settings(max_examples=60, deadline=None)
@given(landscapes(), st.randoms(use_true_random=False))
def test_metrics_do_not_depend_on_what_schools_are_called(
    generated: Generated, shuffle: Random
) -> None:
    schools, affiliations = generated
    new_urns = list(range(500_000, 500_000 + len(schools)))
    shuffle.shuffle(new_urns)
    rename = {s.urn: new for s, new in zip(schools, new_urns, strict=True)}
    renamed_schools = [
        SchoolPoint(rename[s.urn], s.name, s.la, s.phase, s.type_group, s.lat, s.lon)
        for s in schools
    ]
    renamed_affiliations = [
        Affiliation(rename[a.urn], a.key, a.kind, a.name, a.group_type, a.role)
        for a in affiliations
    ]
    scope = [s.urn for s in schools if s.la == "333"]
    before = review(schools=schools, affiliations=affiliations, in_scope=scope)
    after = review(
        schools=renamed_schools,
        affiliations=renamed_affiliations,
        in_scope=[rename[u] for u in scope],
    )
    unrenamed = {m.urn: m for m in before.schools}
    for metrics in after.schools:
        original = next(u for u, new in rename.items() if new == metrics.urn)
        assert metrics.__dict__ | {"urn": original} == unrenamed[original].__dict__
    assert after.coverage == before.coverage
    assert after.overlaps == before.overlaps
    assert [(n.key, n.size, n.spread_km, n.closest_overlap) for n in after.networks] == [
        (n.key, n.size, n.spread_km, n.closest_overlap) for n in before.networks
    ]


def test_sampled_betweenness_estimates_the_exact_one() -> None:
    schools = [_school(1000 + i, i % 40) for i in range(400)]
    affiliations = [_affiliation(1000 + i, f"network:{i // 3}", NETWORK) for i in range(400)] + [
        _affiliation(1000 + i, f"network:x{i // 5}", NETWORK) for i in range(1, 400, 2)
    ]
    exact = review(schools=schools, affiliations=affiliations, in_scope=[s.urn for s in schools])
    sampled = review(
        schools=schools,
        affiliations=affiliations,
        in_scope=[s.urn for s in schools],
        settings=ReviewSettings(sample_sources=200, seed=7),
    )
    assert sampled.betweenness_sampled
    a = np.array([m.betweenness for m in exact.schools])
    b = np.array([m.betweenness for m in sampled.schools])
    assert np.corrcoef(a, b)[0, 1] > 0.9


def test_an_outline_is_the_closed_hull_of_the_members() -> None:
    square = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.5, 0.5)]
    ring = outline(square)
    assert ring[0] == ring[-1]
    assert sorted(set(ring)) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    assert outline([(0.0, 0.0), (1.0, 1.0)]) == [(0.0, 0.0), (1.0, 1.0)]


def test_links_join_schools_once_per_group_they_share() -> None:
    found = {(a, b): w for a, b, w in links(schools=SCHOOLS, affiliations=AFFILIATIONS)}
    assert found[(1, 2)] == 2  # the triad and the pair
    assert found[(3, 4)] == 1
    assert (5, 6) not in found
