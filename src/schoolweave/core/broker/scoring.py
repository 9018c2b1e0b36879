"""Who may be with whom, and what a pairing is worth: the objective's terms, in one place."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.spatial.distance import cdist

from schoolweave.core.broker.model import (
    BrokerConfig,
    Candidate,
    ExistingPairs,
    ScoreParts,
    Willingness,
)
from schoolweave.core.geo import FloatArray, chord_to_km, unit_vectors

STRENGTH_CAP = 3.0  # no single focus dominates a pairing


@dataclass(frozen=True)
class Pool:
    """The candidates who may be placed, indexed, with the distances between them."""

    candidates: tuple[Candidate, ...]  # the placeable ones, by URN
    config: BrokerConfig

    @classmethod
    def of(cls, candidates: Sequence[Candidate], config: BrokerConfig) -> "Pool":
        allowed = (
            (Willingness.OPTED_IN, Willingness.UNDECIDED)
            if config.include_undecided
            else (Willingness.OPTED_IN,)
        )
        placeable = sorted((c for c in candidates if c.willingness in allowed), key=lambda c: c.urn)
        return cls(tuple(placeable), config)

    @cached_property
    def position(self) -> dict[int, int]:
        return {c.urn: i for i, c in enumerate(self.candidates)}

    @cached_property
    def _km(self) -> FloatArray:
        """Distances between all candidates (km; NaN where a location is missing). An LA's
        pool is at most a couple of thousand schools, so the whole matrix is small."""
        lats = np.array([np.nan if c.lat is None else c.lat for c in self.candidates])
        lons = np.array([np.nan if c.lon is None else c.lon for c in self.candidates])
        points = unit_vectors(lats, lons)
        return chord_to_km(np.nan_to_num(cdist(points, points), nan=np.nan))

    def km(self, a: int, b: int) -> float | None:
        value = float(self._km[a, b])
        return None if math.isnan(value) else value

    def near(self, a: int, km: float | None) -> list[int]:
        """Candidates within `km` of candidate `a` (every other candidate when km is None)."""
        if km is None:
            return [b for b in range(len(self.candidates)) if b != a]
        with np.errstate(invalid="ignore"):
            close = np.flatnonzero(self._km[a] <= km)
        return [int(b) for b in close if b != a]

    @cached_property
    def forbidden(self) -> frozenset[tuple[int, int]]:
        return frozenset(_pair(*p) for p in self.config.forbidden)

    def opted_in(self, a: int) -> bool:
        return self.candidates[a].willingness is Willingness.OPTED_IN

    def may_lead(self, a: int) -> bool:
        candidate, config = self.candidates[a], self.config
        if candidate.leader_eligible is not None:
            return candidate.leader_eligible
        if config.weak_coach:
            return True
        good = candidate.ofsted is not None and candidate.ofsted <= config.leader_best_ofsted
        strong = any(self.focus_strength(candidate, f) > 0 for f in self.focuses(candidate))
        return good and (strong or not config.leader_needs_strength)

    def focuses(self, candidate: Candidate) -> tuple[str, ...]:
        if self.config.focuses:
            return self.config.focuses
        return tuple(sorted(set(candidate.strengths) | set(candidate.needs)))

    @staticmethod
    def focus_strength(candidate: Candidate, focus: str) -> float:
        return min(candidate.strengths.get(focus, 0.0), STRENGTH_CAP)

    @staticmethod
    def focus_need(candidate: Candidate, focus: str) -> float:
        return min(candidate.needs.get(focus, 0.0), STRENGTH_CAP)

    def may_pair(self, a: int, b: int) -> bool:
        """Hard limits on two schools in one group, either way round."""
        first, second, config = self.candidates[a], self.candidates[b], self.config
        if not config.cross_phase and first.phase != second.phase:
            return False
        if not config.same_trust and first.trust and first.trust == second.trust:
            return False
        if _pair(first.urn, second.urn) in self.forbidden:
            return False
        if config.existing is ExistingPairs.AVOID and second.urn in first.partners_now:
            return False
        if config.max_km is not None:
            km = self.km(a, b)
            return km is not None and km <= config.max_km
        return True

    def pair_score(self, leader: int, follower: int, focus: str | None = None) -> ScoreParts:
        """What `leader` supporting `follower` is worth (focus: a cluster's one shared need)."""
        weights = self.config.weights
        lead, follow = self.candidates[leader], self.candidates[follower]
        focuses = (focus,) if focus else self.focuses(follow)
        complementarity = sum(
            weights.complementarity * min(self.focus_strength(lead, f), self.focus_need(follow, f))
            + weights.mutual * min(self.focus_strength(follow, f), self.focus_need(lead, f))
            + (
                weights.shared_need * min(self.focus_need(lead, f), self.focus_need(follow, f))
                if self.config.weak_coach
                else 0.0
            )
            for f in focuses
        )
        km = self.km(leader, follower)
        return ScoreParts(
            complementarity=round(complementarity, 4),
            context=round(
                weights.diversity * (2 * _context_distance(lead, follow) - 1) * weights.context, 4
            ),
            distance=round(-weights.per_km * (km or 0.0), 4),
        )


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def _context_distance(a: Candidate, b: Candidate) -> float:
    """How different two schools' contexts are, 0 (alike) to 1, over what is known of both:
    % FSM, size (on a log scale), Ofsted grade and phase."""
    parts = []
    if a.fsm is not None and b.fsm is not None:
        parts.append(min(abs(a.fsm - b.fsm) / 40.0, 1.0))
    if a.pupils and b.pupils:
        parts.append(min(abs(math.log(a.pupils) - math.log(b.pupils)) / math.log(4), 1.0))
    if a.ofsted is not None and b.ofsted is not None:
        parts.append(abs(a.ofsted - b.ofsted) / 3.0)
    parts.append(0.0 if a.phase == b.phase else 1.0)
    return sum(parts) / len(parts)


def contexts_known(candidates: Mapping[int, Candidate]) -> list[str]:
    """Which context features the dial can use here (for saying so on the page)."""
    known = ["phase"]
    values = list(candidates.values())
    for name, present in (
        ("% FSM", any(c.fsm is not None for c in values)),
        ("size", any(c.pupils for c in values)),
        ("Ofsted", any(c.ofsted is not None for c in values)),
    ):
        if present:
            known.append(name)
    return known
