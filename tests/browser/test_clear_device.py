"""Clear this device: logged out on the server, nothing of the app left in the browser."""

from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import PHONE, wait_until_connected


def test_clear_this_device_logs_out_and_wipes_every_trace(new_context, app_url):
    name, _ = seed("member")
    page = new_context(PHONE).new_page()
    log_in(page, app_url, name)
    expect(page.locator("#member-home")).to_be_visible()
    page.evaluate("""() => localStorage.setItem('um.report.draft',
                      JSON.stringify({narrative: 'he hit me', phone: '0612345678'}))""")
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.ready")
    page.evaluate("() => navigator.serviceWorker.ready")
    token = page.evaluate("() => localStorage.getItem('um.session')")
    assert token

    page.goto(app_url + "/settings")
    wait_until_connected(page)
    page.locator("#clear-device").click()
    page.wait_for_url(app_url + "/")
    wait_until_connected(page)

    left = page.evaluate("""async () => ({
        draft: localStorage.getItem('um.report.draft'),
        session: localStorage.getItem('um.session'),
    })""")
    assert left["draft"] is None
    assert not left["session"]
    # The old token no longer opens anything on the server.
    other = new_context(PHONE).new_page()
    other.goto(app_url + "/")
    other.evaluate("(token) => localStorage.setItem('um.session', token)", token)
    other.goto(app_url + "/account")
    wait_until_connected(other)
    expect(other).to_have_url(app_url + "/login")
