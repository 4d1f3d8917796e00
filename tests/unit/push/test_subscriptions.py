"""Device CRUD for the settings page, sealing at rest, endpoint rules."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from uglymugs_app.models.push import PushOutbox, PushSubscription
from uglymugs_app.services.push.outbox import enqueue_for_warning
from uglymugs_app.services.push.subscriptions import (
    InvalidSubscriptionError,
    delete_device,
    delete_member_devices,
    find_device,
    list_devices,
    replace_endpoint,
    save_subscription,
    update_preferences,
)


def test_endpoint_and_keys_are_sealed_at_rest(engine, add_device):
    with Session(engine) as session:
        device, _ = add_device(session, "private")
        session.commit()
    with engine.connect() as connection:
        dump = "\n".join(
            str(row) for row in connection.execute(text("SELECT * FROM push_subscription"))
        )
    for value in (device.endpoint, device.p256dh, device.auth, "/push/private"):
        assert value not in dump


def test_same_endpoint_updates_one_row_and_passes_to_the_new_member(
    engine, secrets, settings, push_service
):
    device = push_service.new_device("shared")
    common = {
        "secrets": secrets,
        "settings": settings,
        "endpoint": device.endpoint,
        "p256dh": device.p256dh,
        "auth": device.auth,
        "regions": ["utrecht"],
    }
    with Session(engine) as session:
        save_subscription(session, member_id=1, language="en", **common)
        save_subscription(session, member_id=2, language="nl", device_label="werk", **common)
        rows = session.exec(select(PushSubscription)).all()
        assert len(rows) == 1
        assert (rows[0].member_id, rows[0].language, rows[0].device_label) == (2, "nl", "werk")
        assert find_device(session, secrets=secrets, member_id=1, endpoint=device.endpoint) is None
        assert find_device(session, secrets=secrets, member_id=2, endpoint=device.endpoint)


@pytest.mark.parametrize(
    ("endpoint", "allow_http"),
    [
        ("https://evil.example/push/x", False),
        ("http://127.0.0.1:9/push/x", False),  # plain http not allowed by default
        ("https://user:pw@127.0.0.1/push/x", True),
        ("https://fcm.googleapis.com.evil.example/x", True),
    ],
)
def test_endpoints_outside_known_push_services_are_refused(
    engine, secrets, settings, push_service, endpoint, allow_http
):
    settings = settings.model_copy(update={"push_allow_http": allow_http})
    device = push_service.new_device("x")
    with Session(engine) as session, pytest.raises(InvalidSubscriptionError):
        save_subscription(
            session,
            secrets=secrets,
            settings=settings,
            member_id=1,
            endpoint=endpoint,
            p256dh=device.p256dh,
            auth=device.auth,
            language="en",
            regions=[],
        )


def test_malformed_keys_and_preferences_are_refused(engine, secrets, settings, push_service):
    device = push_service.new_device("x")
    good = {
        "secrets": secrets,
        "settings": settings,
        "member_id": 1,
        "endpoint": device.endpoint,
        "p256dh": device.p256dh,
        "auth": device.auth,
        "language": "en",
        "regions": ["utrecht"],
    }
    with Session(engine) as session:
        for change in (
            {"p256dh": device.p256dh[:-4]},
            {"auth": "not base64 !!"},
            {"min_severity": "apocalyptic"},
            {"regions": [f"r{n}" for n in range(100)]},
        ):
            with pytest.raises(InvalidSubscriptionError):
                save_subscription(session, **{**good, **change})
        assert save_subscription(session, **good).language == "en"


def test_members_see_change_and_remove_only_their_own_devices(engine, add_device):
    with Session(engine) as session:
        _d, mine = add_device(session, "mine", member_id=1)
        _d, hers = add_device(session, "hers", member_id=2)
        enqueue_for_warning(session, warning_id=1, severity="low", regions=["utrecht"])
        assert [device.id for device in list_devices(session, member_id=1)] == [mine]
        prefs = {
            "language": "nl",
            "regions": ["amsterdam"],
            "min_severity": "high",
            "quiet_start": time(23, 0),
            "quiet_end": time(8, 0),
            "device_label": "telefoon",
        }
        assert update_preferences(session, member_id=1, device_id=hers, **prefs) is None
        changed = update_preferences(session, member_id=1, device_id=mine, **prefs)
        assert changed.regions == ("amsterdam",) and changed.quiet_end == time(8, 0)
        assert not delete_device(session, member_id=1, device_id=hers)
        assert delete_device(session, member_id=1, device_id=mine)
        remaining = session.exec(select(PushOutbox.subscription_id)).all()
        assert remaining == [hers]
        assert delete_member_devices(session, member_id=2) == 1
        assert session.exec(select(PushOutbox)).all() == []


def test_replace_endpoint_needs_the_old_auth_secret(engine, secrets, settings, add_device):
    with Session(engine) as session:
        old, sub_id = add_device(session, "before")
        new = old.__class__(
            name="after",
            endpoint=old.endpoint.replace("before", "after"),
            private_key=old.private_key,
            auth_secret=b"0123456789abcdef",
        )
        change = {
            "secrets": secrets,
            "settings": settings,
            "old_endpoint": old.endpoint,
            "endpoint": new.endpoint,
            "p256dh": new.p256dh,
            "auth": new.auth,
        }
        assert not replace_endpoint(session, old_auth=new.auth, **change)
        assert replace_endpoint(session, old_auth=old.auth, **change)
        moved = find_device(session, secrets=secrets, member_id=1, endpoint=new.endpoint)
        assert moved.id == sub_id
        assert find_device(session, secrets=secrets, member_id=1, endpoint=old.endpoint) is None
        # The old secret no longer works once it has been used.
        assert not replace_endpoint(session, old_auth=old.auth, **change)
