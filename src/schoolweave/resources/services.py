"""Writes to funding, staff time and partners. Each runs in one transaction and records what it
changed in the audit log (who, when, before, after) in that same transaction.

Services check the rules of the money itself (a stream's period, a fund holder in the network,
the limit rule of core.resources.funding); who may call them is for the views and commands to
ask accounts.permissions, as everywhere else.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Sum

from schoolweave.audit.services import Actor, audit_record, snapshot
from schoolweave.core.money import Money
from schoolweave.core.resources.funding import (
    REASON_REQUIRED,
    OverLimit,
    check_limit_change,
    require_within,
)
from schoolweave.core.resources.vocabulary import (
    AllocationStatus,
    FundHolderKind,
    PartnerKind,
    PaymentStatus,
    TimeUnit,
)
from schoolweave.core.resources.years import FinancialYear
from schoolweave.networks.models import Membership, Network
from schoolweave.resources.models import (
    Allocation,
    FundingStream,
    PartnerContact,
    PartnerOrganisation,
    Partnership,
    Payment,
    StaffAllocation,
    StaffMember,
)

STREAM_AUDITED = (
    "name",
    "source",
    "purpose",
    "amount_pence",
    "first_year",
    "last_year",
    "conditions",
    "over_limit_reason",
    "is_illustrative",
)
ALLOCATION_AUDITED = (
    "stream",
    "network",
    "financial_year",
    "amount_pence",
    "fund_holder_school",
    "fund_holder_partner",
    "status",
    "awarded_on",
    "over_limit_reason",
)
PAYMENT_AUDITED = ("allocation", "amount_pence", "date", "status", "reference", "over_limit_reason")
STAFF_AUDITED = ("name", "job_title", "email", "capacity_days", "is_illustrative")
STAFF_ALLOCATION_AUDITED = ("staff", "network", "role", "days", "unit", "start_date", "end_date")
PARTNER_AUDITED = (
    "name",
    "kind",
    "offer",
    "website",
    "charity_number",
    "company_number",
    "is_public",
    "is_illustrative",
)
PARTNERSHIP_AUDITED = ("partner", "network", "purpose", "start_date", "end_date")

OUTSIDE_PERIOD = "{year} is outside the stream's period, {period}"
NOT_OWNED = "{network} is not a network of {la}, which holds this stream"
NOT_A_MEMBER = "{school} is not a member of {network}: the fund holder must be a member school"
HOLDER_PARTNER_REQUIRED = "Select the partner organisation that holds the money"
HOLDER_SCHOOL_REQUIRED = "Select the member school that holds the money"
ALREADY_ALLOCATED = (
    "{stream} already allocates money to {network} in {year}: change that allocation instead"
)
NOT_STAFF_NETWORK = "{network} is not a network of {la}, which employs this person"
YEARS_OUT_OF_ORDER = "The last financial year cannot be before the first"


@dataclass(frozen=True)
class FundHolder:
    kind: FundHolderKind
    school_urn: int | None = None
    partner_id: int | None = None

    @classmethod
    def la(cls) -> "FundHolder":
        return cls(FundHolderKind.LA)


# Funding streams -----------------------------------------------------------------------------


@transaction.atomic
def stream_create(
    *,
    actor: Actor,
    la_code: str,
    name: str,
    source: str,
    purpose: str,
    amount: Money,
    first: FinancialYear,
    last: FinancialYear,
    conditions: str = "",
    is_illustrative: bool = False,
) -> FundingStream:
    if last < first:
        raise ValidationError({"last_year": YEARS_OUT_OF_ORDER})
    stream = FundingStream(
        la_id=la_code,
        name=name,
        source=source,
        purpose=purpose,
        amount_pence=amount.pence,
        first_year=first.start_year,
        last_year=last.start_year,
        conditions=conditions,
        is_illustrative=is_illustrative,
    )
    stream.full_clean()
    stream.save()
    _record(actor, "funding_stream.create", stream, STREAM_AUDITED, None, las=[la_code])
    return stream


@transaction.atomic
def stream_update(
    *,
    actor: Actor,
    stream: FundingStream,
    amount: Money | None = None,
    override_reason: str = "",
    **changes: Any,
) -> FundingStream:
    """Change a stream; lowering its amount below what it has allocated needs a reason."""
    stream = FundingStream.objects.select_for_update().get(pk=stream.pk)
    before = snapshot(stream, STREAM_AUDITED)
    if amount is not None:
        check = check_limit_change(
            old_limit=stream.amount,
            new_limit=amount,
            total=allocated_total(stream),
            override=bool(override_reason.strip()),
        )
        if not check.allowed:
            raise OverLimit(check, f"{stream.name}'s allocations")
        stream.amount_pence = amount.pence
        if check.is_over:
            stream.over_limit_reason = override_reason.strip()
    for field, value in changes.items():
        setattr(stream, field, value)
    if stream.last_year < stream.first_year:
        raise ValidationError({"last_year": YEARS_OUT_OF_ORDER})
    stream.full_clean()
    stream.save()
    _record(actor, "funding_stream.update", stream, STREAM_AUDITED, before, las=[stream.la_id])
    return stream


def allocated_total(stream: FundingStream, *, excluding: Sequence[int] = ()) -> Money:
    amounts = Allocation.objects.filter(stream=stream).exclude(pk__in=list(excluding))
    return Money(amounts.aggregate(total=Sum("amount_pence"))["total"] or 0)


# Allocations ---------------------------------------------------------------------------------


@transaction.atomic
def allocation_commit(
    *,
    actor: Actor,
    stream: FundingStream,
    network: Network,
    first: FinancialYear,
    years: int,
    amount_each: Money,
    fund_holder: FundHolder,
    awarded_on: date,
    status: AllocationStatus = AllocationStatus.COMMITTED,
    override_reason: str = "",
) -> list[Allocation]:
    """Commit money to a network for one or more financial years: one allocation a year (the
    seeds' 3 x GBP 50,000 to a triad is three). Refuses to go over the stream's amount unless
    `override_reason` says why; then each allocation is flagged with that reason."""
    stream = FundingStream.objects.select_for_update().get(pk=stream.pk)
    wanted = [first + index for index in range(years)]
    _check_network(stream, network)
    for year in wanted:
        _check_year(stream, year, field="first_year")
    taken = set(
        Allocation.objects.filter(
            stream=stream, network=network, financial_year__in=[y.start_year for y in wanted]
        ).values_list("financial_year", flat=True)
    )
    if taken:
        year = FinancialYear(min(taken))
        raise ValidationError(
            {"first_year": ALREADY_ALLOCATED.format(stream=stream, network=network, year=year)}
        )
    school, partner = _holder(fund_holder, network)
    current = allocated_total(stream)
    reason = _reason(override_reason)
    check = require_within(
        limit=stream.amount,
        current=current,
        proposed=current + amount_each * years,
        override=bool(reason),
        what=f"{stream.name}'s allocations",
    )
    made = []
    for year in wanted:
        allocation = Allocation(
            stream=stream,
            network=network,
            financial_year=year.start_year,
            amount_pence=amount_each.pence,
            fund_holder_school_id=school,
            fund_holder_partner_id=partner,
            status=status,
            awarded_on=awarded_on,
            over_limit_reason=reason if check.is_over else "",
        )
        allocation.full_clean()
        allocation.save()
        _record_allocation(actor, "allocation.create", allocation, None)
        made.append(allocation)
    return made


@transaction.atomic
def allocation_update(
    *,
    actor: Actor,
    allocation: Allocation,
    amount: Money,
    fund_holder: FundHolder,
    status: AllocationStatus,
    awarded_on: date,
    override_reason: str = "",
) -> Allocation:
    stream = FundingStream.objects.select_for_update().get(pk=allocation.stream_id)
    allocation = Allocation.objects.select_related("network").get(pk=allocation.pk)
    before = snapshot(allocation, ALLOCATION_AUDITED)
    reason = _reason(override_reason)
    others = allocated_total(stream, excluding=[allocation.pk])
    check = require_within(
        limit=stream.amount,
        current=others + allocation.amount,
        proposed=others + amount,
        override=bool(reason),
        what=f"{stream.name}'s allocations",
    )
    school, partner = _holder(fund_holder, allocation.network)
    allocation.amount_pence = amount.pence
    allocation.fund_holder_school_id = school
    allocation.fund_holder_partner_id = partner
    allocation.status = status
    allocation.awarded_on = awarded_on
    if reason and check.is_over:
        allocation.over_limit_reason = reason
    elif not check.is_over:
        allocation.over_limit_reason = ""
    allocation.full_clean()
    allocation.save()
    if snapshot(allocation, ALLOCATION_AUDITED) != before:
        _record_allocation(actor, "allocation.update", allocation, before)
    return allocation


@transaction.atomic
def payment_record(
    *,
    actor: Actor,
    allocation: Allocation,
    amount: Money,
    day: date,
    status: PaymentStatus,
    reference: str = "",
    override_reason: str = "",
) -> Payment:
    """Record a payment of an allocation. Payments may not add up to more than the allocation
    unless `override_reason` says why. Once payments marked paid cover it, the allocation is
    paid."""
    allocation = (
        Allocation.objects.select_for_update().select_related("stream").get(pk=allocation.pk)
    )
    current = _payments_total(allocation)
    reason = _reason(override_reason)
    check = require_within(
        limit=allocation.amount,
        current=current,
        proposed=current + amount,
        override=bool(reason),
        what=f"the payments of {allocation.stream.name} for {allocation.year}",
    )
    payment = Payment(
        allocation=allocation,
        amount_pence=amount.pence,
        date=day,
        status=status,
        reference=reference,
        over_limit_reason=reason if check.is_over else "",
    )
    payment.full_clean()
    payment.save()
    audit_record(
        actor=actor,
        action="payment.create",
        obj=payment,
        las=[allocation.stream.la_id],
        network_id=allocation.network_id,
        before=None,
        after=snapshot(payment, PAYMENT_AUDITED),
    )
    paid = _payments_total(allocation, status=PaymentStatus.PAID)
    if paid >= allocation.amount and allocation.status != AllocationStatus.PAID:
        before = snapshot(allocation, ALLOCATION_AUDITED)
        allocation.status = AllocationStatus.PAID
        allocation.save(update_fields=("status",))
        _record_allocation(actor, "allocation.update", allocation, before)
    return payment


def _payments_total(allocation: Allocation, *, status: PaymentStatus | None = None) -> Money:
    payments = Payment.objects.filter(allocation=allocation)
    if status is not None:
        payments = payments.filter(status=status)
    return Money(payments.aggregate(total=Sum("amount_pence"))["total"] or 0)


def _check_network(stream: FundingStream, network: Network) -> None:
    if not network.owner_las.filter(code=stream.la_id).exists():
        raise ValidationError(
            {"network": NOT_OWNED.format(network=network.name, la=stream.la.name)}
        )


def _check_year(stream: FundingStream, year: FinancialYear, *, field: str) -> None:
    if not stream.covers(year):
        raise ValidationError({field: OUTSIDE_PERIOD.format(year=year, period=stream.period)})


def _holder(holder: FundHolder, network: Network) -> tuple[int | None, int | None]:
    """(school URN, partner id) of a fund holder, checked: a school must be in the network."""
    if holder.kind == FundHolderKind.SCHOOL:
        if holder.school_urn is None:
            raise ValidationError({"fund_holder_school": HOLDER_SCHOOL_REQUIRED})
        if not Membership.objects.filter(network=network, school_id=holder.school_urn).exists():
            raise ValidationError(
                {
                    "fund_holder_school": NOT_A_MEMBER.format(
                        school=f"URN {holder.school_urn}", network=network.name
                    )
                }
            )
        return holder.school_urn, None
    if holder.kind == FundHolderKind.PARTNER:
        if holder.partner_id is None:
            raise ValidationError({"fund_holder_partner": HOLDER_PARTNER_REQUIRED})
        return None, holder.partner_id
    return None, None


def _owner_codes(network: Network) -> list[str]:
    return list(network.owner_las.values_list("code", flat=True))


def _reason(text: str) -> str:
    return text.strip()


def _record_allocation(
    actor: Actor, action: str, allocation: Allocation, before: dict[str, Any] | None
) -> None:
    _record(
        actor,
        action,
        allocation,
        ALLOCATION_AUDITED,
        before,
        las=[allocation.stream.la_id],
        network_id=allocation.network_id,
    )


def _record(
    actor: Actor,
    action: str,
    obj: Model,
    fields: Sequence[str],
    before: dict[str, Any] | None,
    *,
    las: Sequence[str],
    network_id: int | None = None,
) -> None:
    """An audit entry with only what changed; none when nothing did."""
    after = snapshot(obj, fields)
    if before is not None:
        changed = {k for k in after if before.get(k) != after[k]}
        if not changed:
            return
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        las=list(las),
        network_id=network_id,
        before=before,
        after=after,
    )


# LA staff time -------------------------------------------------------------------------------


@transaction.atomic
def staff_member_create(
    *,
    actor: Actor,
    la_code: str,
    name: str,
    capacity_days: Decimal,
    job_title: str = "",
    email: str = "",
    is_illustrative: bool = False,
) -> StaffMember:
    member = StaffMember(
        la_id=la_code,
        name=name,
        job_title=job_title,
        email=email,
        capacity_days=capacity_days,
        is_illustrative=is_illustrative,
    )
    member.full_clean()
    member.save()
    _record(actor, "staff.create", member, STAFF_AUDITED, None, las=[la_code])
    return member


@transaction.atomic
def staff_allocation_create(
    *,
    actor: Actor,
    staff: StaffMember,
    network: Network,
    days: Decimal,
    unit: TimeUnit,
    start_date: date,
    end_date: date | None = None,
    role: str = "",
) -> StaffAllocation:
    if not network.owner_las.filter(code=staff.la_id).exists():
        raise ValidationError(
            {"network": NOT_STAFF_NETWORK.format(network=network.name, la=staff.la.name)}
        )
    given = StaffAllocation(
        staff=staff,
        network=network,
        days=days,
        unit=unit,
        start_date=start_date,
        end_date=end_date,
        role=role,
    )
    given.full_clean()
    given.save()
    _record(
        actor,
        "staff_time.create",
        given,
        STAFF_ALLOCATION_AUDITED,
        None,
        las=[staff.la_id],
        network_id=network.pk,
    )
    return given


@transaction.atomic
def staff_allocation_end(
    *, actor: Actor, given: StaffAllocation, end_date: date
) -> StaffAllocation:
    before = snapshot(given, STAFF_ALLOCATION_AUDITED)
    given.end_date = end_date
    given.full_clean()
    given.save(update_fields=("end_date",))
    _record(
        actor,
        "staff_time.update",
        given,
        STAFF_ALLOCATION_AUDITED,
        before,
        las=[given.staff.la_id],
        network_id=given.network_id,
    )
    return given


# Partners ------------------------------------------------------------------------------------


@transaction.atomic
def partner_create(
    *,
    actor: Actor,
    la_code: str,
    name: str,
    kind: PartnerKind,
    offer: str = "",
    website: str = "",
    charity_number: str = "",
    company_number: str = "",
    is_public: bool = True,
    is_illustrative: bool = False,
) -> PartnerOrganisation:
    partner = PartnerOrganisation(
        la_id=la_code,
        name=name,
        kind=kind,
        offer=offer,
        website=website,
        charity_number=charity_number,
        company_number=company_number,
        is_public=is_public,
        is_illustrative=is_illustrative,
    )
    partner.full_clean()
    partner.save()
    _record(actor, "partner.create", partner, PARTNER_AUDITED, None, las=[la_code])
    return partner


@transaction.atomic
def partner_update(
    *, actor: Actor, partner: PartnerOrganisation, **changes: Any
) -> PartnerOrganisation:
    before = snapshot(partner, PARTNER_AUDITED)
    for field, value in changes.items():
        setattr(partner, field, value)
    partner.full_clean()
    partner.save(update_fields=tuple(changes) or None)
    _record(actor, "partner.update", partner, PARTNER_AUDITED, before, las=[partner.la_id])
    return partner


@transaction.atomic
def partner_contact_add(
    *,
    actor: Actor,
    partner: PartnerOrganisation,
    name: str,
    job_title: str = "",
    email: str = "",
    telephone: str = "",
) -> PartnerContact:
    contact = PartnerContact(
        partner=partner, name=name, job_title=job_title, email=email, telephone=telephone
    )
    contact.full_clean()
    contact.save()
    _record(
        actor,
        "partner_contact.create",
        contact,
        ("name", "job_title", "email", "telephone"),
        None,
        las=[partner.la_id],
    )
    return contact


@transaction.atomic
def partnership_create(
    *,
    actor: Actor,
    partner: PartnerOrganisation,
    network: Network,
    purpose: str,
    start_date: date,
    end_date: date | None = None,
) -> Partnership:
    partnership = Partnership(
        partner=partner,
        network=network,
        purpose=purpose,
        start_date=start_date,
        end_date=end_date,
    )
    partnership.full_clean()
    partnership.save()
    _record(
        actor,
        "partnership.create",
        partnership,
        PARTNERSHIP_AUDITED,
        None,
        las=_owner_codes(network),
        network_id=network.pk,
    )
    return partnership


@transaction.atomic
def partnership_end(*, actor: Actor, partnership: Partnership, end_date: date) -> Partnership:
    before = snapshot(partnership, PARTNERSHIP_AUDITED)
    partnership.end_date = end_date
    partnership.full_clean()
    partnership.save(update_fields=("end_date",))
    _record(
        actor,
        "partnership.update",
        partnership,
        PARTNERSHIP_AUDITED,
        before,
        las=_owner_codes(partnership.network),
        network_id=partnership.network_id,
    )
    return partnership


__all__ = [
    "REASON_REQUIRED",
    "FundHolder",
    "OverLimit",
    "allocated_total",
    "allocation_commit",
    "allocation_update",
    "partner_contact_add",
    "partner_create",
    "partner_update",
    "partnership_create",
    "partnership_end",
    "payment_record",
    "staff_allocation_create",
    "staff_allocation_end",
    "staff_member_create",
    "stream_create",
    "stream_update",
]
