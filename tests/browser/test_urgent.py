"""Urgent first: a worker in danger asks to be contacted now, and the moderator
on duty hears of it at once.

A Romanian-speaking worker on her phone answers "yes" to the danger question:
112 shows at once, and one more tap asks the organisation to contact her. The
moderator's tablet, subscribed with staff alerts (its push endpoint is the local
push service stand-in of tests/unit/push, which checks the VAPID signature and
decrypts the message as a phone would), gets a notification within seconds,
and her dashboard, open in another browser, shows the request at the top of
the queue without a reload. The worker then finishes her report: it joins the
same case.
"""

from __future__ import annotations

import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import (
    fill_until_wishes,
    my_reports,
    open_report_form,
    submit_and_wait,
)
from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected
from tests.unit.push.receiver import PushServiceStandIn

NOTIFIED_WITHIN_SECONDS = 10


@pytest.fixture
def push_service(monkeypatch):
    """The stand-in push service, and the served app allowed to subscribe to it
    (the app runs in this process: its settings are read afresh)."""
    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.settings import get_settings

    secrets = current_secrets()
    private = serialization.load_pem_private_key(secrets.vapid_private_pem.encode(), None)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    service = PushServiceStandIn(
        vapid_public_pem=public_pem, vapid_public_b64=secrets.vapid_public_key
    )
    service.start()
    monkeypatch.setenv("UGLYMUGS_PUSH_ENDPOINT_HOSTS", json.dumps(["127.0.0.1"]))
    monkeypatch.setenv("UGLYMUGS_PUSH_ALLOW_HTTP", "true")
    get_settings.cache_clear()
    yield service
    monkeypatch.undo()
    get_settings.cache_clear()
    service.stop()


def _device_push_manager(device) -> str:
    """This tablet's PushManager hands out the stand-in's device (kept across pages)."""
    made = {
        "endpoint": device.endpoint,
        "expirationTime": None,
        "keys": {"p256dh": device.p256dh, "auth": device.auth},
    }
    return f"""(() => {{
  const made = {json.dumps(made)};
  const fake = () => ({{ endpoint: made.endpoint, options: {{}}, toJSON: () => made,
    unsubscribe: async () => {{ localStorage.removeItem('test.push'); return true; }} }});
  PushManager.prototype.subscribe = async function () {{
    localStorage.setItem('test.push', '1'); return fake(); }};
  PushManager.prototype.getSubscription = async function () {{
    return localStorage.getItem('test.push') ? fake() : null; }};
}})();"""


def _forget_devices(working_name: str) -> None:
    """The tablet's subscription goes with the test: later tests must not queue
    notifications for a push service that is no longer there."""
    from sqlmodel import delete, select

    from uglymugs_app.models import PushOutbox, PushSubscription
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member

    with session_scope() as session:
        member = find_member(session, working_name)
        ids = session.exec(
            select(PushSubscription.id).where(PushSubscription.member_id == member.id)
        ).all()
        session.exec(delete(PushOutbox).where(PushOutbox.subscription_id.in_(ids)))
        session.exec(delete(PushSubscription).where(PushSubscription.id.in_(ids)))
        session.commit()


def _new_session(working_name: str) -> str:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member
    from uglymugs_app.services.security.sessions import open_session

    with session_scope() as session:
        return open_session(session, member_id=find_member(session, working_name).id)


def _staff_tablet(new_context, app_url, device, name, secret):
    context = new_context(TABLET)
    context.grant_permissions(["notifications"], origin=app_url)
    context.add_init_script(_device_push_manager(device))
    tablet = context.new_page()
    log_in(tablet, app_url, name, totp_secret=secret)
    expect(tablet).to_have_url(app_url + "/moderate/verifications")
    tablet.goto(app_url + "/notifications")
    wait_until_connected(tablet)
    tablet.click("#notify-me")
    expect(tablet.locator("#push-on")).to_be_visible()
    tablet.click("#staff-alerts-turn-on")
    expect(tablet.locator("#staff-alerts-on")).to_be_visible()
    return tablet


