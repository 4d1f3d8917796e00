"""Register, wait, get verified by a moderator with two-factor, see the member home."""

import re

from playwright.sync_api import expect

from tests.browser.membership_helpers import decide, log_in, register, seed, take, unique
from tests.browser.support import screenshot, wait_until_connected


def test_register_pending_moderator_approves_member_home(new_context, app_url):
    worker = new_context().new_page()
    name = unique("Bella")
    register(worker, app_url, name, evidence="https://ads.example/bella")
    expect(worker).to_have_url(app_url + "/status")
    expect(worker.locator("#application-status")).to_have_attribute("data-status", "pending")
    # An applicant sees her status page only.
    worker.goto(app_url + "/")
    wait_until_connected(worker)
    expect(worker).to_have_url(app_url + "/status")
    screenshot(worker, "membership-pending")

    moderator_name, secret = seed("moderator", totp=True)
    tablet = new_context({"width": 1024, "height": 768}).new_page()
    log_in(tablet, app_url, moderator_name, totp_secret=secret)
    expect(tablet).to_have_url(app_url + "/moderate/verifications")
    panel = take(tablet, name)
    expect(panel.locator(".evidence-link")).to_have_text("https://ads.example/bella")
    screenshot(tablet, "membership-queue")
    decide(tablet, name, "approve")

    worker.reload()
    wait_until_connected(worker)
    expect(worker).to_have_url(app_url + "/")
    expect(worker.locator("#member-home")).to_be_visible()
    expect(worker.locator("#bottom-nav [data-nav='/check']")).to_be_visible()
    expect(worker.locator("#bottom-nav [data-nav='/moderate']")).to_have_count(0)
    screenshot(worker, "membership-member-home")


def test_ask_for_more_then_reject(new_context, app_url):
    worker = new_context().new_page()
    name = unique("Cleo")
    register(worker, app_url, name, evidence="https://ads.example/cleo")
    expect(worker).to_have_url(app_url + "/status")

    moderator_name, secret = seed("moderator", totp=True)
    tablet = new_context({"width": 1024, "height": 768}).new_page()
    log_in(tablet, app_url, moderator_name, totp_secret=secret)
    decide(tablet, name, "more", "Please send the link to your current ad.")

    worker.reload()
    wait_until_connected(worker)
    expect(worker.locator("#exchange [data-from='staff']")).to_contain_text("current ad")
    worker.fill("#status-evidence", "https://ads.example/cleo-2025")
    worker.click("#status-send")
    expect(worker.locator("#application-status")).to_have_attribute("data-status", "pending")
    expect(worker.locator("#exchange [data-from='applicant']")).to_contain_text("cleo-2025")

    tablet.reload()
    wait_until_connected(tablet)
    decide(tablet, name, "reject", "We could not find you.")
    worker.reload()
    wait_until_connected(worker)
    expect(worker.locator("#application-status")).to_have_attribute("data-status", "rejected")
    expect(worker.locator("#moderator-message")).to_contain_text("could not find you")
    expect(worker.locator("#exchange")).to_have_count(0)  # deleted with the decision


def test_pages_for_a_role_send_others_to_login(new_context, app_url):
    member_name, _ = seed("member")
    page = new_context().new_page()
    page.goto(app_url + "/moderate/verifications")
    wait_until_connected(page)
    expect(page).to_have_url(app_url + "/login")
    log_in(page, app_url, member_name)
    expect(page).to_have_url(app_url + "/")
    page.goto(app_url + "/admin/people")
    wait_until_connected(page)
    expect(page).to_have_url(app_url + "/login")


def test_7_a_members_name_gets_a_neutral_answer(new_context, app_url):
    """Nobody learns from the form that a name belongs to a member."""
    member_name, _ = seed("member")
    page = new_context().new_page()
    register(page, app_url, member_name.upper(), evidence="https://ads.example/probe")
    error = page.locator("#register-name-error")
    expect(error).to_contain_text("could not register this working name")
    expect(error).not_to_contain_text("taken")
    expect(page).to_have_url(re.compile(r"/register/?$"))
