"""The brokering engine: triads, hubs and spokes, learning communities and needs-based clusters,
formed by a stated objective, optimally (CP-SAT, with a proven bound), with reasons, and
compared with the greedy matching an officer would do by hand."""

import time
from collections.abc import Sequence

from schoolweave.core.broker import communities, leaders
from schoolweave.core.broker.explain import community_reasons, leader_reasons, unplaced_reason
from schoolweave.core.broker.model import (
    BrokerConfig,
    Candidate,
    ExistingPairs,
    Group,
    Infeasible,
    Placement,
    Proposal,
    Role,
    ScoreParts,
    Shape,
    Weights,
    Willingness,
)
from schoolweave.core.broker.scoring import Pool

__all__ = [
    "BrokerConfig",
    "Candidate",
    "ExistingPairs",
    "Group",
    "Infeasible",
    "Placement",
    "Proposal",
    "Role",
    "ScoreParts",
    "Shape",
    "Weights",
    "Willingness",
    "broker",
]

NO_LOCATION = "the register gives it no location, so it cannot join a geographic community"
VERBS = {Role.COORDINATOR: "co-ordinates", Role.HUB: "is the hub", Role.LEAD: "leads"}


def broker(*, candidates: Sequence[Candidate], config: BrokerConfig) -> Proposal:
    """Form groups of the shape asked for. Opted-out schools are never placed."""
    started = time.perf_counter()
    unlocated: tuple[int, ...] = ()
    if config.shape is Shape.COMMUNITY:
        # A geographic community needs a place on the map: schools without one are listed,
        # with that reason, rather than stopping the round.
        unlocated = tuple(
            c.urn
            for c in candidates
            if (c.lat is None or c.lon is None) and c.willingness is Willingness.OPTED_IN
        )
        candidates = [c for c in candidates if c.lat is not None and c.lon is not None]
    pool = Pool.of(candidates, config)
    _check_pins(pool, candidates)
    if config.shape is Shape.COMMUNITY:
        groups, greedy_groups, status, bound = _communities(pool)
    else:
        groups, greedy_groups, status, bound = _leaders(pool)
    objective = sum(g.score.total for g in groups)
    greedy_objective = sum(g.score.total for g in greedy_groups)
    if greedy_objective > objective:  # never return worse than the officer's method
        groups, objective, status = greedy_groups, greedy_objective, "greedy"
    placed = {m.urn for g in groups for m in g.members}
    unplaced = tuple(
        c.urn
        for c in pool.candidates
        if c.willingness is Willingness.OPTED_IN and c.urn not in placed
    )
    options = _who_had_options(pool)
    return Proposal(
        shape=config.shape,
        groups=groups,
        objective=round(objective, 3),
        bound=round(max(bound if bound is not None else objective, objective), 3),
        status=status,
        greedy_objective=round(greedy_objective, 3),
        greedy_groups=greedy_groups,
        greedy_unplaced_willing=_unplaced_willing(pool, greedy_groups) + unlocated,
        unplaced_willing=unplaced + unlocated,
        unplaced_reasons={
            **{urn: unplaced_reason(pool, pool.position[urn], urn in options) for urn in unplaced},
            **dict.fromkeys(unlocated, NO_LOCATION),
        },
        seconds=round(time.perf_counter() - started, 3),
    )


def _leaders(pool: Pool) -> tuple[tuple[Group, ...], tuple[Group, ...], str, float | None]:
    rules = leaders.rules_for(pool.config)
    found = leaders.arcs(pool, rules)
    baseline = leaders.greedy(pool, rules, found)
    solved = leaders.solve(pool, rules, found)
    at_least = _opted_in_placed(pool, baseline)
    if _opted_in_placed(pool, solved) < at_least:
        # Rare: the objective preferred fewer schools placed. Never place fewer willing
        # schools than the greedy baseline does: solve again with that as a constraint.
        solved = leaders.solve(pool, rules, found, at_least_placed=at_least)
    scores = {(a.leader, a.follower, a.focus): a.parts for a in found}
    return (
        _leader_groups(pool, rules, solved, scores),
        _leader_groups(pool, rules, baseline, scores),
        solved.status,
        solved.bound,
    )


