"""The directory of networks in a real browser: search and filter the demo's networks, open one,
and read the API's docs page; each page screenshotted and checked for accessibility."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.accessibility import check_page
from tests.browser.conftest import PageMaker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]


def test_a_visitor_filters_the_directory_and_opens_a_network(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(live_server.url)
    page.get_by_role("link", name="Directory of networks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Directory of networks")
    expect(page.get_by_text("Showing 1 to 13 of 13 networks")).to_be_visible()
    check_page(page, screenshots, "10-directory")

    page.get_by_label("Learning focus").select_option(label="Maths")
    page.get_by_label("School (name or URN)").fill("Oakham")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"focus=maths"))
    row = page.get_by_role("row", name=re.compile("^Oldbury Triad"))
    expect(row).to_contain_text("Illustrative")
    expect(row).to_contain_text("Sandwell")
    expect(page.get_by_text("Showing 1 to 1 of 1 networks")).to_be_visible()
    check_page(page, screenshots, "11-directory-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "schoolweave-networks.csv"
    row.get_by_role("link", name="Oldbury Triad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oldbury Triad")


def test_the_directory_and_api_docs_are_accessible_and_fit_a_phone(
    make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    page = make_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    for path, name in (("/networks/", "12-directory-phone"), ("/api/docs", "13-api-docs-phone")):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
        check_page(page, screenshots, name)
