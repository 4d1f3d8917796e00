"""Behind the reverse proxy: login throttling counts each member's own address.

The sample nginx config (docs/deploy/nginx.conf) connects to the backend from
127.0.0.1 and passes her address in ``X-Forwarded-For``; the backend trusts
that header only from 127.0.0.1 (uvicorn's default). Here the browser plays
both: it connects from 127.0.0.1 and sends the header itself.
"""

from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import PASSWORD, unique
from tests.browser.support import PHONE, wait_until_connected
from tests.production.conftest import needs_servers
from tests.production.test_workers import seed_member

pytestmark = needs_servers

GUESSER = "203.0.113.7"
MEMBER = "198.51.100.4"
MOST_TRIES = 14  # more than the free failures per address (10)


def _behind_proxy(new_context, address: str) -> Page:
    context = new_context(PHONE)
    context.set_extra_http_headers({"X-Forwarded-For": address})
    return context.new_page()


def _log_in(page: Page, url: str, name: str, password: str) -> None:
    if "/login" not in page.url:
        page.goto(url + "/login")
        wait_until_connected(page)
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    page.click("#login-submit")


def test_guessing_from_one_address_does_not_slow_a_member_at_another(
    production_server, new_context
):
    url, name = production_server.url, seed_member(production_server)
    guesser = _behind_proxy(new_context, GUESSER)
    error, password = guesser.locator("#login-error"), guesser.locator("#login-password")
    for _ in range(MOST_TRIES):
        # A new name every time: only the address count can stop her.
        _log_in(guesser, url, unique("Guess"), "not the password")
        expect(password).to_have_value("")  # the answer clears it
        if error.inner_text().startswith("Too many tries"):
            break
    assert error.inner_text().startswith("Too many tries")

    # Even the right password waits at the guesser's address ...
    _log_in(guesser, url, name, PASSWORD)
    expect(password).to_have_value("")
    expect(error).to_contain_text("Too many tries")
    assert "/login" in guesser.url

    # ... while the member, at her own address behind the same proxy, gets in.
    member = _behind_proxy(new_context, MEMBER)
    _log_in(member, url, name, PASSWORD)
    expect(member.locator("#member-home")).to_be_visible()
