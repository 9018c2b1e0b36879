"""Rows the selectors return, as the API's output schemas. Whether contact details go out is
decided by the caller (accounts.permissions.can_see_contacts) and passed in."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from schoolweave.api import schemas
from schoolweave.core.gias import SchoolStatus
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkContactRole
from schoolweave.networks.models import Membership, Network, NetworkContact
from schoolweave.networks.selectors import NetworkMembers
from schoolweave.register.models import GroupLink, LocalAuthority, School, StatutoryGroup


def _url(request: HttpRequest, name: str, *args: object) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


# Local authorities


def la_out(request: HttpRequest, la: LocalAuthority) -> schemas.LocalAuthorityOut:
    return schemas.LocalAuthorityOut(**_la_fields(request, la))


def la_detail_out(
    request: HttpRequest, la: LocalAuthority, networks: Iterable[Network]
) -> schemas.LocalAuthorityDetailOut:
    return schemas.LocalAuthorityDetailOut(
        **_la_fields(request, la), networks=[network_ref_out(request, n) for n in networks]
    )


def _la_fields(request: HttpRequest, la: LocalAuthority) -> dict[str, Any]:
    return {
        "code": la.code,
        "name": la.name,
        "region": la.region,
        "gss_code": la.gss_code,
        "open_schools": getattr(la, "open_schools", 0),
        "all_schools": getattr(la, "all_schools", 0),
        "url": _url(request, "la_detail", la.code),
    }


# Schools


def school_ref_out(school: School) -> schemas.SchoolRef:
    return schemas.SchoolRef(urn=school.urn, name=school.name, la_code=school.la_id)


def school_out(request: HttpRequest, school: School) -> schemas.SchoolOut:
    return schemas.SchoolOut(**_school_fields(request, school))


def school_detail_out(
    request: HttpRequest, school: School, memberships: Iterable[Membership]
) -> schemas.SchoolDetailOut:
    return schemas.SchoolDetailOut(
        **_school_fields(request, school),
        address=school.address,
        website=school.website,
        telephone=school.telephone,
        statutory_low_age=school.statutory_low_age,
        statutory_high_age=school.statutory_high_age,
        pupils=school.pupils,
        capacity=school.capacity,
        percentage_fsm=school.percentage_fsm,
        open_date=school.open_date,
        close_date=school.close_date,
        groups=[
            schemas.SchoolGroupOut(
                uid=link.group.uid,
                name=link.group.name,
                type=link.group.type_name,
                joined=link.joined_date,
                ended=link.ended_date,
            )
            for link in school.group_links.all()
        ],
        networks=[
            schemas.SchoolMembershipOut(
                network=network_ref_out(request, m.network),
                role=MembershipRole(m.role),
                joined=m.joined,
                left=m.left,
            )
            for m in memberships
        ],
    )


def _school_fields(request: HttpRequest, school: School) -> dict[str, Any]:
    return {
        "urn": school.urn,
        "name": school.name,
        "la_code": school.la_id,
        "la_name": school.la.name,
        "phase": school.phase_name,
        "type": school.type_name,
        "type_group": school.type_group_name,
        "status": SchoolStatus(school.status),
        "postcode": school.postcode,
        "lat": school.lat,
        "lon": school.lon,
        "ofsted_rating": school.ofsted_rating,
        "url": _url(request, "school_detail", school.urn),
    }


# Statutory groups


def group_out(group: StatutoryGroup) -> schemas.GroupOut:
    return schemas.GroupOut(**_group_fields(group))


def group_detail_out(group: StatutoryGroup, links: Iterable[GroupLink]) -> schemas.GroupDetailOut:
    return schemas.GroupDetailOut(
        **_group_fields(group),
        schools=[
            schemas.GroupSchoolOut(
                school=school_ref_out(link.school), joined=link.joined_date, ended=link.ended_date
            )
            for link in links
        ],
    )


def _group_fields(group: StatutoryGroup) -> dict[str, Any]:
    return {
        "uid": group.uid,
        "group_id": group.group_id,
        "name": group.name,
        "type": group.type_name,
        "status": group.status_name,
        "companies_house_number": group.companies_house_number,
        "town": group.town,
        "postcode": group.postcode,
        "open_date": group.open_date,
        "closed_date": group.closed_date,
        "schools_now": getattr(group, "schools_now", 0),
    }


# Networks and memberships


def network_ref_out(request: HttpRequest, network: Network) -> schemas.NetworkRef:
    return schemas.NetworkRef(**_ref_fields(request, network))


def network_out(
    request: HttpRequest, network: Network, *, with_contacts: bool
) -> schemas.NetworkOut:
    """A network of selectors.network_directory (its `leaders` and `current_members` loaded)."""
    leaders = getattr(network, "leaders", [])
    return schemas.NetworkOut(
        **_network_fields(request, network, leaders, with_contacts=with_contacts),
        schools_now=getattr(network, "current_members", 0),
    )


def network_detail_out(
    request: HttpRequest, network: Network, members: NetworkMembers, *, with_contacts: bool
) -> schemas.NetworkDetailOut:
    """A network of selectors.network_get, with its members."""
    contacts = list(network.contacts.all())
    leaders = [c for c in contacts if c.role == NetworkContactRole.LEADER]
    return schemas.NetworkDetailOut(
        **_network_fields(request, network, leaders, with_contacts=with_contacts),
        schools_now=len(members.current),
        purpose=network.purpose,
        start_date=network.start_date,
        end_date=network.end_date,
        partners=network.partners,
        initiatives=[line.strip() for line in network.initiatives.splitlines() if line.strip()],
        contacts=[contact_out(c, with_contacts=with_contacts) for c in contacts],
        members=[
            schemas.NetworkMemberOut(
                school=school_ref_out(m.school),
                phase=m.school.phase_name,
                role=MembershipRole(m.role),
                joined=m.joined,
                left=m.left,
            )
            for m in [*members.current, *members.past]
        ],
    )


def contact_out(contact: NetworkContact, *, with_contacts: bool) -> schemas.ContactOut:
    person = contact.person
    return schemas.ContactOut(
        name=person.name,
        role=NetworkContactRole(contact.role),
        job_title=person.job_title,
        email=person.email if with_contacts else None,
        telephone=person.telephone if with_contacts else None,
    )


def membership_out(request: HttpRequest, membership: Membership) -> schemas.MembershipOut:
    return schemas.MembershipOut(
        id=membership.pk,
        network=network_ref_out(request, membership.network),
        school=school_ref_out(membership.school),
        role=MembershipRole(membership.role),
        joined=membership.joined,
        left=membership.left,
        is_current=membership.is_current,
    )


def _ref_fields(request: HttpRequest, network: Network) -> dict[str, Any]:
    return {
        "id": network.pk,
        "name": network.name,
        "kind": network.kind,
        "is_illustrative": network.is_illustrative,
        "is_published": network.is_published,
        "url": _url(request, "network_detail", network.pk),
    }


def _network_fields(
    request: HttpRequest,
    network: Network,
    leaders: Iterable[NetworkContact],
    *,
    with_contacts: bool,
) -> dict[str, Any]:
    return {
        **_ref_fields(request, network),
        "status": network.status,
        "owner_las": [
            schemas.LocalAuthorityRef(code=la.code, name=la.name) for la in network.owner_las.all()
        ],
        "learning_focuses": [
            schemas.LearningFocusOut(slug=f.slug, name=f.name)
            for f in network.learning_focuses.all()
        ],
        "leaders": [contact_out(c, with_contacts=with_contacts) for c in leaders],
    }
