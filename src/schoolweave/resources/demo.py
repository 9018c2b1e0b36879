"""The demo's illustrative funding, LA staff time and partners (demo/data/), loaded after the
illustrative networks. Re-runnable: what is already there is left alone. Everything it makes is
marked illustrative, so pages label it."""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from schoolweave.audit.services import Actor
from schoolweave.core.money import parse_gbp
from schoolweave.core.resources.vocabulary import PartnerKind, PaymentStatus, TimeUnit
from schoolweave.core.resources.years import FinancialYear
from schoolweave.networks.models import Network
from schoolweave.resources import services
from schoolweave.resources.funding_import import FundingImport, funding_import_file
from schoolweave.resources.models import (
    Allocation,
    FunderProfile,
    FundingStream,
    PartnerOrganisation,
    Partnership,
    Payment,
    StaffAllocation,
    StaffMember,
)

DEMO_DATA = Path(__file__).resolve().parent.parent / "demo" / "data"
RESOURCES = DEMO_DATA / "illustrative_resources.json"
FUNDING = DEMO_DATA / "illustrative_funding.csv"


@dataclass(frozen=True)
class DemoResources:
    streams: int
    allocations: FundingImport
    partners: int
    partnerships: int
    staff: int


@transaction.atomic
def demo_resources_load(
    *, actor: Actor, resources: Path = RESOURCES, funding: Path = FUNDING
) -> DemoResources:
    data = json.loads(resources.read_text(encoding="utf-8"))
    la = data["la"]
    FunderProfile.objects.update_or_create(la_id=la, defaults=data["funder_profile"])
    streams = sum(_stream(actor, la, item) for item in data["streams"])
    allocations = funding_import_file(funding, actor=actor)
    for item in data["payments"]:
        _payment(actor, la, item)
    partners = sum(_partner(actor, la, item) for item in data["partners"])
    partnerships = sum(_partnership(actor, la, item) for item in data["partnerships"])
    staff = sum(_staff(actor, la, item) for item in data["staff"])
    return DemoResources(
        streams=streams,
        allocations=allocations,
        partners=partners,
        partnerships=partnerships,
        staff=staff,
    )


def _stream(actor: Actor, la: str, item: dict[str, Any]) -> bool:
    if FundingStream.objects.filter(la_id=la, name=item["name"]).exists():
        return False
    services.stream_create(
        actor=actor,
        la_code=la,
        name=item["name"],
        source=item["source"],
        purpose=item["purpose"],
        amount=parse_gbp(item["amount_gbp"]),
        first=FinancialYear.parse(item["first_year"]),
        last=FinancialYear.parse(item["last_year"]),
        conditions=item["conditions"],
        is_illustrative=True,
    )
    return True


def _payment(actor: Actor, la: str, item: dict[str, Any]) -> None:
    allocation = Allocation.objects.get(
        stream__la_id=la,
        stream__name=item["stream"],
        network__name=item["network"],
        financial_year=FinancialYear.parse(item["financial_year"]).start_year,
    )
    amount = parse_gbp(item["amount_gbp"])
    day = date.fromisoformat(item["date"])
    if Payment.objects.filter(allocation=allocation, date=day, amount_pence=amount.pence).exists():
        return
    services.payment_record(
        actor=actor,
        allocation=allocation,
        amount=amount,
        day=day,
        status=PaymentStatus(item["status"]),
        reference=item.get("reference", ""),
    )


def _partner(actor: Actor, la: str, item: dict[str, Any]) -> bool:
    if PartnerOrganisation.objects.filter(la_id=la, name=item["name"]).exists():
        return False
    partner = services.partner_create(
        actor=actor,
        la_code=la,
        name=item["name"],
        kind=PartnerKind(item["kind"]),
        offer=item.get("offer", ""),
        website=item.get("website", ""),
        is_illustrative=True,
    )
    for contact in item.get("contacts", []):
        services.partner_contact_add(actor=actor, partner=partner, **contact)
    return True


def _network(la: str, name: str) -> Network:
    return Network.objects.get(name=name, owner_las__code=la)


def _partnership(actor: Actor, la: str, item: dict[str, Any]) -> bool:
    partner = PartnerOrganisation.objects.get(la_id=la, name=item["partner"])
    network = _network(la, item["network"])
    start = date.fromisoformat(item["start_date"])
    if Partnership.objects.filter(partner=partner, network=network, start_date=start).exists():
        return False
    services.partnership_create(
        actor=actor, partner=partner, network=network, purpose=item["purpose"], start_date=start
    )
    return True


def _staff(actor: Actor, la: str, item: dict[str, Any]) -> bool:
    member = StaffMember.objects.filter(la_id=la, name=item["name"]).first()
    created = member is None
    if member is None:
        member = services.staff_member_create(
            actor=actor,
            la_code=la,
            name=item["name"],
            job_title=item.get("job_title", ""),
            capacity_days=Decimal(item["capacity_days"]),
            is_illustrative=True,
        )
    for given in item.get("time", []):
        network = _network(la, given["network"])
        start = date.fromisoformat(given["start_date"])
        if StaffAllocation.objects.filter(staff=member, network=network, start_date=start).exists():
            continue
        services.staff_allocation_create(
            actor=actor,
            staff=member,
            network=network,
            days=Decimal(given["days"]),
            unit=TimeUnit(given["unit"]),
            start_date=start,
            role=given.get("role", ""),
        )
    return created
