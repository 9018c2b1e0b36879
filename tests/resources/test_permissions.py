"""Who may change money, staff time and partners, and who sees what: the permission cast over
every resources page and the import command. Only officers of the owning LA change money;
network leaders, school users and other LAs' officers cannot, through pages or commands."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schoolweave.accounts.permissions import (
    PUBLIC,
    can_fund_network,
    can_manage_funding,
    can_see_network_staff_time,
    can_see_partner,
    viewer_of,
)
from schoolweave.audit.models import AuditEntry
from schoolweave.resources.models import Allocation, FundingStream, Payment, StaffAllocation
from tests.conftest import ROLES, Cast
from tests.pages import page_text
from tests.resources.factories import (
    AllocationFactory,
    FundingStreamFactory,
    PartnerContactFactory,
    PartnerFactory,
    PartnershipFactory,
    PrivatePartnerFactory,
    StaffAllocationFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

OFFICERS_A = {"officer_a", "colleague_a"}


@pytest.fixture
def money(cast: Cast) -> dict[str, object]:
    stream = FundingStreamFactory(la=cast.la_a, name="Triads programme")
    allocation = AllocationFactory(stream=stream, network=cast.published_a)
    hidden = AllocationFactory(stream=stream, network=cast.unpublished_a, financial_year=2025)
    staff = StaffMemberFactory(la=cast.la_a, name="Priya Sandhu")
    StaffAllocationFactory(staff=staff, network=cast.published_a)
    partner = PartnerFactory(la=cast.la_a, name="University of Wolverhampton")
    PartnerContactFactory(partner=partner, email="rivers@example.ac.uk")
    PartnershipFactory(partner=partner, network=cast.published_a)
    private = PrivatePartnerFactory(la=cast.la_a, name="Confidential Consultancy")
    return {
        "stream": stream,
        "allocation": allocation,
        "hidden": hidden,
        "staff": staff,
        "partner": partner,
        "private": private,
    }


def _who(cast: Cast, role: str):  # type: ignore[no-untyped-def]
    user = cast.user(role)
    return PUBLIC if user is None else viewer_of(user)


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_of_the_owning_la_manage_its_money(cast: Cast, role: str) -> None:
    who = _who(cast, role)
    assert can_manage_funding(who, "333") == (role in OFFICERS_A)
    assert can_manage_funding(who, "332") == (role == "officer_b")
    assert can_fund_network(who, "333", cast.published_a) == (role in OFFICERS_A)
    assert can_fund_network(who, "333", cast.unpublished_a) == (role in OFFICERS_A)
    assert not can_fund_network(who, "333", cast.published_b)  # not Sandwell's network
    assert can_see_network_staff_time(who, cast.published_a) == (role != "public")


@pytest.mark.parametrize("role", ROLES)
def test_private_partners_are_seen_only_by_their_las_officers(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    who = _who(cast, role)
    assert can_see_partner(who, money["partner"])  # type: ignore[arg-type]
    assert can_see_partner(who, money["private"]) == (role in OFFICERS_A)  # type: ignore[arg-type]


def _change_pages(money: dict[str, object]) -> list[str]:
    stream, allocation, staff = money["stream"], money["allocation"], money["staff"]
    return [
        "/la/333/funding/streams/new/",
        f"/funding/streams/{stream.pk}/commit/",  # type: ignore[attr-defined]
        f"/funding/allocations/{allocation.pk}/change/",  # type: ignore[attr-defined]
        f"/funding/allocations/{allocation.pk}/payments/new/",  # type: ignore[attr-defined]
        "/la/333/staff/",
        "/la/333/staff/new/",
        f"/staff/{staff.pk}/time/new/",  # type: ignore[attr-defined]
        "/la/333/partners/new/",
        f"/partners/{money['partner'].pk}/contacts/new/",  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_that_change_money_open_only_for_the_las_officers(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    client = cast.client(role)
    for url in _change_pages(money):
        status = client.get(url).status_code
        expected = 200 if role in OFFICERS_A else 302 if role == "public" else 404
        assert status == expected, url


@pytest.mark.parametrize("role", ["officer_b", "leader", "school_user", "public"])
def test_leaders_and_other_las_cannot_post_changes_to_money(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    client = cast.client(role)
    stream, allocation = money["stream"], money["allocation"]
    before = (
        FundingStream.objects.count(),
        Allocation.objects.count(),
        Payment.objects.count(),
        StaffAllocation.objects.count(),
        AuditEntry.objects.count(),
    )
    posts = {
        "/la/333/funding/streams/new/": {
            "name": "Mine",
            "source": "x",
            "purpose": "x",
            "amount": "1000",
            "first_year": "2024",
            "last_year": "2024",
        },
        f"/funding/streams/{stream.pk}/commit/": {  # type: ignore[attr-defined]
            "network": str(cast.published_a.pk),
            "first_year": "2024",
            "years": "1",
            "amount": "10",
            "fund_holder": "la",
            "awarded_on_0": "1",
            "awarded_on_1": "4",
            "awarded_on_2": "2024",
        },
        f"/funding/allocations/{allocation.pk}/payments/new/": {  # type: ignore[attr-defined]
            "amount": "10",
            "date_0": "1",
            "date_1": "5",
            "date_2": "2024",
            "status": "paid",
        },
        f"/funding/allocations/{allocation.pk}/change/": {  # type: ignore[attr-defined]
            "amount": "1",
            "status": "paid",
            "fund_holder": "la",
            "awarded_on_0": "1",
            "awarded_on_1": "4",
            "awarded_on_2": "2024",
        },
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (302, 404), url
        if role != "public":
            assert client.post(url, data).status_code == 404, url
    after = (
        FundingStream.objects.count(),
        Allocation.objects.count(),
        Payment.objects.count(),
        StaffAllocation.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before
    assert Allocation.objects.get(pk=allocation.pk).amount_pence == 50_000_00  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ROLES)
def test_a_networks_funding_is_seen_by_whoever_may_see_the_network(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    client = cast.client(role)
    sees_unpublished = role in OFFICERS_A | {"leader"}
    assert client.get(f"/networks/{cast.published_a.pk}/funding/").status_code == 200
    status = client.get(f"/networks/{cast.unpublished_a.pk}/funding/").status_code
    assert status == (200 if sees_unpublished else 404)
    hidden = money["hidden"]
    status = client.get(f"/funding/allocations/{hidden.pk}/").status_code  # type: ignore[attr-defined]
    assert status == (200 if sees_unpublished else 404)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_networks_funding_is_a_sum_without_names(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    text = page_text(cast.client(role).get("/la/333/funding/"))
    assert ("Tipton Proposed Triad" in text) == (role in OFFICERS_A | {"leader"})
    stream_page = page_text(cast.client(role).get(f"/funding/streams/{money['stream'].pk}/"))  # type: ignore[attr-defined]
    assert ("Tipton Proposed Triad" in stream_page) == (role in OFFICERS_A | {"leader"})


@pytest.mark.parametrize("role", ROLES)
def test_staff_time_and_partner_contacts_need_a_sign_in(
    cast: Cast, money: dict[str, object], role: str
) -> None:
    client = cast.client(role)
    funding = page_text(client.get(f"/networks/{cast.published_a.pk}/funding/"))
    assert ("Priya Sandhu" in funding) == (role != "public")
    partner = page_text(client.get(f"/partners/{money['partner'].pk}/"))  # type: ignore[attr-defined]
    assert ("rivers@example.ac.uk" in partner) == (role != "public")
    private = client.get(f"/partners/{money['private'].pk}/").status_code  # type: ignore[attr-defined]
    assert private == (200 if role in OFFICERS_A else 404)
    listing = page_text(client.get("/partners/"))
    assert ("Confidential Consultancy" in listing) == (role in OFFICERS_A)


def test_an_officer_of_another_la_or_a_leader_cannot_import_money(
    cast: Cast, money: dict[str, object], tmp_path: Path
) -> None:
    path = tmp_path / "funding.csv"
    path.write_text(
        "stream,network,fund_holder_urn,financial_year,amount_gbp,status\n"
        "Triads programme,Oldbury Triad,,2025-26,50000.00,committed\n",
        encoding="utf-8",
    )
    count = Allocation.objects.count()
    for role in ("officer_b", "leader", "school_user"):
        with pytest.raises(CommandError) as error:
            call_command("import-funding", str(path), "--user", role, stdout=StringIO())
        assert str(error.value).splitlines()[1] == (
            f"row 2, column stream: {role} is not an officer of Sandwell, which holds the "
            "stream 'Triads programme'"
        )
    assert Allocation.objects.count() == count
    call_command("import-funding", str(path), "--user", "officer_a", stdout=StringIO())
    created = Allocation.objects.get(financial_year=2025, network=cast.published_a)
    entry = AuditEntry.objects.get(action="allocation.create", object_id=str(created.pk))
    assert entry.actor == cast.officer_a
    assert entry.las.get().code == "333"
    assert created.awarded_on == date(2025, 4, 1)
