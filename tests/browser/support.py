"""The real app, built and served by Reflex's prod harness, driven by Chromium.

One harness per test session (building the frontend takes a while); each test
gets a fresh browser context, so no cookie or storage leaks between tests.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.paths import ARTIFACTS, NEUTRAL_URL

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


@pytest.fixture(scope="session")
def playwright_driver():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver) -> Iterator[Browser]:
    launched = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def profile_page(playwright_driver, tmp_path) -> Iterator[Page]:
    """A page in a real (non-incognito) profile: what installability needs."""
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport=PHONE,
    )
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def _context(browser: Browser, viewport: dict, locale: str = "en-GB") -> BrowserContext:
    context = browser.new_context(viewport=viewport, locale=locale, has_touch=True)
    # The neutral site of quick exit, served locally instead of the internet.
    context.route(
        f"{NEUTRAL_URL.split('/weather')[0]}/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<html><body><h1 id='neutral'>Weather today</h1></body></html>",
        ),
    )
    return context


@pytest.fixture
def new_context(browser: Browser):
    """Factory for extra contexts (another device, another language)."""
    made: list[BrowserContext] = []

    def make(viewport: dict = PHONE, locale: str = "en-GB") -> BrowserContext:
        context = _context(browser, viewport, locale)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def phone(new_context) -> Page:
    return new_context(PHONE).new_page()


@pytest.fixture
def tablet(new_context) -> Page:
    return new_context(TABLET).new_page()


def wait_until_connected(page: Page) -> None:
    """Wait until the page has hydrated over the websocket."""
    page.wait_for_selector("#app-ready[data-ready=yes]", state="attached")


def screenshot(page: Page, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
