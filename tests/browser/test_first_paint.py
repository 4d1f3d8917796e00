"""What the first paint waits for on a phone: the page and its stylesheet only.

The device's own scripts (the draft, discreet mode, the check, push) come in
the page itself, not as four requests, and the browser's bundle does not carry
them again; the app's chunks are asked for after the page has been painted
(uglymugs_app/paint_first.py), and the app then starts as before."""

from __future__ import annotations

import time

import pytest

from tests.browser.support import wait_until_connected
from uglymugs_app.components.device_scripts import DEVICE_SCRIPTS

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
