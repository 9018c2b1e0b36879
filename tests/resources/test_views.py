"""The resources pages and sections as people use them: an officer adds a stream, commits three
years to a triad, goes over only by saying why, records a payment; the network, LA and school
pages show it; the admin shows money read-only."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from schoolweave.audit.models import AuditEntry
from schoolweave.resources.forms import REASON_REQUIRED
from schoolweave.resources.models import Allocation, FundingStream, Payment
from tests.conftest import Cast
from tests.pages import page_text
from tests.resources.factories import (
    AllocationFactory,
    FundingStreamFactory,
    PartnershipFactory,
    PaymentFactory,
)

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def test_an_officer_adds_a_stream_commits_three_years_and_records_a_payment(cast: Cast) -> None:
    client = cast.client("officer_a")
    response = client.post(
        "/la/333/funding/streams/new/",
        {
            "name": "Triads programme",
            "source": "Sandwell school improvement budget",
            "purpose": "GBP 50,000 a year to each co-ordinating school",
            "amount": "£150,000",
            "first_year": "2024",
            "last_year": "2026",
        },
    )
    stream = FundingStream.objects.get(name="Triads programme")
    assert response.status_code == 302 and stream.amount_pence == 150_000_00
    commit = {
        "network": str(cast.published_a.pk),
        "first_year": "2024",
        "years": "3",
        "amount": "50000.00",
        "fund_holder": "school",
        "fund_holder_school": str(cast.school_a.urn),
        **_date("awarded_on", date(2024, 3, 1)),
    }
    response = client.post(f"/funding/streams/{stream.pk}/commit/", commit)
    assert response.status_code == 302
    assert response["Location"] == f"/networks/{cast.published_a.pk}/funding/"
    allocations = list(Allocation.objects.order_by("financial_year"))
    assert [a.financial_year for a in allocations] == [2024, 2025, 2026]
    assert {a.fund_holder_school_id for a in allocations} == {cast.school_a.urn}
    response = client.post(
        f"/funding/allocations/{allocations[0].pk}/payments/new/",
        {
            "amount": "50,000",
            "status": "paid",
            "reference": "INV-1",
            **_date("date", date(2024, 4, 30)),
        },
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount_pence == 50_000_00
    page = page_text(client.get(f"/networks/{cast.published_a.pk}/"))
    assert "£150,000 committed to Oldbury Triad, of which £50,000 has been paid." in page
    assert "2024-25 (April 2024 to March 2025) £50,000 £50,000 £0" in page
    funding = page_text(client.get(f"/networks/{cast.published_a.pk}/funding/"))
    assert "Oakham Primary School" in funding
    changes = AuditEntry.objects.exclude(object_type="user")  # not the officer's sign-in
    actions = list(changes.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "funding_stream.create",
        "allocation.create",
        "allocation.create",
        "allocation.create",
        "payment.create",
        "allocation.update",
    ]


def test_going_over_the_stream_needs_the_box_ticked_and_a_reason(cast: Cast) -> None:
    client = cast.client("officer_a")
    stream = FundingStreamFactory(la=cast.la_a, amount_pence=100_000_00)
    commit = {
        "network": str(cast.published_a.pk),
        "first_year": "2024",
        "years": "3",
        "amount": "50000",
        "fund_holder": "la",
        **_date("awarded_on", date(2024, 3, 1)),
    }
    response = client.post(f"/funding/streams/{stream.pk}/commit/", commit)
    assert response.status_code == 400
    assert "This would take" in page_text(response) and "£50,000 more than £100,000" in page_text(
        response
    )
    response = client.post(f"/funding/streams/{stream.pk}/commit/", {**commit, "allow_over": "on"})
    assert response.status_code == 400
    assert REASON_REQUIRED in page_text(response)
    assert not Allocation.objects.exists()
    response = client.post(
        f"/funding/streams/{stream.pk}/commit/",
        {**commit, "allow_over": "on", "over_reason": "Cabinet agreed on 1 March"},
    )
    assert response.status_code == 302
    assert Allocation.objects.filter(over_limit_reason="Cabinet agreed on 1 March").count() == 3
    assert "Over the limit" in page_text(client.get(f"/funding/streams/{stream.pk}/"))
    assert "Over the limit" in page_text(client.get("/la/333/funding/"))


def test_a_bad_amount_is_shown_with_the_fields_error(cast: Cast) -> None:
    client = cast.client("officer_a")
    response = client.post("/la/333/funding/streams/new/", {"name": "X", "amount": "50k"})
    assert response.status_code == 400
    text = page_text(response)
    assert "There is a problem" in text
    assert "Enter an amount in pounds: '50k' is not an amount in pounds" in text


def test_the_la_page_links_its_funding_and_networks_without_partners(cast: Cast) -> None:
    AllocationFactory(stream=FundingStreamFactory(la=cast.la_a), network=cast.published_a)
    text = page_text(Client().get("/la/333/"))
    assert "Funding and partners" in text
    assert "1 of 1 active networks have no university, college" in text
    listing = page_text(Client().get("/la/333/networks-without-partners/"))
    assert "Oldbury Triad" in listing
    PartnershipFactory(network=cast.published_a)
    listing = page_text(Client().get("/la/333/networks-without-partners/"))
    assert "Every active network of Sandwell has a partner beyond schools." in listing


def test_the_la_funding_overview_shows_streams_years_networks_and_share_of_schools(
    cast: Cast,
) -> None:
    stream = FundingStreamFactory(la=cast.la_a, name="Triads programme")
    for year in (2024, 2025):
        AllocationFactory(stream=stream, network=cast.published_a, financial_year=year)
    text = page_text(Client().get("/la/333/funding/"))
    assert "Triads programme" in text
    assert "2024-25 (April 2024 to March 2025) £50,000 £0 £50,000" in text
    assert "Oldbury Triad £50,000 £50,000 £100,000 2" in text
    assert "2 schools are in a funded network: 100% of Sandwell's 2 open schools" in text or (
        "schools are in a funded network" in text
    )


def test_a_school_page_shows_the_money_it_holds(cast: Cast) -> None:
    allocation = AllocationFactory(
        stream=FundingStreamFactory(la=cast.la_a),
        network=cast.published_a,
        fund_holder_school=cast.school_a,
    )
    PaymentFactory(allocation=allocation)
    text = page_text(Client().get(f"/schools/{cast.school_a.urn}/"))
    assert "Oakham Primary School is the fund holder of this money for its networks." in text


def test_the_admin_shows_money_read_only(cast: Cast) -> None:
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    client = Client()
    client.force_login(admin)
    allocation = AllocationFactory(
        stream=FundingStreamFactory(la=cast.la_a), network=cast.published_a
    )
    assert client.get("/admin/resources/allocation/").status_code == 200
    assert client.get(f"/admin/resources/allocation/{allocation.pk}/change/").status_code == 200
    assert client.get("/admin/resources/allocation/add/").status_code == 403
    assert client.get("/admin/resources/funderprofile/add/").status_code == 200
