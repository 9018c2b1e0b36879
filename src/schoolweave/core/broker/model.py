"""The brokering engine's inputs and results, as plain data.

The seeds' LAs formed networks "by the mutual benefit of working collaboratively", voluntarily
and by transparent criteria: Sandwell's triads (a co-ordinating school and two partners),
Sunderland's hubs and spokes, Bedfordshire's geographic learning communities and Leicester's
clusters of schools with a shared need.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Shape(StrEnum):
    TRIAD = "triad"
    HUB = "hub"
    COMMUNITY = "community"
    CLUSTER = "cluster"


class Willingness(StrEnum):
    OPTED_IN = "opted_in"
    UNDECIDED = "undecided"
    OPTED_OUT = "opted_out"  # never placed


class ExistingPairs(StrEnum):
    IGNORE = "ignore"
    KEEP = "keep"  # schools in a network together now stay together
    AVOID = "avoid"  # ... are put with others


@dataclass(frozen=True)
class Candidate:
    """A school in scope, with what the register and the performance data say of it."""

    urn: int
    name: str
    phase: str
    lat: float | None = None
    lon: float | None = None
    pupils: float | None = None  # or a labelled size proxy
    fsm: float | None = None  # % eligible for free school meals
    ofsted: int | None = None  # 1 outstanding, 2 good, 3 requires improvement, 4 inadequate
    trust: str | None = None
    strengths: Mapping[str, float] = field(default_factory=dict)  # focus -> how clear (0-3)
    needs: Mapping[str, float] = field(default_factory=dict)
    willingness: Willingness = Willingness.UNDECIDED
    leader_eligible: bool | None = None  # the LA's own decision; None: by the criteria
    # Each focus's evidence in words, for reasons ("KS2 maths progress +6.1 vs similar schools").
    evidence: Mapping[str, str] = field(default_factory=dict)
    partners_now: frozenset[int] = frozenset()  # URNs it is in a network with now


@dataclass(frozen=True)
class Weights:
    """The objective, in the open: what a placement is worth."""

    complementarity: float = 1.0  # a leader's strength meeting a follower's need, per focus
    mutual: float = 0.5  # ... and the follower's strength meeting the leader's need
    diversity: float = 0.0  # the dial: -1 favours similar schools, +1 different ones
    context: float = 1.0  # how much the dial can move a pair's score
    per_km: float = 0.1  # distance penalty
    fairness: float = 3.0  # each opted-in school placed
    shared_need: float = 0.5  # with `weak_coach`: schools that both need a focus


@dataclass(frozen=True)
class BrokerConfig:
    shape: Shape
    focuses: tuple[str, ...] = ()  # focuses considered; empty: every one the data has
    max_km: float | None = 15.0  # no two schools in a group further apart than this
    cross_phase: bool = False
    same_trust: bool = False  # allow two schools of one trust in a group
    existing: ExistingPairs = ExistingPairs.IGNORE
    leader_best_ofsted: int = 2  # a leader must be good (2) or better, unless the LA says
    leader_needs_strength: bool = True
    weak_coach: bool = False  # the seeds' finding: a school may coach in its own weak area
    hub_capacity: int = 4  # spokes a hub supports at most
    min_followers: int = 2  # spokes or cluster members a group needs at least
    cluster_size: int = 6  # members of a needs-based cluster at most, lead included
    communities: int = 4  # learning communities to form
    balance: float = 0.2  # learning communities' sizes within this share of the mean
    include_undecided: bool = True
    pinned: frozenset[tuple[int, int]] = frozenset()  # pairs the LA keeps together
    forbidden: frozenset[tuple[int, int]] = frozenset()  # pairs the LA keeps apart
    weights: Weights = field(default_factory=Weights)
    time_limit: float = 30.0  # the solver's deterministic time limit (about seconds)
    workers: int = 2
    seed: int = 0


class Role(StrEnum):
    COORDINATOR = "coordinator"
    PARTNER = "partner"
    HUB = "hub"
    SPOKE = "spoke"
    LEAD = "lead"
    MEMBER = "member"


@dataclass(frozen=True)
class Placement:
    urn: int
    role: Role


@dataclass(frozen=True)
class ScoreParts:
    complementarity: float = 0.0
    context: float = 0.0
    distance: float = 0.0
    fairness: float = 0.0

    @property
    def total(self) -> float:
        return self.complementarity + self.context + self.distance + self.fairness

    def __add__(self, other: "ScoreParts") -> "ScoreParts":
        return ScoreParts(
            self.complementarity + other.complementarity,
            self.context + other.context,
            self.distance + other.distance,
            self.fairness + other.fairness,
        )


@dataclass(frozen=True)
class Group:
    members: tuple[Placement, ...]  # the leader first, where there is one
    score: ScoreParts
    focus: str | None = None  # a needs-based cluster's shared need
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    shape: Shape
    groups: tuple[Group, ...]
    objective: float
    bound: float
    status: str  # "optimal", "feasible" (within the time limit), or "greedy"
    greedy_objective: float
    greedy_groups: tuple[Group, ...]
    greedy_unplaced_willing: tuple[int, ...]
    unplaced_willing: tuple[int, ...]  # opted-in schools without a place, and why not below
    unplaced_reasons: Mapping[int, str]
    seconds: float

    @property
    def gap(self) -> float:
        """How far the objective may be from the best possible, as a share of the bound."""
        if self.bound == 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / abs(self.bound))


@dataclass
class Infeasible(Exception):
    """No proposal can meet the constraints; `explanation` says which and for whom."""

    explanation: str
    constraint: str
    schools: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.explanation
