"""The words of knowledge exchange and strategy, as the seeds use them.

The diagnostic's criteria and their values are a public interface (`schoolweave diagnose`
reads them from JSON), so their spellings never change; what they mean in plain words lives in
the content files (knowledge/content/), which an LA may adapt. Models take their choices from
here.
"""

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


# The six approaches ------------------------------------------------------------------------


class Approach(_Labelled):
    """The LEArning Project's six approaches, in the seeds' order (which also breaks ties)."""

    CONSULTING = "consulting"
    ENQUIRING = "enquiring"
    REPLICATING = "replicating"
    DIRECTING = "directing"
    RESPONDING = "responding"
    LANDSCAPING = "landscaping"


class Criterion(_Labelled):
    """What the diagnostic asks, in the order the JSON file and the form give them."""

    KNOWLEDGE = "knowledge"
    STRUCTURES = "structures"
    CAPACITY = "capacity"
    INFLUENCE = "influence"
    PURPOSE = "purpose"


class Knowledge(StrEnum):
    LESS_THAN_NETWORKS = "less_than_networks"
    VARIABLE = "variable"
    DEVELOPED_BUT_LOCAL = "developed_but_local"
    LOW_BUT_POLICY_STRONG = "low_but_policy_strong"
    HIGH_LONG_STANDING = "high_long_standing"
    THEORETICAL = "theoretical"


class Structures(StrEnum):
    MULTIPLE_OVERLAPPING_DIFFERENT_PURPOSES = "multiple_overlapping_different_purposes"
    ESTABLISHED_WEAKLY_CONNECTED = "established_weakly_connected"
    FEW_WELL_DEFINED_OTHERS_EMERGENT = "few_well_defined_others_emergent"
    INITIATIVE_DRIVEN = "initiative_driven"
    COMPLEX_MATURE_VARIED_COMMITMENT = "complex_mature_varied_commitment"
    MULTIPLE_DISPERSED_INCOHERENT = "multiple_dispersed_incoherent"


class Capacity(StrEnum):
    IN_NETWORKS_FRAGMENTED = "in_networks_fragmented"
    HIGH_BUT_FEW_ENTHUSIASTS = "high_but_few_enthusiasts"
    LIMITED_VOLUNTARY_MODERATE_COMMITMENT = "limited_voluntary_moderate_commitment"
    MODERATE_RELIES_ON_INCENTIVES = "moderate_relies_on_incentives"
    MEDIUM_SOME_SELF_SUSTAINING = "medium_some_self_sustaining"
    HIGH_STRONG_VISION = "high_strong_vision"


class Influence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Purpose(StrEnum):
    BUY_IN = "buy_in"
    KNOWLEDGE_GENERATION = "knowledge_generation"
    SPREAD_PRACTICE = "spread_practice"
    RAPID_DELIVERY = "rapid_delivery"
    RE_ENGAGE = "re_engage"
    COHERENCE = "coherence"


CRITERION_VALUES: dict[Criterion, tuple[str, ...]] = {
    Criterion.KNOWLEDGE: tuple(Knowledge),
    Criterion.STRUCTURES: tuple(Structures),
    Criterion.CAPACITY: tuple(Capacity),
    Criterion.INFLUENCE: tuple(Influence),
    Criterion.PURPOSE: tuple(Purpose),
}


# The enquiry cycle ---------------------------------------------------------------------------


class EnquiryStage(_Labelled):
    """The five stages of the seeds' enquiry cycle, in order."""

    PLANNING = "planning"
    GATHERING = "gathering"
    SYNTHESIS = "synthesis"
    CONFRONTING = "confronting"
    RECONSTRUCTING = "reconstructing"


class StageStatus(_Labelled):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Sharing(_Labelled):
    """Who sees an enquiry's working (stages, notes, attachments)."""

    NETWORK = "network"  # its leaders and its LA's officers
    LA = "la"  # also everyone signed in with a role in the network's LA
    PUBLISHED = "published"  # and, once finished, its public summary to everyone, across LAs


# Self-reviews ---------------------------------------------------------------------------------


class Challenge(_Labelled):
    """The five challenges a network reviews itself against, in the seeds' order."""

    FOCUS = "focus"
    OWNERSHIP = "ownership"
    STRUCTURES = "structures"
    CAPACITY = "capacity"
    EFFECTIVENESS = "effectiveness"


class BrokerageRole(_Labelled):
    """The five brokerage roles an LA reviews itself against, in the seeds' order."""

    MEMBERSHIP = "membership"
    RELATIONSHIPS = "relationships"
    PARTNERSHIPS = "partnerships"
    RESOURCES = "resources"
    KNOWLEDGE = "knowledge"


class ReviewKind(_Labelled):
    NETWORK_CHALLENGES = "network_challenges"  # a network, against the five challenges
    LA_BROKERAGE = "la_brokerage"  # an LA, against the five brokerage roles


class Rating(_Labelled):
    """How a network (or LA) rates itself on one question; higher is better."""

    STRONG = "strong"
    DEVELOPING = "developing"
    STRUGGLING = "struggling"
    NOT_STARTED = "not_started"

    @property
    def label(self) -> str:
        if self is Rating.NOT_STARTED:
            return "Not started: we have not begun on this"
        return super().label

    @property
    def points(self) -> int:
        return {"strong": 4, "developing": 3, "struggling": 2, "not_started": 1}[self.value]

    @property
    def is_struggle(self) -> bool:
        return self in (Rating.STRUGGLING, Rating.NOT_STARTED)


# Expertise ------------------------------------------------------------------------------------


class Phase(_Labelled):
    """Where in schooling an offer of expertise applies: a phase or key stage."""

    EARLY_YEARS = "early_years"
    KS1 = "ks1"
    KS2 = "ks2"
    KS3 = "ks3"
    KS4 = "ks4"
    POST_16 = "post_16"
    ALL = "all"


class EvidenceKind(_Labelled):
    DESCRIBED = "described"  # described by the school (or network), with a date
    COMPUTED = "computed"  # a strength computed from the performance data


_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "network": "The network and its local authority",
    "la": "Everyone working in the local authority's schools and networks",
    "published": "Published: a public summary for everyone, in every local authority",
    "network_challenges": "Network self-review against the five challenges",
    "la_brokerage": "Local authority self-review of the five brokerage roles",
    "strong": "Strong: we do this well",
    "developing": "Developing: we are getting there",
    "struggling": "Struggling: this is hard for us",
    "early_years": "Early years",
    "ks1": "Key stage 1",
    "ks2": "Key stage 2",
    "ks3": "Key stage 3",
    "ks4": "Key stage 4",
    "post_16": "16 to 19",
    "all": "All phases",
    "described": "Described by the school or network",
    "computed": "Computed from performance data",
}
