"""Notifications by e-mail on a phone, in Dutch: she gives an address, sees it
only masked, a test e-mail arrives at the local SMTP server the served app
sends to; an applicant's phone is told of her application only."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import screenshot, wait_until_connected
from tests.browser.test_notifications import fake_push_manager, fake_subscription
from tests.paths import SMTP_PORT
from tests.unit.mail.smtp_server import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(port=SMTP_PORT)
    server.start()
    yield server
    server.stop()


def _subscriptions(name: str):
    from sqlmodel import select

    from uglymugs_app.models import PushSubscription
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member

    with session_scope() as session:
        member = find_member(session, name)
        return session.exec(
            select(PushSubscription).where(PushSubscription.member_id == member.id)
        ).all()


def test_she_adds_an_address_sees_it_masked_and_a_test_arrives(new_context, app_url, smtp_server):
    name, _ = seed("member", language="nl")
    address = f"werk.{uuid.uuid4().hex[:8]}@example.nl"
    page = new_context(locale="nl-NL").new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-feed")).to_be_visible()
    page.goto(app_url + "/notifications")
    wait_until_connected(page)
    expect(page.locator("#email-form")).to_contain_text("E-mailadres")

    page.fill("#field-notify-email", "naam@werk")  # the browser lets it pass, the server not
    page.click("#email-add")
    expect(page.locator("#email-error")).to_contain_text("geen e-mailadres")

    page.fill("#field-notify-email", address)
    page.click("#email-add")
    expect(page.locator("#email-notice")).to_contain_text("Opgeslagen")
    expect(page.locator("#email-current")).to_have_text("w•••@example.nl")
    assert address not in page.content()
    screenshot(page, "notifications-email-nl")

    page.click("#email-test")
    expect(page.locator("#email-notice")).to_contain_text("test-e-mail")
    deadline_hit = not smtp_server.accepted.wait(timeout=15)
    assert not deadline_hit, "no test e-mail reached the SMTP server"
    (mail,) = smtp_server.to(address)
    assert mail.message["Subject"] == "Testmelding"
    assert "/notifications" in mail.text

    [row] = _subscriptions(name)
    assert row.channel == "email" and address not in row.endpoint_sealed
    page.click("#email-remove")
    expect(page.locator("#email-form")).to_be_visible()
    assert _subscriptions(name) == []


def test_an_applicants_phone_is_kept_for_her_own_news_only(new_context, app_url):
    name, _ = seed("applicant", language="ro")
    context = new_context(locale="ro-RO")
    context.grant_permissions(["notifications"], origin=app_url)
    context.add_init_script(fake_push_manager(fake_subscription()))
    page = context.new_page()
    log_in(page, app_url, name)
    expect(page.locator("#application-status")).to_be_visible()
    wait_until_connected(page)
    page.click("#notify-me")
    expect(page.locator("#push-on")).to_contain_text("cererea ta")
    screenshot(page, "status-notify-ro")
    [row] = _subscriptions(name)
    assert row.personal_only and row.regions == [] and row.language == "ro"
