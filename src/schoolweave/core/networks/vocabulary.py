"""Kinds of network and roles in them, in the words LAs use (the seeds' triads, hubs...)."""

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class NetworkKind(_Labelled):
    TRIAD = "triad"
    HUB_AND_SPOKE = "hub_and_spoke"
    CLUSTER = "cluster"
    LEARNING_COMMUNITY = "learning_community"
    NETWORKED_LEARNING_COMMUNITY = "networked_learning_community"
    THEMATIC = "thematic"
    COLLABORATIVE = "collaborative"
    OTHER = "other"


class NetworkStatus(_Labelled):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ENDED = "ended"


class MembershipRole(_Labelled):
    COORDINATOR = "coordinator"
    HUB = "hub"
    SPOKE = "spoke"
    LEAD = "lead"
    PARTNER = "partner"
    MEMBER = "member"


class NetworkContactRole(_Labelled):
    LEADER = "leader"
    LA_LINK_OFFICER = "la_link_officer"
    FACILITATOR = "facilitator"
    OTHER = "other"


_LABELS = {
    "leader": "Network leader",
    "la_link_officer": "LA link officer",
    "thematic": "Thematic or subject network",
    "coordinator": "Co-ordinating school",
    "lead": "Lead school",
}
