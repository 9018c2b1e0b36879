"""From a triad's page to what the demo's illustrative cohort of triads achieved, in a real
browser with the demo's real KS2 figures: the estimate beside the naive figures, another
measure, the printable report and the CSV. Pages are screenshotted and checked for
accessibility."""

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


def test_an_officer_sees_what_a_cohort_of_triads_achieved(
    page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    page.goto(f"{live_server.url}/networks/?q=Tipton+Triad")
    page.get_by_role("link", name="Tipton Triad").first.click()
    section = page.locator("#impact")
    expect(section.get_by_role("heading", name="Impact")).to_be_visible()
    section.get_by_role("link", name="See what Tipton Triad achieved").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What Tipton Triad achieved")
    expect(
        page.get_by_text(re.compile("^Warning No estimate can be given: All the member"))
    ).to_be_visible()
    check_page(page, screenshots, "impact-01-one-triad")

    page.go_back()
    page.locator("#impact").get_by_role(
        "link", name="All of Sandwell's triad networks that started in the same year"
    ).click()
    expect(page).to_have_url(re.compile(r"/la/333/impact/triad/\?start_year=2019$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What Sandwell's triad networks achieved"
    )
    expect(page.get_by_role("region", name="Important")).to_contain_text("Illustrative")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text(re.compile(r"Estimated effect\s*[+-]\d\.\d\d"))
    expect(summary).to_contain_text(re.compile(r"\d out of 5 padlocks"))
    expect(summary).to_contain_text("15 in the cohort")
    naive = page.get_by_role("table", name=re.compile("^Schools whose KS2 maths progress improved"))
    expect(naive.get_by_role("row", name=re.compile("^Members 15 "))).to_be_visible()
    expect(naive.get_by_role("row", name=re.compile("^Matched comparison schools"))).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("^KS2 maths progress of the members"))
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Balance of members and comparison schools")
    ).to_be_visible()
    expect(page.locator("#impact-summary")).to_contain_text("we cannot tell")
    check_page(page, screenshots, "impact-02-sandwell-triads")

    page.get_by_label("Measure").select_option(label="KS2 reading progress")
    page.get_by_role("button", name="Evaluate").click()
    expect(page).to_have_url(re.compile(r"measure=ks2_reading_progress"))
    expect(
        page.get_by_role("heading", name="KS2 reading progress: 2018/19 against the years before")
    ).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == (
        "schoolweave-impact-la-333-triad-ks2_reading_progress-2019.csv"
    )
    page.get_by_role("link", name="printable report (print or save as PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What Sandwell's triad networks achieved"
    )
    expect(page.get_by_text("Impact evaluation report")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_text("This is the printable report.")).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the impact page")).to_be_hidden()
    page.emulate_media(media="screen")
    check_page(page, screenshots, "impact-03-report")


def test_a_cohorts_impact_fits_a_phone(
    make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    page = make_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    page.goto(f"{live_server.url}/la/333/impact/triad/?start_year=2019")
    expect(page.locator(".sw-padlocks")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    check_page(page, screenshots, "impact-04-phone")
