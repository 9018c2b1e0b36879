"""Signing in, in a real browser: after five wrong passwords the account is locked out from
here for a while, and the page says so and what to do."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.accessibility import check_page
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def olu(transactional_db: None) -> User:
    return UserFactory(username="olu")


def _try(page: Page, base: str, password: str) -> None:
    page.goto(f"{base}/account/sign-in/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_five_wrong_passwords_lock_the_sign_in(
    olu: User, page: Page, live_server: LiveServer, screenshots: Path
) -> None:
    for _ in range(4):
        _try(page, live_server.url, "not-the-password")
        expect(
            page.get_by_role("link", name="Enter a correct username and password")
        ).to_be_visible()

    _try(page, live_server.url, "not-the-password")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in locked for now")
    check_page(page, screenshots, "91-sign-in-locked")
    _try(page, live_server.url, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in locked for now")
