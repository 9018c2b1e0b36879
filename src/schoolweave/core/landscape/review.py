"""The landscape review: "who was involved in lots of things and who was a bit out on a limb".

`review` takes every school the review may refer to (the schools in scope, their partners in
other LAs, and nearby schools) and their affiliations, and reports on the schools in scope.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist

from schoolweave.core.geo import EARTH_RADIUS_KM, FloatArray, chord_to_km, unit_vectors
from schoolweave.core.landscape.graph import Projection, agreement
from schoolweave.core.landscape.model import (
    Affiliation,
    AffiliationKind,
    Community,
    Landscape,
    NetworkMetrics,
    Overlap,
    PhaseCoverage,
    Reason,
    ReviewSettings,
    SchoolMetrics,
    SchoolPoint,
)
from schoolweave.core.progress import NoProgress, Progress

# Stages of a review, for progress reports: building the graph, bridging (betweenness),
# each school, communities.
_STEPS = ("Landscape review: graph, bridging, schools, communities",)
_STEP_COUNT = 4


@dataclass(frozen=True)
class AffiliationIndex:
    """Schools and groups numbered for the graph, with who is in what."""

    schools: tuple[SchoolPoint, ...]  # by URN
    position: Mapping[int, int]
    groups: tuple[str, ...]  # affiliation keys, sorted
    members: Mapping[str, frozenset[int]]  # key -> URNs
    of_school: Mapping[int, tuple[Affiliation, ...]]
    group_info: Mapping[str, Affiliation]

    @classmethod
    def of(
        cls, schools: Sequence[SchoolPoint], affiliations: Iterable[Affiliation]
    ) -> "AffiliationIndex":
        ordered = tuple(sorted(schools, key=lambda s: s.urn))
        position = {school.urn: i for i, school in enumerate(ordered)}
        members: dict[str, set[int]] = defaultdict(set)
        of_school: dict[int, list[Affiliation]] = defaultdict(list)
        info: dict[str, Affiliation] = {}
        for affiliation in affiliations:
            if affiliation.urn in position:
                members[affiliation.key].add(affiliation.urn)
                of_school[affiliation.urn].append(affiliation)
                info.setdefault(affiliation.key, affiliation)
        return cls(
            schools=ordered,
            position=position,
            groups=tuple(sorted(members)),
            members={key: frozenset(urns) for key, urns in members.items()},
            of_school={urn: tuple(found) for urn, found in of_school.items()},
            group_info=info,
        )

    def projection(self, kinds: Collection[AffiliationKind]) -> Projection:
        numbered = {key: j for j, key in enumerate(self.groups)}
        pairs = [
            (self.position[urn], numbered[key])
            for key in self.groups
            if self.group_info[key].kind in kinds
            for urn in sorted(self.members[key])
        ]
        return Projection.of(len(self.schools), pairs, len(self.groups))

    def networks_of(self, urn: int) -> list[Affiliation]:
        return [a for a in self.of_school.get(urn, ()) if a.kind is AffiliationKind.NETWORK]

    def groups_of(self, urn: int) -> list[Affiliation]:
        return [a for a in self.of_school.get(urn, ()) if a.kind is AffiliationKind.GROUP]


def review(
    *,
    schools: Sequence[SchoolPoint],
    affiliations: Iterable[Affiliation],
    in_scope: Collection[int],
    settings: ReviewSettings | None = None,
    progress: Progress | None = None,
) -> Landscape:
    settings = settings or ReviewSettings()
    progress = progress or NoProgress()
    progress.stage(_STEPS[0], _STEP_COUNT)
    index = AffiliationIndex.of(schools, affiliations)
    scope = sorted(urn for urn in set(in_scope) if urn in index.position)
    everything = index.projection((AffiliationKind.NETWORK, AffiliationKind.GROUP))
    networks_only = index.projection((AffiliationKind.NETWORK,))
    progress.advance(1)
    betweenness, sampled = everything.betweenness(
        sample=settings.sample_sources, seed=settings.seed
    )
    progress.advance(1)
    nearest = _nearest_networked(index, scope)
    metrics = tuple(
        _school_metrics(index, urn, everything, networks_only, betweenness, nearest, settings)
        for urn in scope
    )
    isolated = [m.urn for m in metrics if m.isolated]
    progress.advance(1)
    communities, match = _communities(index, everything, scope, settings.seed)
    progress.advance(1)
    return Landscape(
        schools=metrics,
        networks=_network_metrics(index, scope, isolated, settings),
        coverage=_coverage(index, scope),
        overlaps=_overlaps(index, scope, settings.overlap),
        communities=communities,
        community_match=match,
        betweenness_sampled=sampled,
    )


# Schools ---------------------------------------------------------------------------------


def _school_metrics(
    index: AffiliationIndex,
    urn: int,
    everything: Projection,
    networks_only: Projection,
    betweenness: Sequence[float],
    nearest: Mapping[int, float],
    settings: ReviewSettings,
) -> SchoolMetrics:
    i = index.position[urn]
    partners = {index.schools[j].urn for j in everything.graph.neighbors(i)}
    network_partners = {index.schools[j].urn for j in networks_only.graph.neighbors(i)}
    networks, groups = index.networks_of(urn), index.groups_of(urn)
    load = sum(settings.role_weights.get(a.role, 1.0) for a in networks)
    load += settings.group_weight * len(groups)
    own_la = index.schools[i].la
    other_las = {index.schools[index.position[p]].la for p in partners} - {own_la}
    return SchoolMetrics(
        urn=urn,
        networks=len(networks),
        groups=len(groups),
        load=round(load, 2),
        partners=len(partners),
        network_partners=len(network_partners),
        betweenness=round(betweenness[i], 6),
        nearest_networked_km=nearest.get(urn),
        partner_las=tuple(sorted(other_las)),
        reasons=_reasons(index, urn, network_partners, nearest.get(urn), settings),
    )


def _reasons(
    index: AffiliationIndex,
    urn: int,
    network_partners: set[int],
    nearest_km: float | None,
    settings: ReviewSettings,
) -> tuple[Reason, ...]:
    reasons = []
    in_networks, groups = index.networks_of(urn), index.groups_of(urn)
    if not in_networks and not groups:
        reasons.append(Reason.NO_NETWORK)
    elif not in_networks:
        reasons.append(Reason.ONLY_OWN_TRUST)
    if nearest_km is not None and nearest_km > settings.far_km:
        reasons.append(Reason.FAR_FROM_NETWORKS)
    trust_mates = set().union(*(index.members[g.key] for g in groups)) if groups else set()
    if groups and network_partners and network_partners <= trust_mates:
        reasons.append(Reason.NO_PARTNER_OUTSIDE_TRUST)
    return tuple(reasons)


def _nearest_networked(index: AffiliationIndex, scope: Sequence[int]) -> dict[int, float]:
    """For each school in scope with a location: the distance to the nearest other school of
    its phase that is in an informal network."""
    found: dict[int, float] = {}
    for phase, urns in _by_phase(index, scope).items():
        networked = [
            s
            for s in index.schools
            if s.phase == phase and _located(s) and index.networks_of(s.urn)
        ]
        if len(networked) < 1:
            continue
        tree = cKDTree(unit_vectors(*_coordinates(networked)))
        asking = [index.schools[index.position[urn]] for urn in urns]
        distances, positions = tree.query(
            unit_vectors(*_coordinates(asking)), k=min(2, len(networked))
        )
        distances, positions = (
            distances.reshape(len(asking), -1),
            positions.reshape(len(asking), -1),
        )
        for school, row_d, row_p in zip(asking, distances, positions, strict=True):
            others = [
                d for d, p in zip(row_d, row_p, strict=True) if networked[p].urn != school.urn
            ]
            if others:
                found[school.urn] = round(float(chord_to_km(np.array([others[0]]))[0]), 2)
    return found


def _by_phase(index: AffiliationIndex, scope: Sequence[int]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for urn in scope:
        school = index.schools[index.position[urn]]
        if _located(school):
            grouped[school.phase].append(urn)
    return grouped


def _located(school: SchoolPoint) -> bool:
    return school.lat is not None and school.lon is not None


def _coordinates(schools: Sequence[SchoolPoint]) -> tuple[FloatArray, FloatArray]:
    return (
        np.array([s.lat for s in schools], dtype=np.float64),
        np.array([s.lon for s in schools], dtype=np.float64),
    )


# Networks ----------------------------------------------------------------------------------


def _network_keys(index: AffiliationIndex, scope: Sequence[int]) -> list[str]:
    keys = {a.key for urn in scope for a in index.networks_of(urn)}
    return sorted(keys)


def _network_metrics(
    index: AffiliationIndex, scope: Sequence[int], isolated: Sequence[int], settings: ReviewSettings
) -> tuple[NetworkMetrics, ...]:
    keys = _network_keys(index, scope)
    closest = _closest_overlaps(index, keys)
    near = _Isolated.of(index, isolated)
    result = []
    for key in keys:
        members = [index.schools[index.position[urn]] for urn in sorted(index.members[key])]
        phases = Counter(s.phase for s in members)
        result.append(
            NetworkMetrics(
                key=key,
                name=index.group_info[key].name,
                group_type=index.group_info[key].group_type,
                size=len(members),
                phases=dict(sorted(phases.items())),
                closest_overlap=closest.get(key),
                largest_trust_share=_largest_trust_share(index, members),
                spread_km=_spread(members),
                could_bring_in=_could_bring_in(members, phases, near, settings),
            )
        )
    return tuple(result)


def _largest_trust_share(index: AffiliationIndex, members: Sequence[SchoolPoint]) -> float:
    trusts = Counter(g.key for s in members for g in index.groups_of(s.urn))
    return round(max(trusts.values()) / len(members), 3) if trusts and members else 0.0


def _spread(members: Sequence[SchoolPoint]) -> float | None:
    """The greatest distance between two members (km)."""
    located = [s for s in members if _located(s)]
    if len(located) < 2:
        return None
    chords = pdist(unit_vectors(*_coordinates(located)))
    return round(float(chord_to_km(np.array([chords.max()]))[0]), 2)


@dataclass(frozen=True)
class _Isolated:
    """Isolated schools by phase, in a KD-tree each, to find those near a network."""

    trees: Mapping[str, tuple[Any, list[int]]]  # phase -> (cKDTree, URNs)

    @classmethod
    def of(cls, index: "AffiliationIndex", isolated: Sequence[int]) -> "_Isolated":
        by_phase: dict[str, list[SchoolPoint]] = defaultdict(list)
        for urn in isolated:
            school = index.schools[index.position[urn]]
            if _located(school):
                by_phase[school.phase].append(school)
        return cls(
            {
                phase: (cKDTree(unit_vectors(*_coordinates(found))), [s.urn for s in found])
                for phase, found in by_phase.items()
            }
        )

    def near(self, phase: str, centre: tuple[float, float], km: float) -> list[tuple[float, int]]:
        if phase not in self.trees:
            return []
        tree, urns = self.trees[phase]
        point = unit_vectors(np.array([centre[0]]), np.array([centre[1]]))[0]
        chord = 2 * np.sin(km / (2 * EARTH_RADIUS_KM))
        found = tree.query_ball_point(point, chord)
        distances = chord_to_km(np.linalg.norm(tree.data[found] - point, axis=1))
        return sorted(zip((float(d) for d in distances), (urns[i] for i in found), strict=True))


def _could_bring_in(
    members: Sequence[SchoolPoint],
    phases: Counter[str],
    isolated: _Isolated,
    settings: ReviewSettings,
) -> tuple[int, ...]:
    """Isolated schools of the network's main phase nearest its members, within twice the
    review's distance: schools an officer might ask."""
    located = [s for s in members if _located(s)]
    if not located or not phases:
        return ()
    lats, lons = _coordinates(located)
    centre = (float(lats.mean()), float(lons.mean()))
    member_urns = {s.urn for s in members}
    nearby = isolated.near(phases.most_common(1)[0][0], centre, 2 * settings.far_km)
    return tuple([urn for _, urn in nearby if urn not in member_urns][: settings.could_bring_in])


