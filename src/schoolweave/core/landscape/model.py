"""The landscape review's inputs and results, as plain data.

Inputs are what the register knows: schools (with location and phase) and their affiliations,
to informal networks and to statutory groups (trusts, federations) alike. Results are per
school, per network and for the LA under review.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class AffiliationKind(StrEnum):
    NETWORK = "network"  # an informal network: triad, hub and spoke, cluster...
    GROUP = "group"  # a statutory group from GIAS: trust, federation...


@dataclass(frozen=True)
class SchoolPoint:
    urn: int
    name: str
    la: str
    phase: str
    type_group: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Affiliation:
    """A school's current place in a network or statutory group."""

    urn: int
    key: str  # unique across kinds, e.g. "network:12", "group:2044"
    kind: AffiliationKind
    name: str
    group_type: str  # "triad", "Multi-academy trust"...
    role: str = "member"  # membership role, for networks


# How much participation weighs: a co-ordinating or hub school carries more (the seeds' triads
# give the co-ordinating school the work of supporting two partners).
DEFAULT_ROLE_WEIGHTS: Mapping[str, float] = {
    "coordinator": 2.0,
    "hub": 2.0,
    "lead": 1.5,
    "spoke": 1.0,
    "partner": 1.0,
    "member": 1.0,
}


@dataclass(frozen=True)
class ReviewSettings:
    role_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_ROLE_WEIGHTS))
    group_weight: float = 0.5  # being in a trust or federation: some load, less than a network
    far_km: float = 5.0  # nearest networked school of the same phase further than this: a reason
    overlap: float = 0.5  # networks sharing at least this Jaccard share of members may duplicate
    sample_sources: int | None = None  # sampled betweenness (national runs); None: exact
    seed: int = 0
    could_bring_in: int = 5


class Reason(StrEnum):
    NO_NETWORK = "no_network"
    ONLY_OWN_TRUST = "only_own_trust"
    FAR_FROM_NETWORKS = "far_from_networks"
    NO_PARTNER_OUTSIDE_TRUST = "no_partner_outside_trust"


REASON_WORDS = {
    Reason.NO_NETWORK: "in no informal network",
    Reason.ONLY_OWN_TRUST: "works only with its own trust",
    Reason.FAR_FROM_NETWORKS: "the nearest school of its phase in a network is {km:.1f} km away",
    Reason.NO_PARTNER_OUTSIDE_TRUST: "every partner school is in its own trust",
}


@dataclass(frozen=True)
class SchoolMetrics:
    urn: int
    networks: int  # informal networks it is in now
    groups: int  # statutory groups it is in now
    load: float  # participation weighted by role
    partners: int  # distinct schools it shares a network or group with
    network_partners: int  # ... through informal networks only
    betweenness: float  # normalised, on the school-school projection (0 to 1)
    nearest_networked_km: float | None  # nearest other school of its phase in a network
    partner_las: tuple[str, ...]  # LAs of its partners other than its own
    reasons: tuple[Reason, ...]

    @property
    def isolated(self) -> bool:
        return bool(self.reasons)

    def reasons_in_words(self) -> list[str]:
        return [REASON_WORDS[r].format(km=self.nearest_networked_km or 0.0) for r in self.reasons]


@dataclass(frozen=True)
class NetworkMetrics:
    key: str
    name: str
    group_type: str
    size: int
    phases: Mapping[str, int]
    closest_overlap: tuple[str, float] | None  # (other network's key, Jaccard)
    largest_trust_share: float  # share of members in the trust most of them are in
    spread_km: float | None  # the greatest distance between two members
    could_bring_in: tuple[int, ...]  # nearby isolated schools of its main phase (URNs)


@dataclass(frozen=True)
class Overlap:
    first: str
    second: str
    jaccard: float
    shared: int


@dataclass(frozen=True)
class Community:
    number: int
    urns: tuple[int, ...]
    networks: tuple[tuple[str, int], ...]  # (network key, members in this community), largest first


@dataclass(frozen=True)
class PhaseCoverage:
    phase: str
    schools: int
    in_network: int

    @property
    def share(self) -> float:
        return self.in_network / self.schools if self.schools else 0.0


@dataclass(frozen=True)
class Landscape:
    """The review of the schools in scope (an LA's open schools, or all of England)."""

    schools: tuple[SchoolMetrics, ...]
    networks: tuple[NetworkMetrics, ...]
    coverage: tuple[PhaseCoverage, ...]
    overlaps: tuple[Overlap, ...]
    communities: tuple[Community, ...]
    community_match: float | None  # NMI of communities and formal networks (1 = the same)
    betweenness_sampled: bool
