"""The feed in the browser: her regions, Dutch structured fields, expiry, unread
markers, and a new warning appearing without a reload."""

import re

from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import screenshot, wait_until_connected
from tests.browser.warning_helpers import publish_in, unique_phone


def test_feed_regions_language_expiry_and_live_update(new_context, app_url):
    from uglymugs_app.settings import get_settings

    utrecht = publish_in("utrecht", unique_phone())
    limburg = publish_in("limburg", unique_phone(), severity="low")
    expired = publish_in(
        "utrecht", unique_phone(), days_ago=get_settings().warning_lifetime_days + 1
    )
    name, _ = seed("member", language="nl")  # her region: utrecht; Dutch since she joined
    page = new_context(locale="nl-NL").new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-feed")).to_be_visible()
    page.goto(app_url + "/feed")
    wait_until_connected(page)

    mine = page.locator(f"[data-warning='{utrecht}']")
    expect(mine).to_be_visible()
    expect(mine.locator(".warning-incidents")).to_have_text("Lichamelijk geweld · Beroving")
    expect(mine.locator(".warning-month")).to_contain_text("maart 2025")
    expect(mine.locator("[data-severity=high]")).to_contain_text("Groot gevaar")
    expect(mine).to_have_attribute("data-unread", "yes")
    expect(page.locator(f"[data-warning='{limburg}']")).to_have_count(0)
    expect(page.locator(f"[data-warning='{expired}']")).to_have_count(0)

    page.locator("#whole-country").click()
    expect(page.locator(f"[data-warning='{limburg}'] [data-severity=low]")).to_contain_text(
        "Klein gevaar"
    )
    expect(page.locator(f"[data-warning='{expired}']")).to_have_count(0)
    screenshot(page, "feed-whole-country-nl")

    # Published while she looks: it appears by itself, newest first.
    fresh = publish_in("utrecht", unique_phone(), severity="medium")
    expect(page.locator(".warning-card").first).to_have_attribute(
        "data-warning", str(fresh), timeout=15000
    )
    expect(page).to_have_url(re.compile(r".*/feed/?$"))  # no reload, no navigation


def test_opening_a_warning_marks_it_read(new_context, app_url):
    warning = publish_in("utrecht", unique_phone())
    name, _ = seed("member")
    page = new_context().new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-feed")).to_be_visible()
    page.goto(app_url + "/feed")
    wait_until_connected(page)
    card = page.locator(f"[data-warning='{warning}']")
    expect(card).to_have_attribute("data-unread", "yes")
    card.locator(".warning-open").click()
    expect(page).to_have_url(re.compile(f".*/warning/?\\?id={warning}$"))
    expect(page.locator(".warning-identifier")).to_contain_text("••")
    expect(page.locator(".warning-appearance").first).to_be_visible()
    screenshot(page, "warning-page")
    page.locator("#back-to-feed").click()
    expect(page.locator(f"[data-warning='{warning}']")).to_have_attribute("data-unread", "no")


def test_applicants_and_visitors_get_no_feed(new_context, app_url):
    publish_in("utrecht", unique_phone())
    page = new_context().new_page()
    for path in ("/feed", "/check", "/warning?id=1", "/warnings/1"):
        page.goto(app_url + path)
        wait_until_connected(page)
        expect(page).to_have_url(re.compile(r".*/login/?$"))
    expect(page.locator(".warning-card")).to_have_count(0)