def _closest_overlaps(index: AffiliationIndex, keys: Sequence[str]) -> dict[str, tuple[str, float]]:
    """For each network, the other network sharing most of its members (by Jaccard), among
    networks that share a school with it."""
    shared: Counter[tuple[str, str]] = Counter()
    for affiliations in index.of_school.values():
        nets = sorted(a.key for a in affiliations if a.kind is AffiliationKind.NETWORK)
        shared.update(combinations(nets, 2))
    closest: dict[str, tuple[str, float]] = {}
    wanted = set(keys)
    for (first, second), count in sorted(shared.items()):
        jaccard = round(count / len(index.members[first] | index.members[second]), 3)
        for key, other in ((first, second), (second, first)):
            if key in wanted and jaccard > closest.get(key, ("", 0.0))[1]:
                closest[key] = (other, jaccard)
    return closest


def _overlaps(
    index: AffiliationIndex, scope: Sequence[int], threshold: float
) -> tuple[Overlap, ...]:
    """Pairs of networks sharing at least `threshold` of their members (Jaccard) and at least
    two schools: they may duplicate each other."""
    keys = set(_network_keys(index, scope))
    pairs = {
        tuple(sorted((a.key, b.key)))
        for urn in scope
        for a, b in combinations(index.networks_of(urn), 2)
        if a.key in keys and b.key in keys
    }
    found = []
    for first, second in sorted(pairs):
        common = index.members[first] & index.members[second]
        jaccard = len(common) / len(index.members[first] | index.members[second])
        if jaccard >= threshold and len(common) >= 2:
            found.append(Overlap(first, second, round(jaccard, 3), len(common)))
    return tuple(found)


