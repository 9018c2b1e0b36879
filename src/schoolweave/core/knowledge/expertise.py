"""Expertise from the performance data: where a school's figures show a strength.

This is the integration point with the performance data (the evidence app): it takes computed
strengths as plain data, one per school and focus area, and turns those whose focus area maps
onto a learning focus and phase into offers of expertise. Only focus areas with a clear
learning focus are mapped; the others (Ofsted, finance...) are not expertise to offer.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from schoolweave.core.knowledge.vocabulary import Phase

# The evidence app's focus areas (core.performance.strengths.FOCUS_AREAS) -> (learning focus
# slug, phase).
EVIDENCE_FOCUS: dict[str, tuple[str, Phase]] = {
    "reading": ("reading", Phase.KS2),
    "writing": ("writing", Phase.KS2),
    "maths": ("maths", Phase.KS2),
}


@dataclass(frozen=True)
class ComputedStrength:
    """A strength the performance data show: a school, a focus area, and why."""

    urn: int
    focus_area: str
    reason: str
    year: int | None = None
    score: float | None = None  # how far above similar schools, in standard deviations


@dataclass(frozen=True)
class ComputedOffer:
    urn: int
    focus: str  # learning focus slug
    phase: Phase
    reason: str
    year: int | None
    score: float | None


def offers_from_strengths(strengths: Iterable[ComputedStrength]) -> tuple[ComputedOffer, ...]:
    """One offer per school, focus and phase (the highest score where two map to one), in URN
    and focus order."""
    best: dict[tuple[int, str, Phase], ComputedOffer] = {}
    for strength in strengths:
        mapped = EVIDENCE_FOCUS.get(strength.focus_area)
        if mapped is None:
            continue
        focus, phase = mapped
        offer = ComputedOffer(
            strength.urn, focus, phase, strength.reason, strength.year, strength.score
        )
        key = (strength.urn, focus, phase)
        current = best.get(key)
        if current is None or (offer.score or 0.0) > (current.score or 0.0):
            best[key] = offer
    return tuple(best[k] for k in sorted(best))
