"""The interface's catalogue goes to a phone once per page load, in production
(PostgreSQL, Redis, several workers: a reload may land on another worker)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.frames import catalogues, catalogues_in_romanian, frames_received
from tests.browser.support import PHONE, wait_until_connected
from tests.production.conftest import needs_servers
from uglymugs_app.i18n import translate

pytestmark = needs_servers


def test_a_romanian_phone_gets_her_catalogue_once_per_page_load(production_server, new_context):
    """A reload starts from the bundle's English: her catalogue comes once more."""
    page = new_context(PHONE, locale="ro-RO").new_page()
    assert catalogues_in_romanian(page, production_server.url) == (1, 0, 1)


def test_an_english_phone_loads_the_app_without_a_catalogue(production_server, new_context):
    """English with the regions as shipped is what the page and the bundle hold."""
    page = new_context(PHONE, locale="en-GB").new_page()
    sizes = frames_received(page)
    page.goto(production_server.url + "/help")
    wait_until_connected(page)
    expect(page.locator("[data-contact=emergency] a[href^='tel:']")).to_be_visible()
    expect(page.locator("#page-title")).to_have_text(translate("en", "help.title"))
    page.reload()
    wait_until_connected(page)
    expect(page.locator("[data-contact=emergency] a[href^='tel:']")).to_be_visible()
    assert sizes and catalogues(sizes) == 0, sizes
