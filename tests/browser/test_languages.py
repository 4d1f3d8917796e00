"""Thai and Bulgarian pages render in their own script, with a font for Thai.

The screenshots stay in artifacts/ for a person to look at; the test asserts
the rendered text and that the Thai font was really used, not the pixels.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.frames import catalogues, catalogues_in_romanian, frames_received
from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected
from uglymugs_app.i18n import translate

pytestmark = pytest.mark.browser


def _thai_font_loaded(page) -> bool:
    return page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].some(f => f.family.includes('Noto Sans Thai')
                                             && f.status === 'loaded');
    }""")


def test_thai_help_page_renders_in_thai(new_context, app_url):
    page = new_context(PHONE, locale="th-TH").new_page()
    page.goto(app_url + "/help")
    wait_until_connected(page)
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("#page-title")).to_have_text(translate("th", "help.title"))
    expect(page.locator("main")).to_contain_text(translate("th", "help.exit.body"))
    expect(page.locator("#quick-exit")).to_contain_text("ออก")
    expect(page.locator("#bottom-nav")).to_contain_text(translate("th", "nav.help"))
    assert _thai_font_loaded(page), "Noto Sans Thai was not loaded for Thai text"
    screenshot(page, "languages/th-help-phone")


def test_bulgarian_home_page_renders_in_cyrillic(new_context, app_url):
    page = new_context(TABLET, locale="bg-BG").new_page()
    page.goto(app_url + "/")
    wait_until_connected(page)
    expect(page.locator("html")).to_have_attribute("lang", "bg")
    expect(page.locator("#page-title")).to_have_text(translate("bg", "home.title"))
    expect(page.locator("main")).to_contain_text(translate("bg", "home.point.check"))
    expect(page.locator("#side-rail")).to_contain_text("Помощ")
    screenshot(page, "languages/bg-home-tablet")


def test_thai_chosen_in_settings_survives_reload(phone, app_url):
    phone.goto(app_url + "/settings")
    wait_until_connected(phone)
    phone.locator("#language-th").click()
    expect(phone.locator("#page-title")).to_have_text(translate("th", "settings.title"))
    phone.reload()
    wait_until_connected(phone)
    expect(phone.locator("#page-title")).to_have_text(translate("th", "settings.title"))
    expect(phone.locator("html")).to_have_attribute("lang", "th")


def test_her_language_comes_once_per_page_load_not_with_every_page(new_context, app_url):
    """On prepaid data: a Romanian worker's phone gets her catalogue when the app
    loads, not again with each page she opens in it; after a reload (the
    bundle's English again) it comes once more and the page is in Romanian.
    (Here the test harness keeps her states in memory and the reconnect
    carries it; in production it may come after: tests/production/test_catalogue.py.)"""
    page = new_context(PHONE, locale="ro-RO").new_page()
    assert catalogues_in_romanian(page, app_url) == (1, 0, 1)


def test_an_english_page_opened_in_the_app_receives_no_catalogue(new_context, app_url):
    page = new_context(PHONE, locale="en-GB").new_page()
    sizes = frames_received(page)
    page.goto(app_url + "/")
    wait_until_connected(page)
    sizes.clear()
    page.locator("#bottom-nav a[href='/help']").click()
    expect(page.locator("[data-contact=emergency] a[href^='tel:']")).to_be_visible()
    expect(page.locator("#page-title")).to_have_text(translate("en", "help.title"))
    assert sizes and catalogues(sizes) == 0, sizes