def _leader_groups(
    pool: Pool,
    rules: leaders.ShapeRules,
    solution: leaders.Solution,
    scores: dict[tuple[int, int, str | None], ScoreParts],
) -> tuple[Group, ...]:
    groups = []
    for leader, focus in solution.leaders:
        followers = [f for f, lead, fcs in solution.followers if lead == leader and fcs == focus]
        score = sum((scores[(leader, f, focus)] for f in followers), ScoreParts())
        score = score + _fairness(pool, [leader, *followers])
        members = (
            Placement(pool.candidates[leader].urn, rules.leader_role),
            *(Placement(pool.candidates[f].urn, rules.follower_role) for f in followers),
        )
        reasons = leader_reasons(pool, leader, followers, focus, VERBS[rules.leader_role])
        groups.append(Group(members, score, focus, tuple(reasons)))
    return tuple(groups)


def _communities(pool: Pool) -> tuple[tuple[Group, ...], tuple[Group, ...], str, float | None]:
    solved = communities.solve(pool)
    baseline = communities.greedy(pool)
    fairness_total = _fairness(pool, range(len(pool.candidates))).fairness
    bound = None if solved.bound is None else solved.bound + fairness_total
    return _community_groups(pool, solved), _community_groups(pool, baseline), solved.status, bound


def _community_groups(pool: Pool, partition: communities.Partition) -> tuple[Group, ...]:
    by_centre: dict[int, list[int]] = {}
    for school, centre in sorted(partition.centre_of.items()):
        by_centre.setdefault(centre, []).append(school)
    groups = []
    for centre, members in sorted(
        by_centre.items(), key=lambda item: pool.candidates[item[0]].name
    ):
        distance = -pool.config.weights.per_km * sum(pool.km(m, centre) or 0.0 for m in members)
        score = ScoreParts(distance=round(distance, 4)) + _fairness(pool, members)
        ordered = [centre, *(m for m in members if m != centre)]
        placements = (
            Placement(pool.candidates[centre].urn, Role.LEAD),
            *(Placement(pool.candidates[m].urn, Role.MEMBER) for m in ordered[1:]),
        )
        groups.append(
            Group(placements, score, None, tuple(community_reasons(pool, centre, members)))
        )
    return tuple(groups)


def _opted_in_placed(pool: Pool, solution: leaders.Solution) -> int:
    placed = [s for s, _ in solution.leaders] + [f for f, _, _ in solution.followers]
    return sum(1 for school in placed if pool.opted_in(school))


def _unplaced_willing(pool: Pool, groups: Sequence[Group]) -> tuple[int, ...]:
    placed = {m.urn for g in groups for m in g.members}
    return tuple(
        c.urn
        for c in pool.candidates
        if c.willingness is Willingness.OPTED_IN and c.urn not in placed
    )


def _fairness(pool: Pool, members: Sequence[int] | range) -> ScoreParts:
    count = sum(1 for m in members if pool.opted_in(m))
    return ScoreParts(fairness=pool.config.weights.fairness * count)


def _who_had_options(pool: Pool) -> set[int]:
    if pool.config.shape is Shape.COMMUNITY:
        return {c.urn for c in pool.candidates}
    found = leaders.arcs(pool, leaders.rules_for(pool.config))
    return {pool.candidates[i].urn for a in found for i in (a.leader, a.follower)}


def _check_pins(pool: Pool, candidates: Sequence[Candidate]) -> None:
    """Pins the LA cannot have: a school that opted out, or a pair also forbidden."""
    everyone = {c.urn: c for c in candidates}
    for a, b in sorted(pool.config.pinned):
        for urn in (a, b):
            if urn in everyone and urn not in pool.position:
                raise Infeasible(
                    f"{everyone[urn].name} is pinned with another school but has opted out "
                    "(or is undecided and undecided schools are left out): schools are never "
                    "placed against their wish",
                    "pinned",
                    (urn,),
                )
        if (a, b) in pool.forbidden or (b, a) in pool.forbidden:
            names = [everyone[u].name if u in everyone else str(u) for u in (a, b)]
            raise Infeasible(
                f"{names[0]} and {names[1]} are both pinned together and kept apart",
                "pinned",
                (a, b),
            )
