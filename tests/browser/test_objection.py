"""An objection on a phone: the answer a visitor sees is the same, word for
word, whether the number he names is in a warning or not."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import PHONE, screenshot, wait_until_connected
from tests.browser.warning_helpers import publish_in, unique_phone

REASON = "This number has been mine since May; I never used that site."


def _object(page: Page, app_url: str, phone: str) -> str:
    page.goto(app_url + "/objection")
    wait_until_connected(page)
    page.select_option("#objection-kind", "phone")
    page.fill("#objection-identifier", phone)
    page.fill("#objection-reason", REASON)
    page.click("#objection-submit")
    answer = page.locator("#objection-answer")
    expect(answer).to_be_visible()
    expect(page.locator("#objection-submit")).to_have_count(0)
    return page.locator("main").inner_text()


@pytest.mark.parametrize(
    ("locale", "words"),
    [("nl-NL", "Uw bezwaar is ontvangen"), ("th-TH", "เราได้รับคำคัดค้านของคุณแล้ว")],
)
def test_the_answer_is_identical_for_a_listed_and_an_unlisted_number(
    new_context, app_url, locale, words
):
    listed = unique_phone()
    publish_in("utrecht", listed)
    unlisted = unique_phone()

    seen = []
    for phone in (listed, unlisted):
        page = new_context(PHONE, locale=locale).new_page()
        seen.append(_object(page, app_url, phone))
        assert page.locator("#objection-error").count() == 0
        screenshot(page, f"objection-{locale}-{len(seen)}")

    assert words in seen[0]
    assert seen[0] == seen[1]


def test_the_home_page_leads_to_the_objection(new_context, app_url):
    page = new_context(PHONE).new_page()
    page.goto(app_url + "/")
    wait_until_connected(page)
    page.click("#home-objection")
    expect(page.locator("#objection-identifier")).to_be_visible()


def test_a_moderator_removes_the_objected_number_from_the_warning(new_context, app_url):
    from tests.browser.membership_helpers import log_in, seed
    from tests.browser.support import TABLET

    listed = unique_phone()
    warning = publish_in("utrecht", listed)
    visitor = new_context(PHONE).new_page()
    _object(visitor, app_url, listed)

    name, secret = seed("moderator", totp=True)
    tablet = new_context(TABLET).new_page()
    log_in(tablet, app_url, name, totp_secret=secret)
    tablet.wait_for_url("**/moderate/**")
    tablet.goto(app_url + "/moderate/objections")
    wait_until_connected(tablet)
    digits = "+31" + listed.replace("06-", "6")
    card = tablet.locator("[data-objection]", has_text=digits)
    expect(card).to_have_count(1)
    expect(card).to_contain_text(REASON)
    listing = card.locator(".objection-listed", has_text=f"#{warning}")
    listing.locator("form:has(.objection-remove) input[name=note]").fill(
        "His number since May; the rest of the warning stands."
    )
    listing.locator(".objection-remove").click()
    expect(tablet.locator("#objections-notice")).to_be_visible()
    expect(tablet.locator("[data-objection]", has_text=digits)).to_have_count(0)
    screenshot(tablet, "objections-tablet")

    from tests.browser.warning_helpers import identifiers_of

    assert "phone" not in identifiers_of(warning)
