"""Triads, hubs and spokes, and needs-based clusters: each a leader and its followers.

A triad is a co-ordinating school and exactly two partners; a hub supports between
`min_followers` and `hub_capacity` spokes; a needs-based cluster is a lead school strong in one
focus and up to `cluster_size - 1` schools that need it. CP-SAT chooses the leaders and their
followers that maximise the objective, and reports its proven bound; the greedy baseline takes
the best pairing first, as an officer matching by hand would.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from schoolweave.core.broker.model import (
    BrokerConfig,
    ExistingPairs,
    Infeasible,
    Role,
    ScoreParts,
    Shape,
)
from schoolweave.core.broker.scoring import Pool
from schoolweave.core.broker.solver import Backend
from schoolweave.core.broker.solver import solve as solve_model


@dataclass(frozen=True)
class Arc:
    """Leader `leader` may take `follower` (for a cluster, in `focus`)."""

    leader: int
    follower: int
    focus: str | None
    parts: ScoreParts

    @property
    def value(self) -> float:
        return self.parts.total


@dataclass(frozen=True)
class ShapeRules:
    leader_role: Role
    follower_role: Role
    min_followers: int
    max_followers: int
    by_focus: bool


def rules_for(config: BrokerConfig) -> ShapeRules:
    if config.shape is Shape.TRIAD:
        return ShapeRules(Role.COORDINATOR, Role.PARTNER, 2, 2, False)
    if config.shape is Shape.HUB:
        return ShapeRules(Role.HUB, Role.SPOKE, config.min_followers, config.hub_capacity, False)
    return ShapeRules(Role.LEAD, Role.MEMBER, config.min_followers, config.cluster_size - 1, True)


@dataclass(frozen=True)
class Solution:
    """Leaders (index, focus) and each follower's leader."""

    leaders: tuple[tuple[int, str | None], ...]
    followers: tuple[tuple[int, int, str | None], ...]  # (follower, leader, focus)
    status: str
    bound: float | None


def arcs(pool: Pool, rules: ShapeRules) -> list[Arc]:
    found = []
    for leader in range(len(pool.candidates)):
        if not pool.may_lead(leader):
            continue
        lead = pool.candidates[leader]
        for follower in pool.near(leader, pool.config.max_km):
            if not pool.may_pair(leader, follower):
                continue
            if not rules.by_focus:
                found.append(Arc(leader, follower, None, pool.pair_score(leader, follower)))
                continue
            for focus in pool.focuses(pool.candidates[follower]):
                strong = pool.focus_strength(lead, focus) > 0 or pool.config.weak_coach
                if strong and pool.focus_need(pool.candidates[follower], focus) > 0:
                    parts = pool.pair_score(leader, follower, focus)
                    found.append(Arc(leader, follower, focus, parts))
    return found


def solve(
    pool: Pool, rules: ShapeRules, found: Sequence[Arc], *, at_least_placed: int = 0
) -> Solution:
    """The best proposal; it places at least `at_least_placed` opted-in schools (the greedy
    baseline's count, whose own answer shows it can be done)."""
    backend = Backend.for_shape(pool.config.shape, len(pool.candidates))
    model = backend.model
    x = [backend.boolean(f"x{i}") for i in range(len(found))]
    leads: dict[tuple[int, str | None], Any] = {}
    out: dict[tuple[int, str | None], list[int]] = defaultdict(list)
    into: dict[int, list[int]] = defaultdict(list)
    for i, arc in enumerate(found):
        key = (arc.leader, arc.focus)
        if key not in leads:
            leads[key] = backend.boolean(f"lead{arc.leader}:{arc.focus}")
        out[key].append(i)
        into[arc.follower].append(i)
    for key, arcs_out in out.items():
        taken = backend.total([x[i] for i in arcs_out])
        model.add(taken >= rules.min_followers * leads[key])
        model.add(taken <= rules.max_followers * leads[key])
        for i in arcs_out:  # implied by the sums, but stating it tightens the relaxation a lot
            model.add(x[i] <= leads[key])
    leading: dict[int, list[Any]] = defaultdict(list)
    for (leader, _), variable in leads.items():
        leading[leader].append(variable)
    for school in range(len(pool.candidates)):
        roles = [*leading.get(school, []), *(x[i] for i in into.get(school, []))]
        if len(roles) > 1:
            model.add(backend.total(roles) <= 1)
    _followers_apart(model, pool, found, x, out)
    broken = _pinned(backend, pool, found, x, out)
    fairness = pool.config.weights.fairness
    placed = [
        v
        for school in range(len(pool.candidates))
        if pool.opted_in(school)
        for v in [*leading.get(school, []), *(x[i] for i in into.get(school, []))]
    ]
    if at_least_placed:
        model.add(backend.total(placed) >= at_least_placed)
    penalty = 1 + sum(max(a.parts.total, 0) for a in found) + fairness * len(pool.candidates)
    model.maximize(
        backend.weighted(x, [a.parts.total for a in found])
        + backend.weight(fairness) * backend.total(placed)
        - backend.weight(penalty) * backend.total(list(broken))
    )
    solved = solve_model(backend, pool.config)
    if solved.status not in ("optimal", "feasible"):
        return Solution((), (), solved.status, None)
    impossible = [pair for v, pair in broken.items() if solved.value(v) > 0.5]
    if impossible:
        raise _pinned_infeasible(pool, impossible)
    chosen = [found[i] for i in range(len(found)) if solved.value(x[i]) > 0.5]
    return Solution(
        leaders=tuple(sorted({(a.leader, a.focus) for a in chosen}, key=_order)),
        followers=tuple(sorted((a.follower, a.leader, a.focus) for a in chosen)),
        status=solved.status,
        bound=solved.bound,
    )