# The LA ------------------------------------------------------------------------------------


def _coverage(index: AffiliationIndex, scope: Sequence[int]) -> tuple[PhaseCoverage, ...]:
    schools: Counter[str] = Counter()
    networked: Counter[str] = Counter()
    for urn in scope:
        phase = index.schools[index.position[urn]].phase or "Not recorded"
        schools[phase] += 1
        networked[phase] += bool(index.networks_of(urn))
    return tuple(PhaseCoverage(p, schools[p], networked[p]) for p in sorted(schools))


def _communities(
    index: AffiliationIndex, everything: Projection, scope: Sequence[int], seed: int
) -> tuple[tuple[Community, ...], float | None]:
    labels = everything.communities(seed=seed)
    in_scope = set(scope)
    grouped: dict[int, list[int]] = defaultdict(list)
    for school, label in zip(index.schools, labels, strict=True):
        if school.urn in in_scope:
            grouped[label].append(school.urn)
    communities = []
    for number, (_, urns) in enumerate(
        sorted(
            ((label, urns) for label, urns in grouped.items() if len(urns) > 1),
            key=lambda x: (-len(x[1]), x[1][0]),
        )
    ):
        networks = Counter(a.key for urn in urns for a in index.networks_of(urn))
        communities.append(Community(number + 1, tuple(urns), tuple(networks.most_common())))
    return tuple(communities), _match_with_networks(index, labels, scope)


def _match_with_networks(
    index: AffiliationIndex, labels: Sequence[int], scope: Sequence[int]
) -> float | None:
    """How far communities found in the graph agree with the networks schools are in (each
    networked school labelled by its largest network)."""
    chosen = [urn for urn in scope if index.networks_of(urn)]
    if len(chosen) < 2:
        return None
    largest = [
        max(index.networks_of(urn), key=lambda a: (len(index.members[a.key]), a.key)).key
        for urn in chosen
    ]
    formal = {key: n for n, key in enumerate(sorted(set(largest)))}
    return round(
        agreement([labels[index.position[urn]] for urn in chosen], [formal[k] for k in largest]), 3
    )
