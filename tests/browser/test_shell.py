"""The app shell on a phone and a tablet: layout, navigation, language, 404."""

from playwright.sync_api import expect

from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected


def test_phone_has_bottom_navigation_that_works(phone, app_url):
    phone.goto(app_url + "/")
    wait_until_connected(phone)
    expect(phone.locator("#bottom-nav")).to_be_visible()
    expect(phone.locator("#side-rail")).to_be_hidden()
    expect(phone.locator("#quick-exit")).to_be_visible()
    screenshot(phone, "home-phone")

    phone.locator("#bottom-nav [data-nav='/help']").click()
    expect(phone).to_have_url(app_url + "/help")
    expect(phone.locator("#page-title")).to_have_text("Help")


def test_tablet_has_side_rail_that_works(tablet, app_url):
    tablet.goto(app_url + "/")
    wait_until_connected(tablet)
    expect(tablet.locator("#side-rail")).to_be_visible()
    expect(tablet.locator("#bottom-nav")).to_be_hidden()
    screenshot(tablet, "home-tablet")

    tablet.locator("#side-rail [data-nav='/settings']").click()
    expect(tablet).to_have_url(app_url + "/settings")
    expect(tablet.locator("#page-title")).to_have_text("Settings")


def test_dark_theme_by_default_and_light_on_request(phone, app_url):
    phone.goto(app_url + "/settings")
    wait_until_connected(phone)
    html = phone.locator("html")
    expect(html).to_have_class(lambda_class("dark"))
    phone.locator("#theme-light").click()
    expect(html).to_have_class(lambda_class("light"))
    phone.reload()
    wait_until_connected(phone)
    expect(html).to_have_class(lambda_class("light"))


def lambda_class(name: str):
    import re

    return re.compile(rf"(^|\s){name}(\s|$)")


def test_switching_language_changes_text_and_survives_reload(phone, app_url):
    phone.goto(app_url + "/settings")
    wait_until_connected(phone)
    expect(phone.locator("#page-title")).to_have_text("Settings")

    phone.locator("#language-nl").click()
    expect(phone.locator("#page-title")).to_have_text("Instellingen")
    expect(phone.locator("#quick-exit")).to_contain_text("Weg")
    expect(phone.locator("html")).to_have_attribute("lang", "nl")

    phone.reload()
    wait_until_connected(phone)
    expect(phone.locator("#page-title")).to_have_text("Instellingen")

    phone.select_option("#language-picker", "en")
    expect(phone.locator("#page-title")).to_have_text("Settings")


def test_first_visit_takes_the_browsers_language(new_context, app_url):
    page = new_context(PHONE, locale="nl-NL").new_page()
    page.goto(app_url + "/help")
    wait_until_connected(page)
    expect(page.locator("#page-title")).to_have_text("Hulp")


def test_unknown_address_shows_the_not_found_page(new_context, app_url):
    page = new_context(TABLET).new_page()
    page.goto(app_url + "/no/such/page")
    wait_until_connected(page)
    expect(page.locator("#page-title")).to_have_text("Page not found")
    expect(page.locator("#quick-exit")).to_be_visible()
