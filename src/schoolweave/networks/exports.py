"""The directory of networks as rows for its CSV and XLSX downloads: one dict per network.

The rows come from selectors.network_directory, the query the page and the API use, so a
download lists exactly the networks the page lists for the same filters.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from schoolweave.networks.models import Network

DIRECTORY_COLUMNS = (
    "id",
    "name",
    "kind",
    "status",
    "owner_la_codes",
    "owner_las",
    "learning_focuses",
    "schools_now",
    "leaders",
    "partners",
    "expertise",
    "illustrative",
    "published",
    "url",
)
# Only for signed-in users (accounts.permissions.can_see_contacts).
CONTACT_COLUMNS = ("leader_contacts",)


def directory_columns(*, with_contacts: bool) -> tuple[str, ...]:
    return DIRECTORY_COLUMNS + CONTACT_COLUMNS if with_contacts else DIRECTORY_COLUMNS


def directory_rows(
    networks: Iterable[Network], *, with_contacts: bool, url_of: Callable[[Network], str]
) -> Iterator[dict[str, Any]]:
    """A row per network of selectors.network_directory, lists joined with "; "."""
    for network in networks:
        owners = list(network.owner_las.all())
        leaders = [contact.person for contact in getattr(network, "leaders", [])]
        row: dict[str, Any] = {
            "id": network.pk,
            "name": network.name,
            "kind": network.get_kind_display(),
            "status": network.get_status_display(),
            "owner_la_codes": "; ".join(la.code for la in owners),
            "owner_las": "; ".join(la.name for la in owners),
            "learning_focuses": "; ".join(f.name for f in network.learning_focuses.all()),
            "schools_now": getattr(network, "current_members", None),
            "leaders": "; ".join(person.name for person in leaders),
            "partners": "; ".join(p.partner.name for p in getattr(network, "public_partners", [])),
            "expertise": "; ".join(
                f"{e.title} ({e.focus.name}, {e.get_phase_display()})"
                for e in getattr(network, "offers", [])
            ),
            "illustrative": network.is_illustrative,
            "published": network.is_published,
            "url": url_of(network),
        }
        if with_contacts:
            row["leader_contacts"] = "; ".join(
                ", ".join(part for part in (p.name, p.email, p.telephone) if part) for p in leaders
            )
        yield row