def greedy(pool: Pool, rules: ShapeRules, found: Sequence[Arc]) -> Solution:
    """Best pairing first: take the most valuable pairing that still fits, until none does;
    then give up groups too small to stand."""
    role: dict[int, tuple[str, int, str | None]] = {}  # school -> ("lead"|"follow", leader, focus)
    members: dict[tuple[int, str | None], list[int]] = defaultdict(list)
    apart = _conflicts(pool)
    for arc in sorted(found, key=lambda a: (-a.value, a.leader, a.follower, a.focus or "")):
        key = (arc.leader, arc.focus)
        leading_already = role.get(arc.leader)
        if arc.follower in role or leading_already not in (None, ("lead", *key)):
            continue  # the follower is taken, or the leader has another place
        if len(members[key]) >= rules.max_followers:
            continue
        if any(_pair(arc.follower, other) in apart for other in members[key]):
            continue
        role[arc.leader] = ("lead", arc.leader, arc.focus)
        role[arc.follower] = ("follow", arc.leader, arc.focus)
        members[key].append(arc.follower)
    kept = {
        key: found_members
        for key, found_members in members.items()
        if len(found_members) >= rules.min_followers
    }
    return Solution(
        leaders=tuple(sorted(kept, key=_order)),
        followers=tuple(sorted((f, k[0], k[1]) for k, fs in kept.items() for f in fs)),
        status="greedy",
        bound=None,
    )


def _order(key: tuple[int, str | None]) -> tuple[int, str]:
    return key[0], key[1] or ""


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def _conflicts(pool: Pool) -> set[tuple[int, int]]:
    """Pairs of candidates that may not be in one group as two followers: same trust (unless
    allowed), forbidden by the LA, or together now when the LA wants new pairings."""
    found: set[tuple[int, int]] = set()
    by_trust: dict[str, list[int]] = defaultdict(list)
    for i, candidate in enumerate(pool.candidates):
        if candidate.trust and not pool.config.same_trust:
            by_trust[candidate.trust].append(i)
        if pool.config.existing is ExistingPairs.AVOID:
            found |= {
                _pair(i, pool.position[urn])
                for urn in candidate.partners_now
                if urn in pool.position
            }
    for members in by_trust.values():
        found |= {_pair(a, b) for n, a in enumerate(members) for b in members[n + 1 :]}
    found |= {
        _pair(pool.position[a], pool.position[b])
        for a, b in pool.config.forbidden
        if a in pool.position and b in pool.position
    }
    return found


def _followers_apart(
    model: Any,
    pool: Pool,
    found: Sequence[Arc],
    x: list[Any],
    out: dict[tuple[int, str | None], list[int]],
) -> None:
    conflicts = _conflicts(pool)
    if not conflicts:
        return
    for arcs_out in out.values():
        by_follower = {found[i].follower: i for i in arcs_out}
        for a, b in conflicts:
            if a in by_follower and b in by_follower:
                model.add(x[by_follower[a]] + x[by_follower[b]] <= 1)


def _pinned(
    backend: Backend,
    pool: Pool,
    found: Sequence[Arc],
    x: list[Any],
    out: dict[tuple[int, str | None], list[int]],
) -> dict[Any, tuple[int, int]]:
    """Pinned pairs (the LA's, and today's partners when kept) share a group. Each may be broken
    only at a cost greater than any proposal is worth, so a broken one in the answer is one no
    proposal can keep, and can be named."""
    pairs = set(pool.config.pinned)
    if pool.config.existing is ExistingPairs.KEEP:
        pairs |= {
            _pair(c.urn, urn)
            for c in pool.candidates
            for urn in c.partners_now
            if urn in pool.position
        }
    broken = {}
    for a_urn, b_urn in sorted(_pair(*p) for p in pairs):
        if a_urn not in pool.position or b_urn not in pool.position:
            continue
        a, b = pool.position[a_urn], pool.position[b_urn]
        together: list[Any] = [
            x[i] for i, arc in enumerate(found) if {arc.leader, arc.follower} == {a, b}
        ]
        for arcs_out in out.values():
            by_follower = {found[i].follower: i for i in arcs_out}
            if a in by_follower and b in by_follower:
                both = backend.boolean(f"both{a}:{b}")
                backend.model.add(both <= x[by_follower[a]])
                backend.model.add(both <= x[by_follower[b]])
                together.append(both)
        switch = backend.boolean(f"broken{a_urn}:{b_urn}")
        backend.model.add(backend.total([*together, switch]) >= 1)
        broken[switch] = (a_urn, b_urn)
    return broken


def _pinned_infeasible(pool: Pool, pairs: Iterable[tuple[int, int]]) -> Infeasible:
    names = {c.urn: c.name for c in pool.candidates}
    listed = "; ".join(f"{names.get(a, a)} with {names.get(b, b)}" for a, b in pairs)
    return Infeasible(
        f"These pairs are pinned together but no group can hold them within the limits "
        f"(distance, phase, trust, size): {listed}",
        "pinned",
        tuple(u for pair in pairs for u in pair),
    )
