"""Notifications: subscribing from a tap stores the subscription and her
preferences; iPhones outside the home screen get the "add to home screen" advice.

A real PushManager.subscribe() needs the browser vendor's push service, so an
init script replaces it with keys this test makes (the server side is tested
for real in tests/unit/push)."""

import base64
import json
import os
import re
import time as time_module
import uuid
from datetime import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from tests.browser.membership_helpers import PASSWORD, log_in, seed
from tests.browser.support import PHONE, screenshot, wait_until_connected

IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def fake_subscription() -> dict:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {
        "endpoint": f"https://fcm.googleapis.com/fcm/send/test-{uuid.uuid4().hex}",
        "expirationTime": None,
        "keys": {"p256dh": _b64url(point), "auth": _b64url(os.urandom(16))},
    }


def fake_push_manager(subscription: dict) -> str:
    return f"""(() => {{
  let current = null;
  const made = {json.dumps(subscription)};
  const fake = () => ({{
    endpoint: made.endpoint, options: {{}},
    toJSON: () => made,
    unsubscribe: async () => {{ current = null; return true; }},
  }});
  PushManager.prototype.subscribe = async function () {{ current = fake(); return current; }};
  PushManager.prototype.getSubscription = async function () {{ return current; }};
}})();"""


def _device_rows(name: str):
    from sqlmodel import select

    from uglymugs_app.models import PushSubscription
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member

    with session_scope() as session:
        member = find_member(session, name)
        return session.exec(
            select(PushSubscription).where(PushSubscription.member_id == member.id)
        ).all()


@pytest.fixture
def push_page(new_context, app_url):
    subscription = fake_subscription()
    context = new_context()
    context.grant_permissions(["notifications"], origin=app_url)
    context.add_init_script(fake_push_manager(subscription))
    name, _ = seed("member")
    page = context.new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-feed")).to_be_visible()
    page.goto(app_url + "/notifications")
    wait_until_connected(page)
    page.member_name, page.subscription = name, subscription
    return page


def test_subscribe_from_a_tap_stores_subscription_and_preferences(push_page):
    page = push_page
    page.check("#alert-region-limburg")
    page.check("#min_severity-medium")
    page.fill("#field-quiet_start", "23:00")
    page.fill("#field-quiet_end", "07:00")
    page.click("#notify-save")
    expect(page.locator("#notify-notice")).to_be_visible()

    page.click("#notify-me")  # the tap: only now is permission asked and subscribe called
    expect(page.locator("#push-on")).to_be_visible()
    expect(page.locator(".push-device")).to_have_count(1)
    expect(page.locator(".push-device")).to_contain_text("this device")
    screenshot(page, "notifications-subscribed")

    [row] = _device_rows(page.member_name)
    assert set(row.regions) == {"utrecht", "limburg"}
    assert (row.min_severity, row.quiet_start, row.quiet_end) == ("medium", time(23), time(7))
    assert row.language == "en"
    # Sealed, not stored as sent.
    assert page.subscription["endpoint"] not in row.endpoint_sealed
    assert page.subscription["keys"]["auth"] not in row.auth_sealed

    page.uncheck("#alert-region-limburg")
    page.check("#min_severity-high")
    page.click("#notify-save")
    expect(page.locator(".push-device")).to_contain_text("High danger")
    [row] = _device_rows(page.member_name)
    assert (row.regions, row.min_severity) == (["utrecht"], "high")

    page.locator(".push-device .remove-device").click()
    expect(page.locator(".push-device")).to_have_count(0)
    expect(page.locator("#notify-me")).to_be_visible()  # this browser unsubscribed too
    assert _device_rows(page.member_name) == []


def test_iphone_outside_the_home_screen_is_told_to_add_it_first(browser, app_url):
    name, _ = seed("member")
    context = browser.new_context(
        user_agent=IPHONE_SAFARI, viewport=PHONE, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, app_url, name, PASSWORD)
        expect(page.locator("#home-feed")).to_be_visible()
        page.goto(app_url + "/notifications")
        wait_until_connected(page)
        expect(page.locator("#ios-install")).to_contain_text("home screen")
        expect(page.locator("#notify-me")).to_have_count(0)
        expect(page).to_have_url(re.compile(r".*/notifications/?$"))
        screenshot(page, "notifications-ios")
    finally:
        context.close()


def kept_push_manager(subscription: dict) -> str:
    """Like ``fake_push_manager``, but the subscription outlives a page load, as a
    real one does (this device stays subscribed while she opens other pages)."""
    return f"""(() => {{
  const made = {json.dumps(subscription)};
  const fake = () => ({{
    endpoint: made.endpoint, options: {{}},
    toJSON: () => made,
    unsubscribe: async () => {{ localStorage.removeItem('test.push'); return true; }},
  }});
  PushManager.prototype.subscribe = async function () {{
    localStorage.setItem('test.push', '1'); return fake(); }};
  PushManager.prototype.getSubscription = async function () {{
    return localStorage.getItem('test.push') ? fake() : null; }};
}})();"""


def _notes_for(name: str, warning_id: int) -> list[dict]:
    """What a warning published now would show on her devices (rolled back: the
    served app's sender must not try to reach a push service from a test)."""
    from sqlmodel import Session, select

    from uglymugs_app.models import PushOutbox
    from uglymugs_app.services.database import get_engine
    from uglymugs_app.services.push.outbox import enqueue_for_warning

    devices = {row.id for row in _device_rows(name)}
    with Session(get_engine()) as session:
        enqueue_for_warning(session, warning_id=warning_id, severity="medium", regions=["utrecht"])
        rows = session.exec(
            select(PushOutbox).where(PushOutbox.notification_key == f"warning:{warning_id}:r0")
        ).all()
        notes = [row.payload for row in rows if row.subscription_id in devices]
        session.rollback()
    return notes


def test_13_discreet_mode_on_this_phone_reaches_its_notifications(new_context, app_url):
    context = new_context()
    context.grant_permissions(["notifications"], origin=app_url)
    context.add_init_script(kept_push_manager(fake_subscription()))
    name, _ = seed("member")
    page = context.new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-feed")).to_be_visible()
    page.goto(app_url + "/notifications")
    wait_until_connected(page)
    page.click("#notify-me")
    expect(page.locator("#push-on")).to_be_visible()
    [plain] = _notes_for(name, 900_001)
    assert plain["title"] == "New warning: Utrecht"

    page.goto(app_url + "/settings")
    wait_until_connected(page)
    page.locator("#discreet-switch").click()
    expect(page.locator("#discreet-switch")).to_be_checked()
    deadline = time_module.monotonic() + 10
    while not _device_rows(name)[0].discreet and time_module.monotonic() < deadline:
        page.wait_for_timeout(200)
    [note] = _notes_for(name, 900_002)
    assert note["title"] == "New note"
    assert note["icon"] == "/icons/notes-192.png"
    assert "utrecht" not in json.dumps(note).lower()
    assert "warning" not in (note["title"] + note["body"]).lower()

    # Back to normal on this phone: the region is shown again.
    page.locator("#discreet-switch").click()
    expect(page.locator("#discreet-switch")).not_to_be_checked()
    deadline = time_module.monotonic() + 10
    while _device_rows(name)[0].discreet and time_module.monotonic() < deadline:
        page.wait_for_timeout(200)
    [again] = _notes_for(name, 900_003)
    assert again["title"] == "New warning: Utrecht"
