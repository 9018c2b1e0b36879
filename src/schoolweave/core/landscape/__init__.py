"""The landscape review of a local authority's (or England's) school networks."""

from schoolweave.core.landscape.model import (
    DEFAULT_ROLE_WEIGHTS,
    REASON_WORDS,
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
from schoolweave.core.landscape.review import review
from schoolweave.core.landscape.shapes import links, outline

__all__ = [
    "DEFAULT_ROLE_WEIGHTS",
    "REASON_WORDS",
    "Affiliation",
    "AffiliationKind",
    "Community",
    "Landscape",
    "NetworkMetrics",
    "Overlap",
    "PhaseCoverage",
    "Reason",
    "ReviewSettings",
    "SchoolMetrics",
    "SchoolPoint",
    "links",
    "outline",
    "review",
]
