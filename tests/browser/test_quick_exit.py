"""Quick exit leaves for a neutral page and Back does not bring the app back."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import wait_until_connected
from tests.paths import NEUTRAL_URL

BEFORE = "https://neutral.invalid/before"


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_replaces_the_history_entry(phone, app_url, how):
    phone.goto(BEFORE)
    phone.goto(app_url + "/help")
    wait_until_connected(phone)

    if how == "button":
        phone.locator("#quick-exit").click()
    else:
        phone.locator("#page-title").click()
        phone.keyboard.press("Escape")

    phone.wait_for_url(NEUTRAL_URL)
    expect(phone.locator("#neutral")).to_be_visible()

    phone.go_back()
    phone.wait_for_load_state()
    assert not phone.url.startswith(app_url), "Back returned to the app"
    assert phone.url == BEFORE


def test_quick_exit_works_before_the_connection_is_up(new_context, app_url):
    context = new_context()
    # Block the websocket entirely: the server is unreachable.
    context.route("**/_event/**", lambda route: route.abort())
    page = context.new_page()
    page.goto(app_url + "/")
    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL_URL)
