"""From a network's page to a member school's strengths and similar schools, in a real browser,
with the demo's real figures. Pages are screenshotted and checked for accessibility."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.accessibility import check_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]


def test_from_a_network_to_a_members_strengths_and_similar_schools(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(f"{live_server.url}/networks/")
    page.get_by_role("link", name="Oldbury Triad").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oldbury Triad")
    section = page.locator("#performance")
    expect(section.get_by_role("heading", name="Performance of the network")).to_be_visible()
    latest = section.get_by_role("table", name="Latest figures of Oldbury Triad")
    expect(
        latest.get_by_role("row", name=re.compile("^KS2 reading progress 2019"))
    ).to_contain_text("-1.92")
    expect(
        section.get_by_role("img", name=re.compile("^KS2 progress scores of Oldbury Triad"))
    ).to_be_visible()
    check_page(page, screenshots, "performance-01-network-oldbury-triad")

    section.get_by_text("Members' own figures", exact=True).click()  # a details element
    members = section.get_by_role("table", name=re.compile("^Members' own figures"))
    expect(members.get_by_role("row", name=re.compile("^Rounds Green"))).to_contain_text("-5.60")
    members.get_by_role("link", name="Oakham Primary School").click()
    expect(page).to_have_url(re.compile(r"/schools/103950/$"))
    strengths = page.get_by_role("table", name=re.compile("^Strengths and needs of Oakham"))
    maths = strengths.get_by_role("row", name=re.compile("^Maths"))
    expect(maths).to_contain_text("Strength")
    expect(maths).to_contain_text("KS2 maths progress in 2018/19 was +4.30")
    similar = page.get_by_role("table", name=re.compile("^Schools similar to Oakham"))
    expect(similar.locator("tbody tr")).to_have_count(30)
    expect(
        page.get_by_text(re.compile("found among the 933 open schools in the register"))
    ).to_be_visible()
    check_page(page, screenshots, "performance-02-school-oakham")

    similar.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Similar schools")).to_be_visible()


def test_the_la_page_maps_schools_by_a_chosen_measure(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(f"{live_server.url}/la/333/")
    section = page.locator("#performance")
    expect(
        section.get_by_role("heading", name="Strengths and needs across Sandwell's schools")
    ).to_be_visible()
    section.get_by_label("Colour the schools by").select_option("ks4_progress8")
    section.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"evidence_measure=ks4_progress8"))
    expect(
        page.get_by_role(
            "img", name=re.compile("^Map of Sandwell's schools coloured by Progress 8")
        )
    ).to_be_visible()
    check_page(page, screenshots, "performance-03-la-sandwell")
