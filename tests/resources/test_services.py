"""Funding services: each change audited in its own transaction (who, when, before, after),
the limit rule with its explicit, flagged override, payments, and staff time."""

import contextlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolweave.audit.models import AuditEntry
from schoolweave.core.money import Money
from schoolweave.core.resources.funding import OverLimit
from schoolweave.core.resources.vocabulary import (
    AllocationStatus,
    FundHolderKind,
    PaymentStatus,
    TimeUnit,
)
from schoolweave.core.resources.years import FinancialYear
from schoolweave.resources import selectors, services
from schoolweave.resources.models import Allocation
from tests.factories import (
    CoordinatorMembershipFactory,
    LocalAuthorityFactory,
    NetworkFactory,
    UserFactory,
)
from tests.resources.factories import (
    FundingStreamFactory,
    StaffAllocationFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def triad():  # type: ignore[no-untyped-def]
    sandwell = LocalAuthorityFactory(code="333", name="Sandwell")
    network = NetworkFactory(name="Oldbury Triad", owner_las=[sandwell])
    coordinator = CoordinatorMembershipFactory(network=network, school__la=sandwell)
    stream = FundingStreamFactory(la=sandwell, amount_pence=150_000_00)
    return network, coordinator.school, stream, UserFactory(username="olu")


def _commit(triad, amount: Money, *, years: int = 3, reason: str = "") -> list[Allocation]:  # type: ignore[no-untyped-def]
    network, school, stream, user = triad
    return services.allocation_commit(
        actor=user,
        stream=stream,
        network=network,
        first=FinancialYear(2024),
        years=years,
        amount_each=amount,
        fund_holder=services.FundHolder(FundHolderKind.SCHOOL, school_urn=school.urn),
        awarded_on=date(2024, 3, 1),
        override_reason=reason,
    )


def test_three_years_to_a_triad_are_three_audited_allocations(triad) -> None:  # type: ignore[no-untyped-def]
    made = _commit(triad, Money.pounds(50_000))
    assert [a.financial_year for a in made] == [2024, 2025, 2026]
    entries = AuditEntry.objects.filter(action="allocation.create").order_by("pk")
    assert [e.after["financial_year"] for e in entries] == [2024, 2025, 2026]
    assert all(e.actor_label == "olu" and e.before is None for e in entries)
    assert entries[0].after["amount_pence"] == 50_000_00
    assert entries[0].network_id == triad[0].pk
    assert list(entries[0].las.values_list("code", flat=True)) == ["333"]


def test_it_refuses_to_go_over_the_stream_without_a_reason(triad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OverLimit, match="£150,003, £3 more than £150,000"):
        _commit(triad, Money.pounds(50_001))
    assert not Allocation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_explicit_override_is_allowed_and_flagged(triad) -> None:  # type: ignore[no-untyped-def]
    made = _commit(triad, Money.pounds(50_001), reason="Cabinet approved the overspend")
    assert all(a.over_limit_reason == "Cabinet approved the overspend" for a in made)
    funding = selectors.network_funding(network=triad[0], who=_public(), today=date(2024, 6, 1))
    assert funding.is_flagged
    assert funding.totals.allocated == Money.pounds(150_003)


def test_a_fund_holder_must_be_a_member_and_years_inside_the_stream(triad) -> None:  # type: ignore[no-untyped-def]
    network, _, stream, user = triad
    with pytest.raises(ValidationError, match="is not a member of Oldbury Triad"):
        services.allocation_commit(
            actor=user,
            stream=stream,
            network=network,
            first=FinancialYear(2024),
            years=1,
            amount_each=Money(1),
            fund_holder=services.FundHolder(FundHolderKind.SCHOOL, school_urn=1),
            awarded_on=date(2024, 4, 1),
        )
    with pytest.raises(ValidationError, match="2027-28 is outside the stream's period"):
        _commit(triad, Money(1), years=4)
    _commit(triad, Money(1), years=1)
    with pytest.raises(
        ValidationError, match="already allocates money to Oldbury Triad in 2024-25"
    ):
        _commit(triad, Money(1), years=1)


def test_payments_mark_an_allocation_paid_and_may_not_overpay(triad) -> None:  # type: ignore[no-untyped-def]
    allocation = _commit(triad, Money.pounds(50_000), years=1)[0]
    user = triad[3]
    services.payment_record(
        actor=user,
        allocation=allocation,
        amount=Money.pounds(20_000),
        day=date(2024, 5, 1),
        status=PaymentStatus.PAID,
    )
    with pytest.raises(OverLimit):
        services.payment_record(
            actor=user,
            allocation=allocation,
            amount=Money.pounds(30_001),
            day=date(2024, 6, 1),
            status=PaymentStatus.PAID,
        )
    services.payment_record(
        actor=user,
        allocation=allocation,
        amount=Money.pounds(30_000),
        day=date(2024, 6, 1),
        status=PaymentStatus.PAID,
    )
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.PAID
    change = AuditEntry.objects.filter(action="allocation.update").get()
    assert change.before == {"status": "committed"} and change.after == {"status": "paid"}
    assert AuditEntry.objects.filter(action="payment.create").count() == 2


def test_changing_an_allocation_records_before_and_after(triad) -> None:  # type: ignore[no-untyped-def]
    allocation = _commit(triad, Money.pounds(50_000), years=1)[0]
    services.allocation_update(
        actor=triad[3],
        allocation=allocation,
        amount=Money.pounds(45_000),
        fund_holder=services.FundHolder.la(),
        status=AllocationStatus.COMMITTED,
        awarded_on=allocation.awarded_on,
    )
    entry = AuditEntry.objects.get(action="allocation.update")
    assert entry.before == {"amount_pence": 50_000_00, "fund_holder_school": triad[1].urn}
    assert entry.after == {"amount_pence": 45_000_00, "fund_holder_school": None}


def test_lowering_a_stream_below_its_allocations_needs_a_reason(triad) -> None:  # type: ignore[no-untyped-def]
    _commit(triad, Money.pounds(50_000))
    stream = triad[2]
    with pytest.raises(OverLimit):
        services.stream_update(actor=triad[3], stream=stream, amount=Money.pounds(100_000))
    services.stream_update(
        actor=triad[3], stream=stream, amount=Money.pounds(100_000), override_reason="Budget cut"
    )
    entry = AuditEntry.objects.get(action="funding_stream.update")
    assert entry.before["amount_pence"] == 150_000_00 and entry.after["amount_pence"] == 100_000_00


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amounts=st.lists(st.integers(min_value=1, max_value=80_000), min_size=1, max_size=6))
def test_committed_allocations_never_exceed_the_stream(triad, amounts: list[int]) -> None:  # type: ignore[no-untyped-def]
    network, _, stream, user = triad
    Allocation.objects.all().delete()
    for index, pounds in enumerate(amounts):
        with contextlib.suppress(OverLimit, ValidationError):
            services.allocation_commit(
                actor=user,
                stream=stream,
                network=network,
                first=FinancialYear(2024 + index % 3),
                years=1,
                amount_each=Money.pounds(pounds),
                fund_holder=services.FundHolder.la(),
                awarded_on=date(2024, 4, 1),
            )
        assert services.allocated_total(stream) <= stream.amount


