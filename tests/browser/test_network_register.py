"""The network register's whole workflow in a real browser: a network leader sends an
identification sheet, the LA officer asks for a change, the leader makes it, the officer
approves, and the network appears in the public directory and in the open-data API."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.accessibility import check_page
from tests.browser.conftest import PageMaker
from tests.factories import PASSWORD, LAOfficerFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]
NETWORK = "Great Barr Reading Triad"


@pytest.fixture
def people(demo: None) -> dict[str, User]:
    """Made before the browser starts: no Django code may run while it is up."""
    leader = UserFactory(
        username="lee", first_name="Lee", last_name="Leader", email="lee@example.sch.uk"
    )
    officer = LAOfficerFactory(user__username="olu", user__first_name="Olu", la_id="333").user
    return {"leader": leader, "officer": officer}


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_sheet_goes_from_leader_to_officer_and_into_the_directory(
    people: dict[str, User], make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    base = live_server.url
    page = make_page()

    # The leader proposes the network.
    _sign_in(page, base, "lee")
    page.get_by_role("link", name="Propose a network").click()
    page.get_by_label("Network name").fill(NETWORK)
    page.get_by_label("Triad", exact=True).check()
    page.get_by_label("Local authority").select_option(label="Sandwell")
    rows = page.get_by_label("School name or URN")
    roles = page.get_by_label("Role")
    rows.nth(0).fill("Grove Vale Primary School")
    roles.nth(0).select_option(label="Co-ordinating school")
    rows.nth(1).fill("103895")
    roles.nth(1).select_option(label="Partner")
    rows.nth(2).fill("St Margaret's CofE Primary School")
    roles.nth(2).select_option(label="Partner")
    page.get_by_label("Name", exact=True).fill("Lee Leader")
    page.get_by_label("Email address").fill("lee@example.sch.uk")
    check_page(page, screenshots, "20-sheet-form")
    page.get_by_role("button", name="Send to the local authority").click()
    expect(page.get_by_text("Your sheet has been sent to Sandwell for review")).to_be_visible()
    sheet_url = page.url
    _sign_out(page)

    # The officer asks for a change.
    _sign_in(page, base, "olu")
    page.get_by_role("link", name="Sheets to review").click()
    page.get_by_role("link", name=NETWORK).click()
    expect(page.get_by_text("What approving it would create")).to_be_visible()
    check_page(page, screenshots, "21-sheet-review")
    page.get_by_label("Ask the network to change something").check()
    page.get_by_label("Comment for the network").fill("Please add your learning focus: reading.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("You asked the network to change its sheet")).to_be_visible()
    _sign_out(page)

    # The leader reads the comment and makes the change.
    _sign_in(page, base, "lee")
    page.goto(sheet_url)
    expect(page.get_by_text("Please add your learning focus: reading.", exact=True)).to_be_visible()
    page.get_by_role("link", name="Change this sheet").click()
    page.get_by_label("Reading").check()
    page.get_by_role("button", name="Send to the local authority").click()
    expect(page.get_by_text("Your changes have been sent to Sandwell for review")).to_be_visible()
    _sign_out(page)

    # The officer approves.
    _sign_in(page, base, "olu")
    page.goto(sheet_url)
    expect(page.get_by_text("Learning focuses").first).to_be_visible()
    page.get_by_label("Approve: publish it in the directory").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"You approved the sheet: {NETWORK} is published")).to_be_visible()
    _sign_out(page)

    # Anyone now finds it in the directory, with its schools and roles, and in the API.
    page.goto(f"{base}/networks/?q=Great+Barr")
    page.get_by_role("link", name=NETWORK).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(NETWORK)
    expect(
        page.get_by_role("row", name="Grove Vale Primary School Co-ordinating school")
    ).to_be_visible()
    expect(page.get_by_text("Version 2 of")).to_be_visible()
    check_page(page, screenshots, "22-approved-network")
    api = json.loads(page.request.get(f"{base}/api/networks?q=Great+Barr").text())
    assert [network["name"] for network in api["items"]] == [NETWORK]
