"""What the first paint waits for on a phone: the page and its stylesheet only.

The device's own scripts (the draft, discreet mode, the check, push) come in
the page itself, not as four requests, and the browser's bundle does not carry
them again; the app's chunks are asked for after the page has been painted
(uglymugs_app/paint_first.py), and the app then starts as before."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE, wait_until_connected
from uglymugs_app.components.device_scripts import DEVICE_SCRIPTS
from uglymugs_app.i18n import translate

pytestmark = pytest.mark.browser


def test_the_device_scripts_run_from_the_page_without_requests_of_their_own(phone, app_url):
    requested: list[str] = []
    responses = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.on("response", lambda response: responses.append(response))
    phone.goto(app_url + "/help")
    wait_until_connected(phone)
    assert not [url for url in requested if url.rsplit("/", 1)[-1] in DEVICE_SCRIPTS]
    # What each of them defines is there, and the app's chunks do not hold them.
    names = ["umQuickExit", "umDraft", "umNotifications", "umCheck"]
    defined = phone.evaluate("(names) => names.map((name) => typeof window[name])", names)
    assert defined == ["function", "object", "object", "object"], defined
    chunks = [response for response in responses if response.request.resource_type == "script"]
    assert chunks and not [chunk.url for chunk in chunks if b"umQuickExit" in chunk.body()]


# When the stylesheet arrived, and when each of the app's chunks was asked for.
TIMES = """() => {
  const entries = performance.getEntriesByType('resource');
  const sheet = entries.find((entry) => entry.name.endsWith('.css'));
  const chunks = entries.filter((entry) => /\\/assets\\/.*\\.js$/.test(entry.name));
  return {sheet: sheet.responseEnd, chunks: chunks.map((entry) => entry.startTime)};
}"""


def test_the_app_is_fetched_after_the_page_has_been_painted(phone, app_url):
    """The stylesheet arrives a second late, as on a slow connection: nothing of the
    app is asked for before it (the page cannot be painted without it), and the
    app then starts and answers as usual."""

    def late(route):
        time.sleep(1)
        route.continue_()

    phone.route("**/assets/*.css", late)
    phone.goto(app_url + "/help")
    wait_until_connected(phone)
    times = phone.evaluate(TIMES)
    assert times["chunks"], "no chunk of the app was loaded"
    assert min(times["chunks"]) >= times["sheet"], times


# Marks each contact name the served page holds, before the app has started.
MARK_SERVED_NAMES = """document.addEventListener('DOMContentLoaded', () => {
  for (const name of document.querySelectorAll('#help-contacts p')) name.dataset.served = 'yes';
});"""


def test_the_help_numbers_fill_in_under_the_names_the_page_came_with(phone, app_url):
    """The contact names are on the page from its first paint; when the numbers
    arrive they are written under those same names, not into a list drawn
    again (a new element is a new largest paint: the page would count as
    drawn only once the app has loaded the numbers)."""
    phone.add_init_script(MARK_SERVED_NAMES)
    phone.goto(app_url + "/help")
    wait_until_connected(phone)
    contacts = phone.locator("#help-contacts [data-contact]")
    expect(phone.locator("[data-contact=sexual_violence] a[href^='tel:']")).to_be_visible()
    names = contacts.locator("p").first
    expect(names).to_have_attribute("data-served", "yes")
    unmarked = phone.evaluate(
        "() => [...document.querySelectorAll('#help-contacts [data-contact] > p')]"
        ".filter((name) => name.dataset.served !== 'yes').map((name) => name.textContent)"
    )
    assert contacts.count() >= 3 and unmarked == [], unmarked


def test_the_app_starts_when_she_is_back_online_after_losing_the_connection_as_it_loaded(
    new_context, app_url
):
    """A phone loses its connection just after the page came in, while the app's
    chunks are on their way: she still has the page as drawn (Romanian here),
    and when the connection is back the app starts without her reloading."""
    context = new_context(PHONE, locale="ro-RO")
    page = context.new_page()
    lost: list[str] = []

    def connection_lost(route):
        if not lost:
            context.set_offline(True)
        lost.append(route.request.url)
        route.abort("internetdisconnected")

    page.route("**/assets/*.js", connection_lost)
    page.goto(app_url + "/help")
    expect(page.locator("#help-contacts")).to_be_visible()
    page.wait_for_function("() => !navigator.onLine")
    page.wait_for_timeout(1000)
    assert lost, "the app's chunks were never asked for"
    assert page.locator("#app-ready[data-ready=yes]").count() == 0
    page.unroute("**/assets/*.js")
    context.set_offline(False)
    wait_until_connected(page)
    expect(page.locator("#page-title")).to_have_text(translate("ro", "help.title"))
    expect(page.locator("[data-contact=emergency] a[href^='tel:']")).to_be_visible()
