"""The register's endpoints: local authorities, schools and statutory groups, public data as
GIAS publishes it. Networks listed with them are only those the viewer may see."""

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.params import P, PathEx

from schoolweave.accounts.permissions import viewer
from schoolweave.api import convert, schemas
from schoolweave.api.paging import window
from schoolweave.networks import selectors as networks
from schoolweave.register import selectors
from schoolweave.register.selectors import GroupListFilters, SchoolListFilters

router = Router()


@router.get(
    "/las",
    response=schemas.LocalAuthorityPage,
    summary="List local authorities",
    tags=["local authorities"],
)
def la_list(request: HttpRequest, paging: Query[schemas.Paging]) -> schemas.LocalAuthorityPage:
    """Every local authority in the register, by name, with its counts of schools."""
    fields, rows = window(request, selectors.local_authority_list(), paging)
    return schemas.LocalAuthorityPage(**fields, items=[convert.la_out(request, la) for la in rows])


@router.get(
    "/las/{code}",
    response={200: schemas.LocalAuthorityDetailOut, 404: schemas.NotFound},
    summary="Get a local authority",
    tags=["local authorities"],
)
def la_detail(
    request: HttpRequest, code: PathEx[str, P(description="3-digit LA code.")]
) -> schemas.LocalAuthorityDetailOut:
    """A local authority, with the networks it owns that you may see."""
    la = selectors.local_authority_summary(code=code)
    if la is None:
        raise Http404("No local authority has this code")
    owned = networks.networks_owned_by(la_code=la.code, who=viewer(request))
    return convert.la_detail_out(request, la, owned)


@router.get("/schools", response=schemas.SchoolPage, summary="List schools", tags=["schools"])
def school_list(
    request: HttpRequest, filters: Query[schemas.SchoolQuery], paging: Query[schemas.Paging]
) -> schemas.SchoolPage:
    """Schools of the register, by URN."""
    schools = selectors.school_list(
        filters=SchoolListFilters(
            la=filters.la or "",
            phase=filters.phase or "",
            status=filters.status,
            q=filters.q or "",
        )
    )
    fields, rows = window(request, schools, paging)
    return schemas.SchoolPage(**fields, items=[convert.school_out(request, s) for s in rows])


@router.get(
    "/schools/{urn}",
    response={200: schemas.SchoolDetailOut, 404: schemas.NotFound},
    summary="Get a school",
    tags=["schools"],
)
def school_detail(
    request: HttpRequest, urn: PathEx[int, P(description="The school's URN.")]
) -> schemas.SchoolDetailOut:
    """A school, with its statutory groups and its networks (those you may see)."""
    school = selectors.school_get(urn=urn)
    if school is None:
        raise Http404("No school has this URN")
    memberships = networks.school_memberships(urn=urn, who=viewer(request))
    return convert.school_detail_out(request, school, memberships)


@router.get(
    "/groups",
    response=schemas.GroupPage,
    summary="List statutory groups",
    tags=["statutory groups"],
)
def group_list(
    request: HttpRequest, filters: Query[schemas.GroupQuery], paging: Query[schemas.Paging]
) -> schemas.GroupPage:
    """Trusts, federations and other statutory groups, by UID."""
    groups = selectors.group_list(
        filters=GroupListFilters(la=filters.la or "", type=filters.type or "", q=filters.q or "")
    )
    fields, rows = window(request, groups, paging)
    return schemas.GroupPage(**fields, items=[convert.group_out(g) for g in rows])


@router.get(
    "/groups/{uid}",
    response={200: schemas.GroupDetailOut, 404: schemas.NotFound},
    summary="Get a statutory group",
    tags=["statutory groups"],
)
def group_detail(
    request: HttpRequest, uid: PathEx[int, P(description="The group's UID in GIAS.")]
) -> schemas.GroupDetailOut:
    """A statutory group, with its schools (now first, then those that left)."""
    group = selectors.group_get(uid=uid)
    if group is None:
        raise Http404("No statutory group has this UID")
    return convert.group_detail_out(group, selectors.group_schools(uid=uid))
