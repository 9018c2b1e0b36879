"""Cohorts of schools an impact evaluation looks at: one network, the networks of one kind in
an LA that started in one academic year, a brokering round's published networks, or a
hand-picked list of URNs. Each school carries the unit its standard errors are clustered by:
the network it belongs to, or the school itself.

Years follow the performance data's convention: an academic year is named by the calendar year
it ends in, so a network from September 2018 has start year 2019, and that year's results are
the first "after" figures.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, Q, QuerySet

from schoolweave.audit.models import AuditEntry
from schoolweave.core.networks.vocabulary import NetworkKind
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import LocalAuthority

KINDS = frozenset(kind.value for kind in NetworkKind)


@dataclass(frozen=True)
class Cohort:
    key: str  # "network:12", "kind:333:triad:2019", "round:4", "urns"
    label: str  # in words, for headings and the report
    members: Mapping[int, str]  # URN -> cluster ("network:12", or "school:URN")
    start_year: int | None = None  # when the cohort itself says (a network's start)
    illustrative: bool = False  # some of its networks are made up for the demo
    networks: tuple[int, ...] = field(default=())

    @property
    def urns(self) -> list[int]:
        return sorted(self.members)


def academic_year(day: date) -> int:
    """The academic year a day falls in, named by the calendar year it ends in."""
    return day.year + 1 if day.month >= 9 else day.year


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of academic year `year` (1 September to 31 August)."""
    return date(year - 1, 9, 1), date(year, 8, 31)


def year_words(year: int) -> str:
    """2019 -> "2018/19", as DfE names academic years."""
    return f"{year - 1}/{year % 100:02d}"


def kind_words(kind: str) -> str:
    """ "triad" -> "triad networks", "thematic" -> "thematic or subject networks"."""
    words = NetworkKind(kind).label.lower() if kind in KINDS else kind.replace("_", " ")
    return f"{words}s" if words.endswith("network") else f"{words} networks"


def network_cluster(network_id: int) -> str:
    return f"network:{network_id}"


def school_cluster(urn: int) -> str:
    return f"school:{urn}"


def network_start_year(network: Network) -> int | None:
    """The academic year the network began: its start date, else its earliest member's."""
    if network.start_date is not None:
        return academic_year(network.start_date)
    first = network.memberships.aggregate(first=Min("joined"))["first"]
    return None if first is None else academic_year(first)


def network_cohort(*, network: Network, start_year: int | None = None) -> Cohort:
    """The network's schools in its start year: those that had joined by the end of that year
    and had not left before it began. Schools that joined later are a later cohort."""
    start_year = start_year or network_start_year(network)
    memberships = Membership.objects.filter(network=network)
    if start_year is None:
        memberships = memberships.filter(left__isnull=True)
    else:
        first, last = year_bounds(start_year)
        memberships = memberships.filter(
            Q(joined__isnull=True) | Q(joined__lte=last), Q(left__isnull=True) | Q(left__gte=first)
        )
    urns = memberships.values_list("school_id", flat=True)
    return Cohort(
        key=f"network:{network.pk}",
        label=network.name,
        members={urn: network_cluster(network.pk) for urn in urns},
        start_year=start_year,
        illustrative=network.is_illustrative,
        networks=(network.pk,),
    )


def kind_cohort(
    *, la: LocalAuthority, kind: str, start_year: int, networks: QuerySet[Network]
) -> Cohort:
    """Schools that joined a network of `kind` owned by the LA during academic year
    `start_year` (a membership with no date counts from its network's start). `networks` is
    what the viewer may see (accounts.permissions.networks_visible)."""
    first, last = year_bounds(start_year)
    joined_then = Q(joined__range=(first, last)) | Q(
        joined__isnull=True, network__start_date__range=(first, last)
    )
    rows = (
        Membership.objects.filter(
            joined_then,
            network__in=networks.filter(kind=kind, owner_las=la),
        )
        .order_by("network_id", "school_id")
        .values_list("school_id", "network_id", "network__is_illustrative")
    )
    members: dict[int, str] = {}
    network_ids: set[int] = set()
    illustrative = False
    for urn, network_id, is_illustrative in rows:
        members.setdefault(urn, network_cluster(network_id))
        network_ids.add(network_id)
        illustrative |= is_illustrative
    return Cohort(
        key=f"kind:{la.code}:{kind}:{start_year}",
        label=f"{la.name}'s {kind_words(kind)} that started in {year_words(start_year)}",
        members=members,
        start_year=start_year,
        illustrative=illustrative,
        networks=tuple(sorted(network_ids)),
    )


def kind_cohorts(*, la: LocalAuthority, networks: QuerySet[Network]) -> list[tuple[str, int, int]]:
    """The cohorts an LA's networks make: (kind, start year, schools), newest first."""
    counts: dict[tuple[str, int], set[int]] = {}
    rows = Membership.objects.filter(network__in=networks.filter(owner_las=la)).values_list(
        "network__kind", "joined", "network__start_date", "school_id"
    )
    for kind, joined, started, urn in rows:
        day = joined or started
        if day is not None:
            counts.setdefault((kind, academic_year(day)), set()).add(urn)
    return sorted(
        ((kind, year, len(urns)) for (kind, year), urns in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )


ROUND_PUBLISHED = "round.publish"


def round_network_ids(round_id: int) -> tuple[list[int], date | None]:
    """The networks a brokering round published, as its audit entry records them."""
    entry = (
        AuditEntry.objects.filter(
            action=ROUND_PUBLISHED, object_type="round", object_id=str(round_id)
        )
        .order_by("-at")
        .first()
    )
    if entry is None:
        return [], None
    ids = [int(pk) for pk in (entry.after or {}).get("networks", [])]
    return ids, entry.at.date()


def round_cohort(*, round_id: int, round_name: str) -> Cohort:
    """The schools of the networks a brokering round published; they start in the academic
    year of publication."""
    ids, published = round_network_ids(round_id)
    rows = (
        Membership.objects.filter(network_id__in=ids)
        .order_by("network_id", "school_id")
        .values_list("school_id", "network_id", "network__is_illustrative")
    )
    members: dict[int, str] = {}
    illustrative = False
    for urn, network_id, is_illustrative in rows:
        members.setdefault(urn, network_cluster(network_id))
        illustrative |= is_illustrative
    return Cohort(
        key=f"round:{round_id}",
        label=f"The networks brokered by {round_name}",
        members=members,
        start_year=None if published is None else academic_year(published),
        illustrative=illustrative,
        networks=tuple(sorted(ids)),
    )


def urns_cohort(*, urns: Iterable[int], label: str = "The listed schools") -> Cohort:
    """A hand-picked list: each school clustered by the network it is in now (the one first
    added, if several), else by itself."""
    wanted = list(dict.fromkeys(urns))
    current = _current_networks(wanted)
    return Cohort(
        key="urns",
        label=label,
        members={urn: current.get(urn) or school_cluster(urn) for urn in wanted},
        networks=tuple(sorted({int(c.split(":")[1]) for c in current.values()})),
    )


def _current_networks(urns: Collection[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    rows = (
        Membership.objects.filter(school_id__in=list(urns), left__isnull=True)
        .order_by("network_id")
        .values_list("school_id", "network_id")
    )
    for urn, network_id in rows:
        found.setdefault(urn, network_cluster(network_id))
    return found