def test_staff_loads_flag_over_allocation() -> None:
    la = LocalAuthorityFactory(code="333")
    member = StaffMemberFactory(la=la, capacity_days=Decimal(20))
    StaffAllocationFactory(staff=member, network=NetworkFactory(owner_las=[la]))  # 6 a year
    StaffAllocationFactory(
        staff=member,
        network=NetworkFactory(owner_las=[la]),
        days=Decimal(15),
        unit=TimeUnit.YEAR,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 7, 18),
    )
    row = selectors.staff_loads(la_code="333")[0]
    assert row.load.peak == Decimal(21)
    assert row.load.is_over and row.load.over_by == Decimal(1)
    assert (row.load.peak_from, row.load.peak_to) == (date(2025, 1, 6), date(2025, 7, 18))


def test_staff_time_goes_only_to_the_las_own_networks() -> None:
    la = LocalAuthorityFactory(code="333", name="Sandwell")
    member = StaffMemberFactory(la=la)
    with pytest.raises(ValidationError, match="which employs this person"):
        services.staff_allocation_create(
            actor="test",
            staff=member,
            network=NetworkFactory(),
            days=Decimal(1),
            unit=TimeUnit.TERM,
            start_date=date(2024, 9, 1),
        )


def _public():  # type: ignore[no-untyped-def]
    from schoolweave.accounts.permissions import PUBLIC

    return PUBLIC
