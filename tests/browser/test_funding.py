"""Funding in a real browser: an LA officer creates a funding stream, commits three years to a
triad with its co-ordinating school as fund holder, records a payment, and the network's page
shows it. Each page is screenshotted to var/screenshots/ and checked for accessibility."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from schoolweave.core.resources.years import FinancialYear
from tests.browser.accessibility import check_page
from tests.browser.conftest import PageMaker
from tests.factories import PASSWORD, LAOfficerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]
STREAM = "School-to-school support fund"
TRIAD = "West Bromwich Triad"


@pytest.fixture
def officer(demo: None) -> User:
    """Made before the browser starts: no Django code may run while it is up."""
    return LAOfficerFactory(user__username="olu", user__first_name="Olu", la_id="333").user


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/account/sign-in/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")


def test_an_officer_commits_three_years_to_a_triad_and_records_a_payment(
    officer: User, make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    base = live_server.url
    first = FinancialYear.containing(timezone.localdate())
    page = make_page()
    _sign_in(page, base)

    page.goto(f"{base}/la/333/")
    page.get_by_role("link", name="Funding overview for Sandwell").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding for networks")
    expect(page.get_by_text("Funding tagged illustrative was made up")).to_be_visible()
    check_page(page, screenshots, "40-la-funding")

    page.get_by_role("link", name="Add a funding stream").click()
    page.get_by_label("Name", exact=True).fill(STREAM)
    page.get_by_label("Source").fill("Sandwell Council school improvement budget")
    page.get_by_label("Purpose").fill(
        "GBP 50,000 a year for three years to a triad's co-ordinating school."
    )
    page.get_by_label("Amount for the whole period, in pounds").fill("£300,000")
    page.get_by_label("First financial year").select_option(label=first.label())
    page.get_by_label("Last financial year").select_option(label=(first + 2).label())
    check_page(page, screenshots, "41-stream-form")
    page.get_by_role("button", name="Add the funding stream").click()
    expect(page.get_by_text(f"{STREAM} has been added")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(STREAM)

    page.get_by_role("link", name="Commit funding to a network").click()
    page.get_by_label("Network", exact=True).select_option(label=TRIAD)
    page.get_by_label("For how many years").select_option(label="3 years")
    page.get_by_label("Amount each year, in pounds").fill("50,000")
    page.get_by_label("A member school").check()
    page.get_by_label("Member school that holds it").select_option(
        label=f"Hargate Primary School ({TRIAD})"
    )
    check_page(page, screenshots, "42-commit-form")
    page.get_by_role("button", name="Commit the funding").click()
    span = f"{first} to {first + 2}"
    expect(page.get_by_text(f"£50,000 a year committed to {TRIAD} for {span}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding, LA staff time and partners")
    check_page(page, screenshots, "43-network-funding")

    page.get_by_role("link", name=re.compile(rf"^{first}\W+{STREAM} to {TRIAD}$")).click()
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Amount, in pounds").fill("20000")
    page.get_by_label("Reference").fill("INV-2024-001")
    check_page(page, screenshots, "44-payment-form")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("Payment of £20,000 recorded")).to_be_visible()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=TRIAD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TRIAD)
    expect(page.get_by_role("heading", name="Funding", exact=True)).to_be_visible()
    row = page.get_by_role("row", name=re.compile(f"^{first} "))
    expect(row).to_contain_text("£20,000")
    expect(page.get_by_role("row", name=re.compile(f"^{first + 1} "))).to_contain_text("£50,000")
    expect(page.get_by_role("row", name=re.compile(f"^{first + 2} "))).to_contain_text("£50,000")
    expect(page.get_by_text("This network is illustrative, so its funding is too")).to_be_visible()
    check_page(page, screenshots, "45-network-with-funding")


def test_partners_and_networks_without_them_are_public(
    make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    page = make_page()
    page.goto(f"{live_server.url}/la/333/networks-without-partners/")
    expect(page.get_by_role("link", name="Tipton Triad")).to_be_visible()
    expect(page.get_by_role("link", name="Oldbury Triad")).to_have_count(0)
    check_page(page, screenshots, "46-networks-without-partners")
    page.goto(f"{live_server.url}/partners/")
    page.get_by_role("link", name="University of Wolverhampton").click()
    expect(page.get_by_text("Sign in to see the contacts")).to_be_visible()
    check_page(page, screenshots, "47-partner")
