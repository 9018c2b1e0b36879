"""The schools export: what `schoolweave export schools` writes, one dict per school.

Networks are those the public may see (accounts.permissions, as the directory shows them)
unless the server's operator asks for unpublished ones too.
"""

from collections.abc import Iterator
from typing import Any, Literal

from django.db.models import Prefetch

from schoolweave.accounts.permissions import PUBLIC, networks_visible
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import OPEN_STATUSES, GroupLink, School

SCHOOL_COLUMNS = (
    "urn",
    "name",
    "la_code",
    "la_name",
    "phase",
    "type_group",
    "status",
    "postcode",
    "lat",
    "lon",
    "ofsted_rating",
    "networks",
    "groups",
)
StatusFilter = Literal["open", "all"]


def schools_export(
    *, la_code: str | None, status: StatusFilter, include_unpublished: bool = False
) -> Iterator[dict[str, Any]]:
    """Schools with their current networks (published ones only, unless
    `include_unpublished`) and statutory groups, by URN."""
    schools = School.objects.select_related("la").order_by("urn")
    if la_code is not None:
        schools = schools.filter(la_id=la_code)
    if status == "open":
        schools = schools.filter(status__in=OPEN_STATUSES)
    memberships = Membership.objects.filter(left__isnull=True)
    if not include_unpublished:
        memberships = memberships.filter(
            network__in=networks_visible(PUBLIC, Network.objects.all())
        )
    schools = schools.prefetch_related(
        Prefetch(
            "memberships",
            queryset=memberships.select_related("network").order_by("network__name"),
            to_attr="current_memberships",
        ),
        Prefetch(
            "group_links",
            queryset=GroupLink.objects.filter(ended_date__isnull=True)
            .select_related("group")
            .order_by("group__name"),
            to_attr="current_group_links",
        ),
    )
    for school in schools.iterator(chunk_size=2000):
        yield _school_row(school)


def _school_row(school: Any) -> dict[str, Any]:
    return {
        "urn": school.urn,
        "name": school.name,
        "la_code": school.la_id,
        "la_name": school.la.name,
        "phase": school.phase_name,
        "type_group": school.type_group_name,
        "status": school.status,
        "postcode": school.postcode,
        "lat": school.lat,
        "lon": school.lon,
        "ofsted_rating": school.ofsted_rating,
        "networks": [
            {
                "name": m.network.name,
                "kind": m.network.kind,
                "role": m.role,
                "illustrative": m.network.is_illustrative,
            }
            for m in school.current_memberships
        ],
        "groups": [
            {"name": link.group.name, "type": link.group.type_name}
            for link in school.current_group_links
        ],
    }


def flatten_for_csv(row: dict[str, Any]) -> dict[str, Any]:
    """One cell per column: lists become "name (kind, role); ..." text."""
    networks = "; ".join(
        f"{n['name']} ({n['kind']}, {n['role']}{', illustrative' if n['illustrative'] else ''})"
        for n in row["networks"]
    )
    groups = "; ".join(f"{g['name']} ({g['type']})" for g in row["groups"])
    return {**row, "networks": networks, "groups": groups}
