"""The register as the landscape review's inputs: the LA's open schools, the schools they share
a network or statutory group with, and networked schools nearby (a school's nearest networked
peer may be across the border). Only networks the viewer may see are included."""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from schoolweave.accounts.permissions import Viewer, networks_visible
from schoolweave.core.geo import EARTH_RADIUS_KM
from schoolweave.core.landscape import Affiliation, AffiliationKind, ReviewSettings, SchoolPoint
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, GroupLink, School

_FIELDS = ("urn", "name", "la_id", "phase_name", "type_group_name", "lat", "lon")


@dataclass(frozen=True)
class Inputs:
    schools: list[SchoolPoint]
    affiliations: list[Affiliation]
    scope: list[int]


def landscape_inputs(*, who: Viewer, la_code: str, settings: ReviewSettings) -> Inputs:
    in_scope = _points(School.objects.filter(la_id=la_code, status__in=OPEN_STATUSES))
    scope = [school.urn for school in in_scope]
    networks = networks_visible(who, Network.objects.all())
    memberships = _current_memberships(networks)
    links = GroupLink.objects.filter(ended_date__isnull=True)
    partner_urns = _partners(scope, memberships, links)
    nearby = _networked_nearby(in_scope, memberships, settings.far_km)
    others = _points(School.objects.filter(urn__in=(partner_urns | nearby) - set(scope)))
    schools = in_scope + others
    return Inputs(
        schools=schools,
        affiliations=list(_affiliations([s.urn for s in schools], memberships, links)),
        scope=scope,
    )


def national_inputs(*, who: Viewer) -> Inputs:
    """Every open school in England in scope; every school in the register for distances."""
    networks = networks_visible(who, Network.objects.all())
    memberships = _current_memberships(networks)
    links = GroupLink.objects.filter(ended_date__isnull=True)
    schools = _points(School.objects.filter(status__in=OPEN_STATUSES))
    return Inputs(
        schools=schools,
        affiliations=list(_affiliations(None, memberships, links)),
        scope=[s.urn for s in schools],
    )


def _current_memberships(networks: QuerySet[Network]) -> QuerySet[Membership]:
    return Membership.objects.filter(left__isnull=True, network__in=networks)


def _partners(
    scope: list[int], memberships: QuerySet[Membership], links: QuerySet[GroupLink]
) -> set[int]:
    network_ids = memberships.filter(school_id__in=scope).values("network_id")
    group_ids = links.filter(school_id__in=scope).values("group_id")
    return set(
        memberships.filter(network_id__in=network_ids).values_list("school_id", flat=True)
    ) | set(links.filter(group_id__in=group_ids).values_list("school_id", flat=True))


def _networked_nearby(
    scope: list[SchoolPoint], memberships: QuerySet[Membership], far_km: float
) -> set[int]:
    lats = [s.lat for s in scope if s.lat is not None]
    lons = [s.lon for s in scope if s.lon is not None]
    if not lats or not lons:
        return set()
    margin = math.degrees(2 * far_km / EARTH_RADIUS_KM)  # latitude; longitude gets twice it
    box = Q(lat__range=(min(lats) - margin, max(lats) + margin)) & Q(
        lon__range=(min(lons) - 2 * margin, max(lons) + 2 * margin)
    )
    return set(
        School.objects.filter(
            box, status__in=OPEN_STATUSES, memberships__in=memberships
        ).values_list("urn", flat=True)
    )


def _affiliations(
    urns: list[int] | None, memberships: QuerySet[Membership], links: QuerySet[GroupLink]
) -> Iterable[Affiliation]:
    """The schools' current memberships and group links (`urns` None: everyone's)."""
    if urns is not None:
        memberships = memberships.filter(school_id__in=urns)
        links = links.filter(school_id__in=urns)
    for m in memberships.values(
        "school_id", "network_id", "network__name", "network__kind", "role"
    ):
        yield Affiliation(
            m["school_id"],
            f"network:{m['network_id']}",
            AffiliationKind.NETWORK,
            m["network__name"],
            m["network__kind"],
            m["role"],
        )
    for g in links.values("school_id", "group_id", "group__name", "group__type_name"):
        yield Affiliation(
            g["school_id"],
            f"group:{g['group_id']}",
            AffiliationKind.GROUP,
            g["group__name"],
            g["group__type_name"],
        )


def _points(schools: QuerySet[School]) -> list[SchoolPoint]:
    return [SchoolPoint(*row) for row in schools.order_by("urn").values_list(*_FIELDS)]
