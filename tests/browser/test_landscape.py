"""The landscape review in a real browser: find a school out on a limb on the map and open it."""

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


def test_an_officer_finds_a_school_out_on_a_limb_and_opens_it(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(f"{live_server.url}/la/333/")
    page.get_by_role("link", name="Landscape review of Sandwell").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landscape review")
    map_ = page.locator("[data-sw-landscape-map][data-sw-map-ready]")
    expect(map_).to_be_visible()
    page.get_by_label("Show the outline of each network").check()
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_visible()
    check_page(page, screenshots, "30-landscape")

    isolated = page.locator(".sw-load--isolated.leaflet-marker-icon").first
    name = isolated.get_attribute("title")
    assert name
    isolated.click()
    page.get_by_role("link", name=f"View {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_the_graph_draws_the_links_between_schools(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(f"{live_server.url}/la/333/landscape/graph/")
    expect(page.locator("[data-sw-graph-ready]")).to_be_visible()
    page.screenshot(path=screenshots / "31-landscape-graph.png")
