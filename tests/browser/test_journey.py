"""A user's journey through the demo in a real browser: home, search, Sandwell, a school, its
network. Each page is screenshotted to var/screenshots/ and checked for accessibility."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from schoolweave.networks.views import ILLUSTRATIVE_NOTICE
from tests.browser.accessibility import (
    check_page,
    marker_contrast_problems,
)
from tests.browser.conftest import PageMaker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]
# The demo's open schools in Sandwell, and those GIAS gives a location (the rest are not mapped).
SANDWELL_OPEN_SCHOOLS = 125
SANDWELL_MAPPED_SCHOOLS = 108


def test_a_user_finds_a_school_and_its_network(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Schoolweave")
    expect(page.get_by_role("row", name=re.compile(r"^Sandwell Demo"))).to_be_visible()
    check_page(page, screenshots, "01-home")

    page.get_by_label("Search for a school or local authority").fill("Sandwell")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Sandwell$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Search results for \N{LEFT SINGLE QUOTATION MARK}Sandwell\N{RIGHT SINGLE QUOTATION MARK}"
    )
    check_page(page, screenshots, "02-search")

    page.get_by_role("link", name="Sandwell", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sandwell")
    map_region = page.get_by_role("region", name=re.compile("^Map of the schools listed"))
    markers = map_region.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(SANDWELL_MAPPED_SCHOOLS)
    unmapped = SANDWELL_OPEN_SCHOOLS - SANDWELL_MAPPED_SCHOOLS
    expect(page.get_by_text(f"{unmapped} of the schools listed have no location")).to_be_visible()
    expect(map_region.locator(".leaflet-overlay-pane path")).to_have_count(1)  # boundary
    expect(map_region.locator("img.leaflet-tile").first).to_be_visible()
    expect(page.get_by_text(f"Showing 1 to 25 of {SANDWELL_OPEN_SCHOOLS} schools")).to_be_visible()
    assert marker_contrast_problems(page) == []
    check_page(page, screenshots, "03-la-sandwell")

    oakham = map_region.locator('.leaflet-marker-icon[title="Oakham Primary School"]')
    oakham.focus()
    page.keyboard.press("Enter")
    popup = map_region.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Oakham Primary School")
    popup.get_by_role("link", name="View Oakham Primary School").click()

    expect(page).to_have_url(re.compile(r"/schools/103950/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Oakham Primary School")
    expect(page.locator("#school-map .leaflet-marker-icon")).to_have_count(1)
    network_row = page.get_by_role("row", name=re.compile("^Oldbury Triad"))
    expect(network_row).to_contain_text("Illustrative")
    expect(network_row).to_contain_text("Co-ordinating school")
    check_page(page, screenshots, "04-school-oakham")

    network_row.get_by_role("link", name="Oldbury Triad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oldbury Triad")
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_have_text(re.compile(re.escape(ILLUSTRATIVE_NOTICE)))
    coordinator = page.get_by_role("row", name=re.compile("^Oakham Primary School"))
    expect(coordinator).to_contain_text("Co-ordinating school")
    expect(page.locator("#network-map .leaflet-marker-icon")).to_have_count(3)
    check_page(page, screenshots, "05-network-oldbury-triad")


def test_pages_work_without_javascript(
    make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    page = make_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/la/333/?phase=Secondary")
    expect(page.get_by_text("The table lists the same schools as the map")).to_be_visible()
    expect(page.locator(".sw-map-figure")).to_be_hidden()
    expect(page.get_by_text("Showing 1 to 22 of 22 schools")).to_be_visible()
    page.get_by_label("Phase", exact=True).select_option("Primary")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Showing 1 to 25 of 98 schools")).to_be_visible()
    page.get_by_role("link", name="Page 2").click()
    expect(page.get_by_text("Showing 26 to 50 of 98 schools")).to_be_visible()
    page.screenshot(path=screenshots / "06-la-sandwell-without-javascript.png", full_page=True)


def test_pages_fit_a_phone_screen(
    make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    page = make_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    pages = (("/la/333/", "07-la-sandwell-phone"), ("/schools/103950/", "08-school-phone"))
    for path, name in pages:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
        page.screenshot(path=screenshots / f"{name}.png", full_page=True)


def test_the_stylesheet_never_asks_for_gov_uk_fonts(page: Page, live_server: LiveServer) -> None:
    response = page.request.get(f"{live_server.url}/static/build/app.css")
    assert response.ok
    css = response.text()
    assert "GDS Transport" not in css
    assert ".woff" not in css
