"""Every placement's reasons, in words an officer can read out."""

from collections.abc import Sequence

from schoolweave.core.broker.model import Candidate
from schoolweave.core.broker.scoring import Pool

OFSTED = {1: "outstanding", 2: "good", 3: "requires improvement", 4: "inadequate"}


def leader_reasons(
    pool: Pool, leader: int, followers: Sequence[int], focus: str | None, verb: str
) -> list[str]:
    lead = pool.candidates[leader]
    follows = [pool.candidates[f] for f in followers]
    needed = _needed(pool, follows, focus)
    strong = [f for f in needed if pool.focus_strength(lead, f) > 0]
    parts = []
    if strong:
        parts.append("strong in " + _and([_evidence(lead, f, "strength") for f in strong]))
    elif pool.config.weak_coach and needed:
        parts.append("coaching in an area it is improving itself (" + _and(needed) + ")")
    if lead.ofsted in OFSTED:
        parts.append(f"{OFSTED[lead.ofsted]} Ofsted")
    distances = [(pool.km(leader, f), pool.candidates[f].name) for f in followers]
    if all(km is not None for km, _ in distances):
        parts.append(_and([f"{km:.1f} km from {name}" for km, name in distances]))
    first = f"{lead.name} {verb}" + (": " + ", ".join(parts) if parts else "")
    return [first, *(_follower_reason(pool, f, focus) for f in follows)]


def community_reasons(pool: Pool, centre: int, members: Sequence[int]) -> list[str]:
    distances = [pool.km(centre, m) or 0.0 for m in members]
    return [
        f"{len(members)} schools within {max(distances):.1f} km of "
        f"{pool.candidates[centre].name}, the community's most central school"
    ]


def unplaced_reason(pool: Pool, school: int, had_options: bool) -> str:
    if had_options:
        return "the groups it could join were full, or better filled by other schools"
    limits = []
    if pool.config.max_km is not None:
        limits.append(f"within {pool.config.max_km:g} km")
    if not pool.config.cross_phase:
        limits.append("of its phase")
    if not pool.config.same_trust:
        limits.append("outside its trust")
    where = " ".join(limits)
    nearby = [o for o in pool.near(school, pool.config.max_km) if pool.may_pair(school, o)]
    if nearby and not any(pool.may_lead(other) for other in [school, *nearby]):
        rule = f"Ofsted {_ofsted_rule(pool)}" + (
            " and a strength in a focus area" if pool.config.leader_needs_strength else ""
        )
        return f"no willing school {where} meets the criteria to lead a group ({rule})"
    return f"no willing school it could be grouped with {where}"


def _ofsted_rule(pool: Pool) -> str:
    return {1: "outstanding", 2: "good or better", 3: "requires improvement or better"}.get(
        pool.config.leader_best_ofsted, "any grade"
    )


def _follower_reason(pool: Pool, follower: Candidate, focus: str | None) -> str:
    needs = (
        [focus]
        if focus
        else [f for f in pool.focuses(follower) if pool.focus_need(follower, f) > 0]
    )
    if not needs:
        return f"{follower.name} joins: no need recorded, it brings its own practice"
    return f"{follower.name} needs " + _and([_evidence(follower, f, "need") for f in needs])


def _needed(pool: Pool, follows: Sequence[Candidate], focus: str | None) -> list[str]:
    if focus:
        return [focus]
    found: list[str] = []
    for follower in follows:
        for f in pool.focuses(follower):
            if pool.focus_need(follower, f) > 0 and f not in found:
                found.append(f)
    return found


def _evidence(candidate: Candidate, focus: str, kind: str) -> str:
    words = candidate.evidence.get(focus)
    return f"{focus} ({words})" if words else focus


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
