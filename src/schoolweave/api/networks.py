"""The network register's endpoints: the directory of networks and memberships. Every list and
detail goes through the selectors the pages use, narrowed by accounts.permissions: a network
the viewer may not see is not listed, and its detail is 404, as its page is."""

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.params import P, PathEx

from schoolweave.accounts.permissions import can_see_contacts, can_see_network, viewer
from schoolweave.api import convert, schemas
from schoolweave.api.paging import window
from schoolweave.networks import selectors
from schoolweave.networks.selectors import DirectoryFilters, MembershipFilters

router = Router(tags=["networks"])


@router.get("/networks", response=schemas.NetworkPage, summary="List networks (the directory)")
def network_list(
    request: HttpRequest, filters: Query[schemas.NetworkQuery], paging: Query[schemas.Paging]
) -> schemas.NetworkPage:
    """The directory of networks: the same networks, filters and order as its page."""
    who = viewer(request)
    directory = selectors.network_directory(
        who=who,
        filters=DirectoryFilters(
            q=filters.q or "",
            la=filters.la or "",
            kind=filters.kind.value if filters.kind else "",
            focus=filters.focus or "",
            phase=filters.phase or "",
            school=filters.school or "",
        ),
    )
    fields, rows = window(request, directory, paging)
    with_contacts = can_see_contacts(who)
    return schemas.NetworkPage(
        **fields, items=[convert.network_out(request, n, with_contacts=with_contacts) for n in rows]
    )


@router.get(
    "/networks/{id}",
    response={200: schemas.NetworkDetailOut, 404: schemas.NotFound},
    summary="Get a network",
)
def network_detail(
    request: HttpRequest, id: PathEx[int, P(description="The network's id.")]
) -> schemas.NetworkDetailOut:
    """A network, with its contacts and its schools now and past."""
    who = viewer(request)
    network = selectors.network_get(pk=id)
    if network is None or not can_see_network(who, network):
        raise Http404("No network has this number")
    members = selectors.network_members(network=network)
    return convert.network_detail_out(
        request, network, members, with_contacts=can_see_contacts(who)
    )


@router.get("/memberships", response=schemas.MembershipPage, summary="List memberships")
def membership_list(
    request: HttpRequest, filters: Query[schemas.MembershipQuery], paging: Query[schemas.Paging]
) -> schemas.MembershipPage:
    """Schools' places in networks you may see, by network then school."""
    memberships = selectors.membership_list(
        who=viewer(request),
        filters=MembershipFilters(
            network=filters.network,
            urn=filters.urn,
            la=filters.la or "",
            current=filters.current,
        ),
    )
    fields, rows = window(request, memberships, paging)
    return schemas.MembershipPage(
        **fields, items=[convert.membership_out(request, m) for m in rows]
    )
