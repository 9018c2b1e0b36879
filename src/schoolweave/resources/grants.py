"""An LA's allocations as 360Giving grants: what `schoolweave export grants` writes.

One grant per allocation (a stream's money to a network for one financial year). The JSON is a
360Giving data package (`{"grants": [...]}`) valid against the 360Giving Data Standard 1.4
schema; the CSV is its one-sheet spreadsheet form, with the standard's column titles ("Amount
Awarded", "Recipient Org:Identifier"...). Both carry what English local authorities publish
about grants under the Local Government Transparency Code 2015 (LGTC_FIELDS), and an additional
`network` object (CSV: "Network:..." columns) for the network the grant supports.

Identifiers: grants use the LA's 360Giving prefix; the funder is the LA's organisation
identifier; a school fund holder is `GB-EDU-<URN>` (Get Information about Schools); a partner
is `GB-CHC-` (charity) or `GB-COH-` (company) when it has a number, else one under the prefix.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schoolweave.accounts.permissions import PUBLIC, networks_visible
from schoolweave.core.money import Money, decimal_text, json_number
from schoolweave.core.resources.vocabulary import PaymentStatus
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import LocalAuthority
from schoolweave.resources.models import Allocation, FunderProfile
from schoolweave.resources.selectors import allocation_view

VERSION = "1.4"
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
DEFAULT_DEPARTMENT = "Children's services: school improvement"
ILLUSTRATIVE = "Illustrative: made up to demonstrate Schoolweave, not a real grant."
# The Local Government Transparency Code 2015's fields for grants, and where each is.
LGTC_FIELDS = {
    "Date the grant was awarded": ("awardDate", "Award Date"),
    "Time period for which the grant has been given": (
        "plannedDates/0/startDate, plannedDates/0/endDate",
        "Planned Dates:Start Date, Planned Dates:End Date",
    ),
    "Local authority department which awarded the grant": (
        "fundingOrganization/0/department",
        "Funding Org:Department",
    ),
    "Beneficiary": ("recipientOrganization/0/name", "Recipient Org:Name"),
    "Beneficiary's registration number": (
        "recipientOrganization/0/id (and charityNumber, companyNumber)",
        "Recipient Org:Identifier, Recipient Org:Charity Number, Recipient Org:Company Number",
    ),
    "Summary of the purpose of the grant": ("description", "Description"),
    "Amount": ("amountAwarded", "Amount Awarded"),
}
CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Recipient Org:City",
    "Recipient Org:Postal Code",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Funding Org:Department",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
    "Last Modified",
    "Network:Identifier",
    "Network:Name",
    "Network:Kind",
    "Network:Schools",
    "Network:Illustrative",
)
# ONS GSS code prefixes of upper-tier LAs in England, as 360Giving's geoCodeType words them.
_GEO_TYPES = {"E06": "UA", "E08": "MD", "E09": "LONB", "E10": "CTY"}


@dataclass(frozen=True)
class Publisher:
    org_id: str
    prefix: str
    department: str
    website: str
    is_default: bool  # the LA has not set how it publishes: identifiers are Schoolweave's own


def publisher_of(la: LocalAuthority) -> Publisher:
    profile = FunderProfile.objects.filter(la=la).first()
    fallback = f"360G-schoolweave-la{la.code}"
    if profile is None:
        return Publisher(fallback, fallback, DEFAULT_DEPARTMENT, "", True)
    return Publisher(
        org_id=profile.org_id or fallback,
        prefix=profile.grant_prefix or fallback,
        department=profile.department or DEFAULT_DEPARTMENT,
        website=profile.website,
        is_default=not (profile.org_id and profile.grant_prefix),
    )


def grant_allocations(*, la: LocalAuthority, include_unpublished: bool = False) -> list[Allocation]:
    allocations = (
        Allocation.objects.filter(stream__la=la)
        .select_related("stream__la", "network", "fund_holder_school", "fund_holder_partner")
        .prefetch_related("payments")
        .order_by("financial_year", "stream__name", "network__name")
    )
    if not include_unpublished:
        allocations = allocations.filter(
            network__in=networks_visible(PUBLIC, Network.objects.all())
        )
    return list(allocations)


def grants_package(
    *, la: LocalAuthority, allocations: list[Allocation], generated_at: datetime
) -> dict[str, Any]:
    """The 360Giving data package of these allocations."""
    publisher = publisher_of(la)
    members = _members(allocations)
    stamp = generated_at.isoformat(timespec="seconds")
    package: dict[str, Any] = {
        "version": VERSION,
        "title": f"Grants to school networks from {la.name}",
        "description": (
            f"{la.name}'s allocations of funding to school networks, one grant per network and "
            "financial year, exported by Schoolweave."
        ),
        "issued": generated_at.date().isoformat(),
        "modified": stamp,
        "identifier": f"{publisher.prefix}-school-networks",
        "publisher": {"name": la.name, "identifier": publisher.org_id},
        "license": LICENSE,
        "grants": [
            grant(a, publisher=publisher, members=members, modified=stamp) for a in allocations
        ],
    }
    if publisher.website:
        package["publisher"]["website"] = publisher.website
    return package


def grant(
    allocation: Allocation,
    *,
    publisher: Publisher,
    members: dict[int, list[Membership]],
    modified: str,
) -> dict[str, Any]:
    stream, network, la = allocation.stream, allocation.network, allocation.stream.la
    year = allocation.year
    illustrative = stream.is_illustrative or network.is_illustrative
    schools = members.get(network.pk, [])
    description = (
        f"{stream.purpose.strip()} For {network.name}, a {network.get_kind_display().lower()} "
        f"of {len(schools)} school{'s' * (len(schools) != 1)}, in the financial year {year}."
    )
    paid = [p for p in allocation.payments.all() if p.status == PaymentStatus.PAID]
    item: dict[str, Any] = {
        "id": f"{publisher.prefix}-{allocation.pk}",
        "title": f"{stream.name}: {network.name}, {year}",
        "description": f"{description} {ILLUSTRATIVE}" if illustrative else description,
        "currency": "GBP",
        "amountAwarded": json_number(allocation.amount),
        "amountDisbursed": json_number(allocation_view(allocation).paid),
        "awardDate": allocation.awarded_on.isoformat(),
        "plannedDates": [
            {
                "startDate": year.first_day.isoformat(),
                "endDate": year.last_day.isoformat(),
                "duration": 12,
            }
        ],
        "recipientOrganization": [_recipient(allocation, publisher)],
        "fundingOrganization": [
            {"id": publisher.org_id, "name": la.name, "department": publisher.department}
        ],
        "grantProgramme": [
            {"code": f"{publisher.prefix}-stream-{stream.pk}", "title": stream.name}
        ],
        "beneficiaryLocation": [_location(la)],
        "dateModified": modified,
        "network": {
            "id": f"{publisher.prefix}-network-{network.pk}",
            "name": network.name,
            "kind": network.kind,
            "illustrative": network.is_illustrative,
            "schools": [
                {"urn": m.school_id, "name": m.school.name, "role": m.role} for m in schools
            ],
        },
    }
    if paid:
        item["disbursementTransaction"] = [
            {
                "id": f"{publisher.prefix}-{allocation.pk}-payment-{p.pk}",
                "transactionDate": p.date.isoformat(),
                "currency": "GBP",
                "value": json_number(p.amount),
            }
            for p in paid
        ]
    return item


def _recipient(allocation: Allocation, publisher: Publisher) -> dict[str, Any]:
    school, partner = allocation.fund_holder_school, allocation.fund_holder_partner
    if school is not None:
        found = {"id": f"GB-EDU-{school.urn}", "name": school.name}
        if school.town:
            found["addressLocality"] = school.town
        if school.postcode:
            found["postalCode"] = school.postcode
        return found
    if partner is not None:
        if partner.charity_number:
            found = {"id": f"GB-CHC-{partner.charity_number}", "name": partner.name}
            found["charityNumber"] = partner.charity_number
        elif partner.company_number:
            found = {"id": f"GB-COH-{partner.company_number}", "name": partner.name}
        else:
            found = {"id": f"{publisher.prefix}-partner-{partner.pk}", "name": partner.name}
        if partner.company_number:
            found["companyNumber"] = partner.company_number
        return found
    la = allocation.stream.la  # the LA holds the money itself, as fund holder for the network
    return {"id": publisher.org_id, "name": la.name, "department": publisher.department}


def _location(la: LocalAuthority) -> dict[str, Any]:
    location: dict[str, Any] = {"name": la.name, "countryCode": "GB"}
    if la.gss_code:
        location["geoCode"] = la.gss_code
        geo_type = _GEO_TYPES.get(la.gss_code[:3])
        if geo_type:
            location["geoCodeType"] = geo_type
    return location


def _members(allocations: list[Allocation]) -> dict[int, list[Membership]]:
    found: dict[int, list[Membership]] = {}
    memberships = (
        Membership.objects.filter(
            network_id__in={a.network_id for a in allocations}, left__isnull=True
        )
        .select_related("school")
        .order_by("school__name")
    )
    for membership in memberships:
        found.setdefault(membership.network_id, []).append(membership)
    return found


def grant_csv_rows(package: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The package's grants as rows of the 360Giving spreadsheet form (CSV_COLUMNS). Amounts
    are exact decimal text, never floats."""
    for item in package["grants"]:
        recipient = item["recipientOrganization"][0]
        funder = item["fundingOrganization"][0]
        planned = item["plannedDates"][0]
        location = item["beneficiaryLocation"][0]
        network = item["network"]
        yield {
            "Identifier": item["id"],
            "Title": item["title"],
            "Description": item["description"],
            "Currency": item["currency"],
            "Amount Awarded": _decimal(item["amountAwarded"]),
            "Amount Disbursed": _decimal(item["amountDisbursed"]),
            "Award Date": item["awardDate"],
            "Planned Dates:Start Date": planned["startDate"],
            "Planned Dates:End Date": planned["endDate"],
            "Planned Dates:Duration (months)": planned["duration"],
            "Recipient Org:Identifier": recipient["id"],
            "Recipient Org:Name": recipient["name"],
            "Recipient Org:Charity Number": recipient.get("charityNumber", ""),
            "Recipient Org:Company Number": recipient.get("companyNumber", ""),
            "Recipient Org:City": recipient.get("addressLocality", ""),
            "Recipient Org:Postal Code": recipient.get("postalCode", ""),
            "Funding Org:Identifier": funder["id"],
            "Funding Org:Name": funder["name"],
            "Funding Org:Department": funder.get("department", ""),
            "Grant Programme:Code": item["grantProgramme"][0]["code"],
            "Grant Programme:Title": item["grantProgramme"][0]["title"],
            "Beneficiary Location:Name": location["name"],
            "Beneficiary Location:Country Code": location.get("countryCode", ""),
            "Beneficiary Location:Geographic Code": location.get("geoCode", ""),
            "Beneficiary Location:Geographic Code Type": location.get("geoCodeType", ""),
            "Last Modified": item["dateModified"],
            "Network:Identifier": network["id"],
            "Network:Name": network["name"],
            "Network:Kind": network["kind"],
            "Network:Schools": "; ".join(
                f"{s['name']} (URN {s['urn']}, {s['role']})" for s in network["schools"]
            ),
            "Network:Illustrative": network["illustrative"],
        }


def _decimal(number: int | float) -> str:
    """A JSON amount back to exact text: json_number wrote it from whole pence."""
    if isinstance(number, int):
        return decimal_text(Money.pounds(number))
    pounds, _, pence = repr(number).partition(".")
    return decimal_text(Money(int(pounds) * 100 + int(pence.ljust(2, "0")[:2])))
