"""A real browser (Debian's chromium, driven by Playwright) against pytest-django's live server.

The live server serves static files through Django's staticfiles finders, so the assets that
`npm run build` puts in static/build/ must exist. Playwright's own browser download is not
used: tests drive /usr/bin/chromium, and OpenStreetMap tile requests are answered with a plain
tile so no test depends on the network.
"""

import struct
import zlib
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from pytest_django import Settings

from schoolweave.config.settings import PACKAGE_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD = PACKAGE_DIR / "static" / "build"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def _plain_tile() -> bytes:
    """A 256x256 PNG of one light colour, standing in for a map tile."""
    width = height = 256

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes((236, 240, 232)) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Chromium, started for each test: Playwright's sync API runs an event loop in this
    thread, under which Django would open a second database connection without the state the
    test database was set up with, so no Django code may run while it is up."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    if not (BUILD / "app.css").exists():
        pytest.fail("The front-end assets are not built: run `npm ci && npm run build`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PageMaker = Callable[..., Page]


@pytest.fixture
def make_page(browser: Browser) -> Iterator[PageMaker]:
    """Opens pages in new browser contexts (`make_page(java_script_enabled=False)`), each
    answering tile requests offline and failing the test on any JavaScript error or anything
    the Content Security Policy blocked (chromium reports both on the console)."""
    tile = _plain_tile()
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def fulfil_tile(route: Route) -> None:
        route.fulfill(status=200, content_type="image/png", body=tile)

    def make(**options: Any) -> Page:
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.route("https://tile.openstreetmap.org/**", fulfil_tile)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: _blocked_by_csp(message.type, message.text, errors))
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _blocked_by_csp(kind: str, text: str, errors: list[str]) -> None:
    if kind == "error" and "Content Security Policy" in text:
        errors.append(text)


@pytest.fixture
def page(make_page: PageMaker) -> Page:
    return make_page()


@pytest.fixture
def demo(settings: Settings) -> None:
    """The shipped demo, loaded as `schoolweave load-demo` loads it. Tests using it need
    `django_db(transaction=True, serialized_rollback=True)`: the live server reads committed
    rows, and the demo needs the learning focuses the migrations add."""
    settings.SCHOOLWEAVE_MAP_TILES_URL = TILES_URL
    call_command("load-demo", stdout=StringIO(), stderr=StringIO())


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
