"""A brokering round in a real browser, with a real worker: set it up, run it, publish it, and
find the new networks in the directory."""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from tests.browser.accessibility import check_page
from tests.browser.test_network_register import _sign_in
from tests.factories import LAOfficerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]
ROUND = "Sandwell Triads 2026"


@pytest.fixture
def officer(demo: None) -> User:
    return LAOfficerFactory(user__username="olu", user__first_name="Olu", la_id="333").user


def _test_database_url() -> str:
    """The test database, as a URL the worker's own settings read."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    """The task queue in the database, and `schoolweave db_worker` taking from it: the command
    production runs, as a process of its own, on the test database."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    command = Path(sys.executable).with_name("schoolweave")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings",
        "SCHOOLWEAVE_DATABASE_URL": _test_database_url(),
        "SCHOOLWEAVE_SECRET_KEY": "test-only-not-secret",
    }
    running = subprocess.Popen(
        [command, "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"], env=env
    )
    yield running
    running.terminate()  # the worker finishes its task, then stops
    running.wait(timeout=30)


def test_an_officer_brokers_triads_and_publishes_them(
    officer: User,
    worker: subprocess.Popen[bytes],
    page: Page,
    live_server: LiveServer,
    screenshots: Path,
) -> None:
    base = live_server.url
    _sign_in(page, base, "olu")
    page.goto(f"{base}/la/333/")
    page.get_by_role("link", name="Brokering rounds").click()
    page.get_by_role("link", name="Start a brokering round").click()
    page.get_by_label("Name of the round").fill(ROUND)
    page.get_by_label("Triads: a co-ordinating school and two partners (Sandwell)").check()
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Opted in").check()
    check_page(page, screenshots, "50-round-new")
    page.get_by_role("button", name="Save the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUND)

    page.get_by_role("button", name="Run the round").click()
    expect(page.get_by_text("The round is queued")).to_be_visible()
    # The page refreshes itself while the worker runs the round.
    expect(page.get_by_text("Proposal ready")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("the best possible, proven")).to_be_visible()
    expect(page.locator("[data-sw-map-ready]")).to_be_visible()
    check_page(page, screenshots, "51-round-proposal")

    page.get_by_role("button", name="Publish the accepted groups as networks").click()
    expect(page.get_by_text(re.compile(r"Published \d+ networks in the register"))).to_be_visible()
    page.goto(f"{base}/networks/?q=Sandwell+Triads+2026")
    expect(page.get_by_role("link", name=f"{ROUND} 1:")).to_be_visible()
