"""A login lives in the database: it survives dropped sockets, lost server state
and new tabs, and ends on logout or log-out-everywhere."""

import re

from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import wait_until_connected


def _signed_in_member(new_context, app_url):
    name, _ = seed("member")
    context = new_context()
    page = context.new_page()
    log_in(page, app_url, name)
    expect(page.locator("#member-home")).to_be_visible()
    return name, context, page


def test_session_survives_a_dropped_websocket(new_context, app_url):
    _, context, page = _signed_in_member(new_context, app_url)
    context.set_offline(True)
    page.wait_for_timeout(1500)
    context.set_offline(False)
    page.locator("#bottom-nav [data-nav='/menu']").click()
    page.locator("#main [data-nav='/account']").click()
    expect(page).to_have_url(app_url + "/account")
    expect(page.locator("#account-name")).to_be_visible()


def test_session_survives_losing_all_server_state(new_context, app_url, harness):
    name, context, page = _signed_in_member(new_context, app_url)
    # What a backend restart does to Reflex's in-memory states: all gone.
    states = harness.app_instance._state_manager.states
    assert states, "the harness serves from this process: its states must be here"
    states.clear()
    page.locator("#bottom-nav [data-nav='/menu']").click()
    page.locator("#main [data-nav='/account']").click()
    # The tab's states are gone, so the page loads again to present her token
    # from storage (a full load is served as /account/).
    expect(page).to_have_url(re.compile(rf"{re.escape(app_url)}/account/?$"))
    expect(page.locator("#account-name")).to_contain_text(name)

    # A new tab or process of the app knows nothing but the stored token.
    other = new_context()
    other.add_init_script(f"localStorage.setItem('um.session', {_token_literal(page)})")
    fresh = other.new_page()
    fresh.goto(app_url + "/account")
    wait_until_connected(fresh)
    expect(fresh.locator("#account-name")).to_contain_text(name)


def _token_literal(page) -> str:
    import json

    return json.dumps(page.evaluate("localStorage.getItem('um.session')"))


def test_log_out_and_log_out_everywhere(new_context, app_url):
    name, context, page = _signed_in_member(new_context, app_url)
    second = new_context().new_page()
    log_in(second, app_url, name)
    expect(second.locator("#member-home")).to_be_visible()

    page.goto(app_url + "/account")
    wait_until_connected(page)
    page.click("#log-out-everywhere")
    # A full page load (the browser starts a new tab): served as /login/.
    expect(page).to_have_url(re.compile(rf"{re.escape(app_url)}/login/?$"))
    assert page.evaluate("localStorage.getItem('um.session')") in ("", None, '""')

    second.goto(app_url + "/account")
    wait_until_connected(second)
    expect(second).to_have_url(re.compile(rf"{re.escape(app_url)}/login/?$"))
