"""Reads from the network register: networks, their members and contacts.

Every read that lists networks or memberships takes the Viewer and narrows to what
accounts.permissions lets them see; the directory query is the one the directory page, its
downloads and the API all use.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When

from schoolweave.accounts.permissions import Viewer, expertise_visible, networks_visible
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkContactRole, NetworkKind
from schoolweave.core.numbers import URN_DIGITS, typed_number
from schoolweave.knowledge.models import Expertise
from schoolweave.networks.models import LearningFocus, Membership, Network, NetworkContact
from schoolweave.register.models import LocalAuthority
from schoolweave.register.phases import phase_sort_key
from schoolweave.resources.models import Partnership

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


@dataclass(frozen=True)
class DirectoryFilters:
    """What a user narrowed the directory of networks to; blank means any."""

    q: str = ""  # every word is in the network's name
    la: str = ""  # an owner LA's code
    kind: str = ""  # a NetworkKind value
    focus: str = ""  # a learning focus's slug
    phase: str = ""  # the phase of a school in the network now
    school: str = ""  # the name (every word) or URN of a school in the network now


@dataclass(frozen=True)
class DirectoryChoices:
    """The values the directory's filters offer, as (value, label) pairs."""

    las: list[tuple[str, str]]
    kinds: list[tuple[str, str]]
    focuses: list[tuple[str, str]]
    phases: list[str]


def _visible(who: Viewer) -> QuerySet[Network]:
    return networks_visible(who, Network.objects.all())


def _with_current_members(networks: QuerySet[Network]) -> QuerySet[Network]:
    return networks.annotate(
        current_members=Count(
            "memberships", filter=Q(memberships__left__isnull=True), distinct=True
        )
    )


def networks_owned_by(*, la_code: str, who: Viewer) -> QuerySet[Network]:
    """The LA's networks the viewer may see, with `current_members`: how many schools are in
    each now."""
    owned = _visible(who).filter(owner_las__code=la_code)
    return _with_current_members(owned).order_by("is_illustrative", "name", "pk")


def network_directory(*, who: Viewer, filters: DirectoryFilters) -> QuerySet[Network]:
    """The networks the viewer may see that match the filters: real ones first, then by name.
    Each has `current_members`, its owner LAs, learning focuses and `leaders` (contacts with
    their person) loaded."""
    networks = _visible(who)
    for word in filters.q.split():
        networks = networks.filter(name__icontains=word)
    if filters.la:
        owned = Network.owner_las.through.objects.filter(localauthority_id=filters.la)
        networks = networks.filter(pk__in=owned.values("network_id"))
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    if filters.focus:
        focused = Network.learning_focuses.through.objects.filter(learningfocus__slug=filters.focus)
        networks = networks.filter(pk__in=focused.values("network_id"))
    current = Membership.objects.filter(left__isnull=True)
    if filters.phase:
        in_phase = current.filter(school__phase_name=filters.phase)
        networks = networks.filter(pk__in=in_phase.values("network_id"))
    if filters.school.split():
        with_school = current.filter(_school_matches(filters.school))
        networks = networks.filter(pk__in=with_school.values("network_id"))
    leaders = NetworkContact.objects.filter(role=NetworkContactRole.LEADER).select_related("person")
    return (
        _with_current_members(networks)
        .prefetch_related(
            "owner_las",
            "learning_focuses",
            Prefetch("contacts", queryset=leaders.order_by("person__name"), to_attr="leaders"),
        )
        .order_by("is_illustrative", "name", "pk")
    )


def with_partners_and_expertise(who: Viewer, networks: QuerySet[Network]) -> QuerySet[Network]:
    """The directory's networks with what they offer: `public_partners`, their current
    partnerships with public partners beyond schools (private ones are their LA's business),
    and `offers`, the network's expertise the viewer may see."""
    partners = Partnership.objects.filter(end_date__isnull=True, partner__is_public=True)
    offers = expertise_visible(who, Expertise.objects.filter(network__isnull=False))
    return networks.prefetch_related(
        Prefetch(
            "partnerships",
            queryset=partners.select_related("partner").order_by("partner__name"),
            to_attr="public_partners",
        ),
        Prefetch("expertise", queryset=offers.select_related("focus"), to_attr="offers"),
    )


def directory_choices(*, who: Viewer) -> DirectoryChoices:
    """The LAs that own a network the viewer may see, every kind and learning focus, and the
    phases of schools in networks now."""
    owners = Network.owner_las.through.objects.filter(network__in=_visible(who))
    las = LocalAuthority.objects.filter(code__in=owners.values("localauthority_id"))
    phases = (
        Membership.objects.filter(left__isnull=True)
        .exclude(school__phase_name="")
        .values_list("school__phase_name", flat=True)
        .order_by()
        .distinct()
    )
    return DirectoryChoices(
        las=list(las.order_by("name").values_list("code", "name")),
        kinds=NetworkKind.choices(),
        focuses=list(LearningFocus.objects.order_by("name").values_list("slug", "name")),
        phases=sorted(set(phases), key=phase_sort_key),
    )


def _school_matches(text: str) -> Q:
    words = text.split()
    matches = Q()
    for word in words:
        matches &= Q(school__name__icontains=word)
    compact = "".join(words)
    urn = typed_number(compact, max_digits=URN_DIGITS)
    if urn is not None:
        matches |= Q(school_id=urn)
    return matches


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


def school_memberships(*, urn: int, who: Viewer) -> QuerySet[Membership]:
    """The school's memberships of networks the viewer may see, current ones first, then by
    network name."""
    return (
        Membership.objects.filter(school_id=urn, network__in=_visible(who))
        .select_related("network")
        .order_by(Case(When(left__isnull=True, then=Value(0)), default=Value(1)), "network__name")
    )


@dataclass(frozen=True)
class MembershipFilters:
    """Which memberships to list; None or blank means any."""

    network: int | None = None  # the network's id
    urn: int | None = None  # the school's URN
    la: str = ""  # the school's LA code
    current: bool | None = None  # True: members now; False: those that have left


def membership_list(*, who: Viewer, filters: MembershipFilters) -> QuerySet[Membership]:
    """Memberships of the networks the viewer may see, with their network and school, by
    network then school."""
    memberships = Membership.objects.filter(network__in=_visible(who))
    if filters.network is not None:
        memberships = memberships.filter(network_id=filters.network)
    if filters.urn is not None:
        memberships = memberships.filter(school_id=filters.urn)
    if filters.la:
        memberships = memberships.filter(school__la_id=filters.la)
    if filters.current is not None:
        memberships = memberships.filter(left__isnull=filters.current)
    return memberships.select_related("network", "school__la").order_by(
        "network__name", "network_id", "school__name", "school_id", "pk"
    )


def memberships_stamp() -> str:
    """Changes when a membership is added, ended, reopened or removed: figures computed over
    networks (whose members count, and which other networks' figures could be set against
    them) are cached under it."""
    found = Membership.objects.aggregate(
        rows=Count("id"), last_id=Max("id"), ended=Count("left"), last_left=Max("left")
    )
    return ".".join(str(value) for value in found.values())
