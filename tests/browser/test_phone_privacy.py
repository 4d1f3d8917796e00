"""What someone who picks up her phone can find: after Exit, nothing of the app
behind Back; the report draft on the phone unreadable, gone after 7 days or
with Exit when she asks."""

from __future__ import annotations

import json
import time

from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import (
    DRAFT_KEY,
    NARRATIVE,
    PHONE,
    fill_until_wishes,
    open_report_form,
    stored_draft,
)
from tests.browser.support import wait_until_connected
from tests.paths import NEUTRAL_URL
from uglymugs_app import routes

BEFORE = "https://neutral.invalid/before"
DAY_MS = 24 * 60 * 60 * 1000
# What the key store holds, as a script on the page sees it.
READ_KEY = """async () => {
  const bases = await indexedDB.databases();
  if (!bases.some((base) => base.name === 'um-draft-key')) return null;
  return await new Promise((resolve, reject) => {
  const opening = indexedDB.open('um-draft-key');
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const base = opening.result;
    if (!base.objectStoreNames.contains('keys')) { base.close(); resolve(null); return; }
    const request = base.transaction('keys').objectStore('keys').get('draft');
    request.onsuccess = async () => {
      const key = request.result;
      base.close();
      if (!key) { resolve(null); return; }
      let exported = true;
      try { await crypto.subtle.exportKey('raw', key); } catch (error) { exported = false; }
      resolve({kind: key.constructor.name, algorithm: key.algorithm.name,
               length: key.algorithm.length, extractable: key.extractable, exported});
    };
  };
  });
}"""


def _member(new_context, app_url) -> Page:
    member, _ = seed("member")
    page = new_context().new_page()
    page.goto(BEFORE)
    log_in(page, app_url, member)
    expect(page).to_have_url(app_url + "/")
    return page


def _back_shows_no_app_page(page: Page, app_url: str) -> None:
    """Back, as often as there is history: never a page of the app on the screen."""
    for _ in range(6):
        if page.url == BEFORE:
            return
        page.go_back(wait_until="commit")
        page.wait_for_url(lambda url: not url.startswith(app_url), timeout=10_000)
        page.wait_for_load_state()
        assert page.locator("#app-ready").count() == 0, f"an app page is shown at {page.url}"
    assert page.url == BEFORE


def test_11_quick_exit_leaves_no_page_behind_back(new_context, app_url):
    page = _member(new_context, app_url)
    expect(page.locator("#home-feed")).to_be_visible()
    # A few pages: moved between inside the app, and one opened afresh.
    page.locator(f"#bottom-nav [data-nav='{routes.FEED}']").click()
    expect(page).to_have_url(app_url + routes.FEED)
    page.locator("#bottom-nav [data-nav='/help']").click()
    expect(page.locator("#page-title")).to_have_text("Help")
    page.goto(app_url + "/")
    wait_until_connected(page)
    page.locator(f"#bottom-nav [data-nav='{routes.CHECK}']").click()
    expect(page).to_have_url(app_url + routes.CHECK)

    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL_URL)
    _back_shows_no_app_page(page, app_url)


def test_11_exit_blanks_the_screen_at_once(phone, app_url):
    phone.goto(app_url + "/help")
    wait_until_connected(phone)
    # Read in the same script as the tap, before the neutral site has answered.
    shown = phone.evaluate("""() => {
      document.querySelector('#quick-exit').click();
      return getComputedStyle(document.documentElement).visibility;
    }""")
    assert shown == "hidden"
    phone.wait_for_url(NEUTRAL_URL)


def test_11_shift_three_times_exits_but_escape_while_typing_does_not(phone, app_url):
    phone.goto(BEFORE)
    phone.goto(app_url + "/login")
    wait_until_connected(phone)
    name = phone.locator("#login-name")
    name.click()
    # Capitals are typed with Shift: they count for nothing.
    phone.keyboard.type("Anna Maria Ramos")
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(500)
    assert phone.url.startswith(app_url), "Escape in a field left the app"
    expect(name).to_be_focused()

    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(NEUTRAL_URL)
    _back_shows_no_app_page(phone, app_url)


def test_11_the_help_page_says_what_exit_does_and_does_not_erase(phone, app_url):
    phone.goto(app_url + "/help")
    wait_until_connected(phone)
    expect(phone.locator("#help-exit")).to_contain_text("Shift three times")
    erases = phone.locator("#help-exit-erases")
    for words in (
        "does not erase",
        "logged in",
        "history",
        "7 days",
        "Exit and erase my draft",
        "Clear this device",
    ):
        expect(erases).to_contain_text(words)


def test_12_the_draft_on_the_phone_is_sealed_expires_and_goes_with_exit(new_context, app_url):
    page = _member(new_context, app_url)
    open_report_form(page, app_url)
    fill_until_wishes(page)

    sealed = stored_draft(page)
    assert sealed
    for told in (NARRATIVE[:20], "12345678", "Lombok", "Example.nl", "robbery", "utrecht"):
        assert told.lower() not in sealed.lower()
    key = page.evaluate(READ_KEY)
    assert key == {
        "kind": "CryptoKey",
        "algorithm": "AES-GCM",
        "length": 256,
        "extractable": False,
        "exported": False,
    }

    # Plain Exit keeps her draft (the help page says so) ...
    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL_URL)
    page.goto(app_url + "/report")
    wait_until_connected(page)
    expect(page.locator("[data-step='wishes']")).to_be_visible()
    expect(page.locator("#report-narrative")).to_have_value(NARRATIVE)
    expect(page.locator("#id-value-0")).to_have_value(PHONE)

    # ... a draft untouched for more than 7 days is gone, with its key ...
    stale = json.loads(stored_draft(page))
    stale["saved"] = int(time.time() * 1000) - 8 * DAY_MS
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [DRAFT_KEY, json.dumps(stale)]
    )
    # (opening any page of the app is enough)
    page.goto(app_url + "/help")
    wait_until_connected(page)
    assert stored_draft(page) is None
    assert page.evaluate(READ_KEY) is None
    open_report_form(page, app_url)
    expect(page.locator("#report-narrative")).to_have_value("")

    # ... and "Exit and erase my draft" takes a fresh one with it.
    page.click("#report-next")
    page.fill("#report-area", "Lombok")
    page.wait_for_function(f"localStorage.getItem('{DRAFT_KEY}') !== null")
    page.locator("#quick-exit-erase-draft").click()
    page.wait_for_url(NEUTRAL_URL)
    open_report_form(page, app_url)
    expect(page.locator("#report-area")).to_have_value("")
    assert stored_draft(page) is None
