"""The conversation reaches people: a reporter on a phone (in Romanian) and a
moderator on a tablet exchange three messages, each seeing the other's without
reloading; away from the page, her phone is notified (a local push service
receives and decrypts it) and the app shows the unread message.

The reporter's device is subscribed in the database with keys this test
holds, its endpoint on the local stand-in push service; the served app's own
push sender delivers to it.
"""

from __future__ import annotations

import re
import time
import uuid
from datetime import date

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import member_id
from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected
from tests.unit.push.receiver import PushServiceStandIn

NOTE = "Internal: she sounded scared, go slowly, do not mention the police yet."
# Marks the pages: a reload would drop it, so its survival proves none happened.
MARK = "window.__stayed = 'yes'"
STAYED = "window.__stayed === 'yes'"


@pytest.fixture
def push_service(harness):
    from uglymugs_app.services.security.instance_secrets import current_secrets

    secrets = current_secrets()
    private = serialization.load_pem_private_key(secrets.vapid_private_pem.encode(), None)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    service = PushServiceStandIn(
        vapid_public_pem=public_pem, vapid_public_b64=secrets.vapid_public_key
    )
    service.start()
    yield service
    service.stop()


def _reporter_with_report(push_service: PushServiceStandIn) -> tuple[str, int, int]:
    """A Romanian-speaking member, her report and her subscribed phone:
    (working name, report id, subscription id)."""
    from uglymugs_app.models import Member
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.push.subscriptions import save_subscription
    from uglymugs_app.services.reports.submission import ReportSubmission, submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.settings import get_settings

    name, _ = seed("member")
    reporter = member_id(name)
    device = push_service.new_device(f"phone-{uuid.uuid4().hex[:6]}")
    # Her phone's push service is the local stand-in (http on 127.0.0.1).
    local = get_settings().model_copy(
        update={"push_endpoint_hosts": ["127.0.0.1"], "push_allow_http": True}
    )
    with session_scope() as session:
        member = session.get(Member, reporter)
        member.language = "ro"
        session.add(member)
        session.commit()
        report = submit_report(
            session,
            secrets=current_secrets(),
            submission=ReportSubmission(
                client_id=uuid.uuid4(),
                incident_date=date(2025, 3, 14),
                part_of_day="night",
                region="utrecht",
                place_kind="hotel",
                incident_types=["physical_violence"],
                narrative="He would not let me leave the room.",
                area="Lombok",
            ),
            reporter_id=reporter,
        )
        stored = save_subscription(
            session,
            secrets=current_secrets(),
            settings=local,
            member_id=reporter,
            endpoint=device.endpoint,
            p256dh=device.p256dh,
            auth=device.auth,
            language="ro",
            regions=("utrecht",),
            min_severity="high",
        )
    push_service.reporter_device = device.name
    return name, report.id, stored.id


def _forget_device(subscription_id: int) -> None:
    from uglymugs_app.models import PushSubscription
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        row = session.get(PushSubscription, subscription_id)
        if row is not None:
            session.delete(row)
            session.commit()


def _write(page: Page, thread: str, text: str) -> None:
    page.fill(f"#{thread}-body", text)
    page.click(f"#{thread}-send")
    expect(page.locator(f"#{thread} .thread-message").last).to_contain_text(text)


def _sees(page: Page, thread: str, text: str) -> None:
    """The other side's message appears by itself (the beat is every 3 s)."""
    expect(page.locator(f"#{thread} .thread-message[data-mine=no]").last).to_contain_text(
        text, timeout=15_000
    )


def _pushed_to(service: PushServiceStandIn, name: str, count: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while len(service.delivered_to(name)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return service.delivered_to(name)


def test_reporter_and_moderator_talk_live_and_she_is_notified(new_context, app_url, push_service):
    reporter, report_id, subscription_id = _reporter_with_report(push_service)
    device = push_service.reporter_device
    try:
        moderator, secret = seed("moderator", totp=True)
        tablet = new_context(TABLET).new_page()
        log_in(tablet, app_url, moderator, totp_secret=secret)
        expect(tablet).to_have_url(re.compile(r".*/moderate/verifications/?$"))
        tablet.goto(app_url + "/moderate")
        wait_until_connected(tablet)
        tablet.click(f"#queue [data-report='{report_id}']")
        expect(tablet.locator("#case-language")).to_contain_text("Română")
        expect(tablet.locator("#case-handler")).to_contain_text("Nobody")
        tablet.click("#case-take")
        expect(tablet.locator("#case-handler")).to_contain_text("You are handling")
        expect(
            tablet.locator(f"#queue [data-report='{report_id}'] .queue-handler")
        ).to_contain_text(moderator)
        tablet.fill("#case-note-body", NOTE)
        tablet.click("#case-note-add")
        expect(tablet.locator("#case-notes .case-note")).to_contain_text(NOTE)

        phone = new_context(PHONE, locale="ro-RO").new_page()
        log_in(phone, app_url, reporter)
        expect(phone.locator("#home-check")).to_be_visible()
        phone.goto(app_url + "/my-reports")
        wait_until_connected(phone)
        phone.locator(f"[data-report='{report_id}'] .open-thread").click()
        expect(phone.locator("#my-thread")).to_be_visible()
        tablet.evaluate(MARK)
        phone.evaluate(MARK)

        # 1: the moderator asks; her open thread shows it by itself.
        _write(tablet, "moderator-thread", "Bună, ești în siguranță acum?")
        _sees(phone, "my-thread", "Bună, ești în siguranță acum?")
        # 2: she answers; the moderator's open case shows it by itself.
        _write(phone, "my-thread", "Da, sunt acasă. Mulțumesc.")
        _sees(tablet, "moderator-thread", "Da, sunt acasă.")
        # 3: the moderator again.
        _write(tablet, "moderator-thread", "Bine. Vrei să publicăm un avertisment?")
        _sees(phone, "my-thread", "Vrei să publicăm un avertisment?")
        assert phone.evaluate(STAYED) and tablet.evaluate(STAYED), "a page was reloaded"
        screenshot(phone, "case-conversation-phone")
        screenshot(tablet, "case-conversation-tablet")
        # Her page shows nothing of the internal note, whatever it loaded.
        assert "she sounded scared" not in phone.content()
        # Two moderator messages so far: her phone was told of each.
        assert len(_pushed_to(push_service, device, 2)) == 2

        # Away from the page (her start page), the moderator writes once more.
        phone.goto(app_url + "/")
        wait_until_connected(phone)
        _write(tablet, "moderator-thread", "Te sun mâine dimineață.")
        delivered = _pushed_to(push_service, device, 3)
        assert len(delivered) == 3, push_service.errors
        note = delivered[-1].payload
        assert note["title"] == "Mesaj nou" and note["url"] == "/my-reports"
        assert "mâine" not in str(note)  # never the message itself
        # The app shows it as soon as she opens a page: start page and "More".
        phone.goto(app_url + "/")
        wait_until_connected(phone)
        expect(phone.locator("#home-messages-count")).to_have_text("1")
        expect(phone.locator("#bottom-nav .nav-unread")).to_have_text("1")
        screenshot(phone, "case-conversation-home-unread")
        phone.click("#home-messages")
        phone.locator(f"[data-report='{report_id}'] .open-thread").click()
        expect(phone.locator("#my-thread")).to_contain_text("Te sun mâine dimineață.")
        expect(phone.locator("#bottom-nav .nav-unread")).to_have_count(0)
    finally:
        _forget_device(subscription_id)