def test_danger_yes_asks_for_contact_and_the_moderator_hears_at_once(
    new_context, app_url, push_service
):
    moderator, secret = seed("moderator", totp=True)
    device = push_service.new_device("tablet")
    try:
        _staff_tablet(new_context, app_url, device, moderator, secret)
        # Her dashboard in another browser, open before the request arrives.
        # (signed in as on a second device: her one-time code was used by the first).
        desk_context = new_context(TABLET)
        desk_context.add_init_script(
            f"localStorage.setItem('um.session', {json.dumps(_new_session(moderator))})"
        )
        desk = desk_context.new_page()
        desk.goto(app_url + "/moderate")
        wait_until_connected(desk)
        expect(desk.locator("#queue")).to_be_visible()
        desk.evaluate("window.__sameDocument = true")

        worker, _ = seed("member", language="ro")
        phone = new_context(PHONE, locale="ro-RO").new_page()
        log_in(phone, app_url, worker)
        expect(phone.locator("#home-feed")).to_be_visible()
        open_report_form(phone, app_url)
        expect(phone.locator("#call-112")).to_be_hidden()
        phone.check("#danger-yes")
        call = phone.locator("#call-112")
        expect(call).to_be_visible()
        assert call.get_attribute("href") == "tel:112"
        box = call.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        ask = phone.locator("#ask-contact")
        expect(ask).to_contain_text("Cere organizației să mă contacteze acum")
        assert ask.bounding_box()["height"] >= 44
        asked_at = time.monotonic()
        ask.click()
        expect(phone.locator("#contact-sent")).to_contain_text("Cererea ta a fost trimisă")
        screenshot(phone, "urgent-contact-asked")

        # The moderator's tablet is told, in neutral words, with high urgency.
        deadline = asked_at + NOTIFIED_WITHIN_SECONDS
        while not push_service.delivered_to("tablet") and time.monotonic() < deadline:
            time.sleep(0.1)
        [note] = push_service.delivered_to("tablet")
        assert note.payload["title"] == "Urgent: someone asks to be contacted now"
        assert note.payload["url"] == "/moderate"
        assert note.headers.get("Urgency") == "high"
        assert worker not in json.dumps(note.payload)

        # On the dashboard, without a reload: the urgent request at the top
        # (only other unanswered urgent cases, older ones, may stand before it).
        [case] = my_reports(worker)
        mine = desk.locator(f"#queue .queue-item[data-report='{case.id}']")
        expect(mine).to_have_attribute("data-urgent", "yes", timeout=NOTIFIED_WITHIN_SECONDS * 1000)
        above = desk.locator("#queue .queue-item").evaluate_all(
            "items => items.map(i => i.dataset.urgent)"
        )
        ids = desk.locator("#queue .queue-item").evaluate_all(
            "items => items.map(i => i.dataset.report)"
        )
        assert set(above[: ids.index(str(case.id))]) <= {"yes"}
        assert desk.evaluate("window.__sameDocument === true")
        screenshot(desk, "urgent-contact-queue")

        # She goes on with her report: it fills in the same case.
        fill_until_wishes(phone)
        assert submit_and_wait(phone) == case.id
        desk.locator(f"#queue [data-report='{case.id}']").click()
        expect(desk.locator("#detail-narrative")).to_contain_text("room twelve")
    finally:
        _forget_devices(moderator)


def test_an_admin_puts_a_moderator_on_call(new_context, app_url):
    from datetime import datetime, timedelta

    from uglymugs_app.services.push.outbox import LOCAL_TIME

    moderator, _ = seed("moderator", totp=True)
    admin, secret = seed("admin", totp=True)
    page = new_context(TABLET).new_page()
    log_in(page, app_url, admin, totp_secret=secret)
    expect(page).to_have_url(app_url + "/moderate/verifications")
    page.goto(app_url + "/admin/on-call")
    wait_until_connected(page)
    expect(page.locator("#on-call-now")).not_to_contain_text(moderator)
    # On call from an hour ago until an hour from now, Dutch time.
    now = datetime.now(LOCAL_TIME)
    page.select_option("#on-call-member", label=moderator)
    page.select_option("#on-call-weekday", str((now - timedelta(hours=1)).weekday()))
    page.fill("#on-call-starts", f"{now - timedelta(hours=1):%H:%M}")
    page.fill("#on-call-ends", f"{now + timedelta(hours=1):%H:%M}")
    page.click("#on-call-add")
    expect(page.locator("#on-call-notice")).to_be_visible()
    row = page.locator(".on-call-row", has_text=moderator)
    expect(row).to_have_count(1)
    expect(page.locator("#on-call-now")).to_contain_text(moderator)
    screenshot(page, "urgent-on-call-rota")
    row.locator(".on-call-remove").click()
    expect(page.locator(".on-call-row", has_text=moderator)).to_have_count(0)
    expect(page.locator("#on-call-now")).not_to_contain_text(moderator)
