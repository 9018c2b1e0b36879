"""Learning communities: every willing school in one of n groups of balanced size, each as
compact as it can be (Bedfordshire placed 224 schools in 7 geographic learning communities).

This is the capacitated p-median problem: choose n schools as the communities' centres and give
every school to one, each community's size within `balance` of the mean, minimising the total
distance from schools to their centre. Only CANDIDATES_PER_COMMUNITY x n schools, spread across
the area, may be centres (any school may join any of them), which keeps the model small; the
proven bound is for that model.
"""

import math
from dataclasses import dataclass
from typing import Any

from schoolweave.core.broker.model import Infeasible
from schoolweave.core.broker.scoring import Pool
from schoolweave.core.broker.solver import Backend
from schoolweave.core.broker.solver import solve as solve_model

CANDIDATES_PER_COMMUNITY = 6
MIN_CANDIDATES = 30


@dataclass(frozen=True)
class Partition:
    centre_of: dict[int, int]  # school -> its community's centre (indices in the pool)
    status: str
    bound: float | None


def sizes(pool: Pool) -> tuple[int, int]:
    count, n, balance = len(pool.candidates), pool.config.communities, pool.config.balance
    mean = count / n
    return max(1, math.floor(mean * (1 - balance))), math.ceil(mean * (1 + balance))


def check(pool: Pool) -> None:
    located = [c for c in pool.candidates if c.lat is not None and c.lon is not None]
    n = pool.config.communities
    if n < 1 or n > len(pool.candidates):
        raise Infeasible(
            f"Cannot form {n} learning communities from {len(pool.candidates)} willing schools",
            "communities",
        )
    if len(located) < len(pool.candidates):
        missing = tuple(c.urn for c in pool.candidates if c.lat is None or c.lon is None)
        raise Infeasible(
            f"{len(missing)} willing schools have no location in the register, so cannot be "
            "placed in a geographic community: give their locations or leave them out",
            "location",
            missing,
        )


def _options(pool: Pool) -> dict[int, list[tuple[int, float]]]:
    """For each school, the candidate centres it may join and the distances to them."""
    centres = _spread(pool, max(MIN_CANDIDATES, CANDIDATES_PER_COMMUNITY * pool.config.communities))
    return {
        school: [(c, pool.km(school, c) or 0.0) for c in centres]
        for school in range(len(pool.candidates))
    }


def _spread(pool: Pool, count: int) -> list[int]:
    """`count` schools spread across the area: the most central one, then each time the school
    furthest from those chosen (farthest-point sampling)."""
    size = len(pool.candidates)
    if count >= size:
        return list(range(size))
    chosen = [min(range(size), key=lambda s: sum(pool.km(s, o) or 0.0 for o in range(size)))]
    nearest = [pool.km(s, chosen[0]) or 0.0 for s in range(size)]
    while len(chosen) < count:
        furthest = max(range(size), key=lambda s: nearest[s])
        chosen.append(furthest)
        nearest = [min(nearest[s], pool.km(s, furthest) or 0.0) for s in range(size)]
    return sorted(chosen)


def solve(pool: Pool) -> Partition:
    check(pool)
    low, high = sizes(pool)
    options = _options(pool)
    count = len(pool.candidates)
    backend = Backend.for_shape(pool.config.shape)
    model = backend.model
    candidates = sorted({c for found in options.values() for c, _ in found})
    centre = {c: backend.boolean(f"centre{c}") for c in candidates}
    assign = {
        (s, c): backend.boolean(f"a{s}:{c}") for s, found in options.items() for c, _ in found
    }
    model.add(backend.total(list(centre.values())) == pool.config.communities)
    members: dict[int, list[Any]] = {}
    for s, found in options.items():
        model.add(backend.total([assign[(s, c)] for c, _ in found]) == 1)
        if (s, s) in assign:
            model.add(assign[(s, s)] >= centre[s])
    for (_, c), variable in assign.items():
        model.add(variable <= centre[c])
        members.setdefault(c, []).append(variable)
    for c in candidates:
        joined = backend.total(members.get(c, []))
        model.add(joined >= low * centre[c])
        model.add(joined <= high * centre[c])
    distances = {(s, c): km for s, found in options.items() for c, km in found}
    keys = list(assign)
    per_km = pool.config.weights.per_km
    model.maximize(
        backend.weighted([assign[k] for k in keys], [-per_km * distances[k] for k in keys])
    )
    solved = solve_model(backend, pool.config)
    if solved.status not in ("optimal", "feasible"):
        raise Infeasible(
            f"No way was found to split {count} schools into {pool.config.communities} "
            f"communities of {low} to {high} schools within the time limit: allow more "
            "difference in size (balance) or fewer communities",
            "balance",
        )
    return Partition(
        centre_of={s: c for (s, c), v in assign.items() if solved.value(v) > 0.5},
        status=solved.status,
        bound=solved.bound,
    )


def greedy(pool: Pool) -> Partition:
    """Centres spread out (each the school furthest from those chosen so far), then each school,
    closest first, joins the nearest centre with room."""
    check(pool)
    _, high = sizes(pool)
    count = len(pool.candidates)
    first = min(range(count), key=lambda s: sum(pool.km(s, o) or 0.0 for o in range(count)))
    centres = [first]
    while len(centres) < pool.config.communities:
        centres.append(
            max(
                (s for s in range(count) if s not in centres),
                key=lambda s: min(pool.km(s, c) or 0.0 for c in centres),
            )
        )
    room = dict.fromkeys(centres, high)
    centre_of: dict[int, int] = {}
    for c in centres:
        centre_of[c], room[c] = c, room[c] - 1
    wishes = sorted(
        (pool.km(s, c) or 0.0, s, c) for s in range(count) if s not in centre_of for c in centres
    )
    for _, s, c in wishes:
        if s not in centre_of and room[c] > 0:
            centre_of[s], room[c] = c, room[c] - 1
    return Partition(centre_of=centre_of, status="greedy", bound=None)
