"""The Content Security Policy in a real browser: the main pages, their Leaflet maps, the
cytoscape.js graph and the server-drawn charts work under it, and it blocks nothing."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from schoolweave.networks.models import Network
from schoolweave.register.models import School
from tests.factories import PASSWORD, LAOfficerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]

# Runs before any page script: collects what the policy blocks, as the page itself sees it.
COLLECT = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});"""
READY = {"map": "[data-sw-map-ready]", "graph": "[data-sw-graph-ready]"}


@pytest.fixture
def paths(demo: None) -> list[tuple[str, str | None]]:
    """The pages to visit, each with what shows it finished drawing. Looked up before the
    browser starts: no Django code may run while it is up."""
    network = Network.objects.filter(is_published=True, owner_las="333").order_by("pk").first()
    school = School.objects.filter(la="333", figures__isnull=False).order_by("urn").first()
    assert network is not None and school is not None
    return [
        ("/", None),
        ("/la/333/", "map"),
        (f"/schools/{school.urn}/", None),
        (f"/networks/{network.pk}/", None),
        ("/networks/", None),
        ("/la/333/landscape/", "map"),
        ("/la/333/landscape/graph/", "graph"),
        ("/api/docs", None),
        ("/admin/login/", None),
    ]


@pytest.fixture
def officer(demo: None) -> User:
    return LAOfficerFactory(user__username="olu", la_id="333").user


def _violations(page: Page, url: str, ready: str | None) -> list[str]:
    page.goto(url)
    if ready is not None:
        expect(page.locator(READY[ready])).to_be_visible()
    page.wait_for_load_state("networkidle")
    found: list[str] = page.evaluate("window.__violations")
    return [f"{url}: {violation}" for violation in found]


def test_the_main_pages_run_under_the_policy_without_a_violation(
    paths: list[tuple[str, str | None]],
    officer: User,
    page: Page,
    live_server: LiveServer,
    screenshots: Path,
) -> None:
    page.add_init_script(COLLECT)
    violations = [
        found for path, ready in paths for found in _violations(page, live_server.url + path, ready)
    ]

    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    for path, ready in [("/la/333/", "map"), ("/la/333/funding/", None), ("/la/333/audit/", None)]:
        violations += _violations(page, live_server.url + path, ready)
    page.screenshot(path=screenshots / "90-csp-last-page.png")

    assert violations == []


def test_the_policy_blocks_an_inline_script(browser: Browser, live_server: LiveServer) -> None:
    """With a page of its own: the `page` fixture fails any test whose page the policy blocks."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(COLLECT)
    page.goto(f"{live_server.url}/networks/")

    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__ran = true"; document.body.append(s); }"""
    )

    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    context.close()
