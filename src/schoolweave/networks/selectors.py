"""Reads from the network register: networks, their members and contacts."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from schoolweave.core.networks.vocabulary import MembershipRole
from schoolweave.networks.models import Membership, Network, NetworkContact

# Leading roles first: the school that co-ordinates a network, then its hub or lead.
_ROLE_ORDER = (
    MembershipRole.COORDINATOR,
    MembershipRole.HUB,
    MembershipRole.LEAD,
    MembershipRole.SPOKE,
    MembershipRole.PARTNER,
    MembershipRole.MEMBER,
)
_ROLE_RANK = Case(
    *(When(role=role.value, then=Value(rank)) for rank, role in enumerate(_ROLE_ORDER)),
    default=Value(len(_ROLE_ORDER)),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class NetworkMembers:
    current: Sequence[Membership]
    past: Sequence[Membership]


def networks_owned_by(*, la_code: str) -> QuerySet[Network]:
    """The LA's networks with `current_members`: how many schools are in each now."""
    return (
        Network.objects.filter(owner_las__code=la_code)
        .annotate(
            current_members=Count(
                "memberships", filter=Q(memberships__left__isnull=True), distinct=True
            )
        )
        .order_by("is_illustrative", "name")
    )


def network_get(*, pk: int) -> Network | None:
    """The network with its owner LAs, learning focuses and contacts."""
    return (
        Network.objects.prefetch_related(
            "owner_las",
            "learning_focuses",
            Prefetch("contacts", queryset=NetworkContact.objects.select_related("person__school")),
        )
        .filter(pk=pk)
        .first()
    )


def network_members(*, network: Network) -> NetworkMembers:
    """The network's schools now (leading roles first) and those that have left (latest
    first)."""
    memberships = (
        Membership.objects.filter(network=network)
        .select_related("school__la")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "school__name", "-joined")
    )
    current = [m for m in memberships if m.left is None]
    past = sorted(
        (m for m in memberships if m.left is not None),
        key=lambda m: (m.left, m.school.name),
        reverse=True,
    )
    return NetworkMembers(current=current, past=past)


def school_memberships(*, urn: int) -> QuerySet[Membership]:
    """The school's memberships of networks, current ones first, then by network name."""
    return (
        Membership.objects.filter(school_id=urn)
        .select_related("network")
        .order_by(Case(When(left__isnull=True, then=Value(0)), default=Value(1)), "network__name")
    )
