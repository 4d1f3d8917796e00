"""The sender against a push service stand-in: delivery, removal, retry, restart."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric import ec
from sqlmodel import Session, select

from tests.fixtures.app import run_async
from tests.fixtures.people import ensure_active_member
from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import OutboxStatus, PushOutbox, PushSubscription
from uglymugs_app.services.push.outbox import claim_batch, enqueue_for_warning
from uglymugs_app.services.push.payload import PAYLOAD_KEYS
from uglymugs_app.services.push.results import push_stats
from uglymugs_app.services.push.sender import PushSender
from uglymugs_app.services.push.subscriptions import save_subscription, set_discreet

from .conftest import run_sender_until_settled
from .receiver import Device


def _publish(engine, *, warning_id=7, severity="medium", regions=("utrecht",), revision=0):
    with Session(engine) as session:
        added = enqueue_for_warning(
            session, warning_id=warning_id, severity=severity, regions=regions, revision=revision
        )
        session.commit()
    return added


def test_delivers_verified_encrypted_notification_without_identifiers(
    engine, secrets, settings, push_service, add_device
):
    with Session(engine) as session:
        _device, en_id = add_device(
            session,
            "anna",
            member_id=4242,
        )
        _device, nl_id = add_device(
            session,
            "bea",
            member_id=4343,
            language="nl",
        )
        session.commit()
    assert _publish(engine, warning_id=7, severity="high") == 2

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))

    assert push_service.errors == []
    (anna,) = push_service.delivered_to("anna")
    (bea,) = push_service.delivered_to("bea")
    assert anna.payload == {
        "title": "Urgent warning: Utrecht",
        "body": "Tap to read it now.",
        "url": "/warning?id=7",
        "tag": "warning-7",
        "icon": "/icons/icon-192.png",
    }
    assert bea.payload["title"] == "Dringende waarschuwing: Utrecht"
    assert anna.headers["Urgency"] == "high"
    assert anna.headers["Topic"] == "warning-7"
    assert 0 < int(anna.headers["TTL"]) <= 2 * 24 * 3600
    assert anna.claims["sub"] == settings.push_vapid_subject
    for received, member_id, sub_id in ((anna, 4242, en_id), (bea, 4343, nl_id)):
        device = push_service.devices[received.device]
        assert set(received.payload) <= PAYLOAD_KEYS
        text = json.dumps(received.payload)
        for secret in (device.endpoint, device.p256dh, device.auth, str(member_id)):
            assert secret not in text
        assert f"/{sub_id}" not in text.replace("/warning?id=7", "")
    with Session(engine) as session:
        rows = session.exec(select(PushOutbox)).all()
        assert {row.status for row in rows} == {OutboxStatus.DELIVERED}
        assert all(row.attempts == 1 and row.last_status_code == 201 for row in rows)
        assert session.get(PushSubscription, en_id).last_success_at is not None
        assert push_stats(session).delivered == 2


def test_13_a_discreet_device_gets_a_neutral_note_with_the_notepad_icon_and_no_region(
    engine, secrets, settings, push_service, add_device
):
    with Session(engine) as session:
        discreet, _ = add_device(session, "discreet", member_id=51, language="nl")
        add_device(session, "plain", member_id=52, language="nl")
        # As her settings page does when she turns discreet on, on that phone.
        assert set_discreet(
            session, secrets=secrets, member_id=51, endpoint=discreet.endpoint, discreet=True
        )
        # Nobody else can set her device.
        assert not set_discreet(
            session, secrets=secrets, member_id=52, endpoint=discreet.endpoint, discreet=False
        )
        session.commit()
    _publish(engine, warning_id=8, severity="high", regions=("utrecht",))
    _publish(engine, warning_id=8, severity="high", regions=("utrecht",), revision=1)

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))

    assert push_service.errors == []
    for note in push_service.delivered_to("discreet"):
        assert note.payload["title"] == "Nieuwe notitie"
        assert note.payload["icon"] == "/icons/notes-192.png"
        shown = json.dumps(note.payload, ensure_ascii=False).lower()
        for word in ("utrecht", "waarschuwing", "warning: "):
            assert word not in shown
    assert len(push_service.delivered_to("discreet")) == 2
    plain = push_service.delivered_to("plain")
    assert {note.payload["title"] for note in plain} == {
        "Dringende waarschuwing: Utrecht",
        "Aangepaste waarschuwing: Utrecht",
    }
    assert {note.payload["icon"] for note in plain} == {"/icons/icon-192.png"}


def test_gone_subscription_is_removed(engine, secrets, settings, push_service, add_device):
    with Session(engine) as session:
        _device, gone_id = add_device(session, "old")
        add_device(session, "new")
        session.commit()
    push_service.script["old"] = [(410, {})]
    _publish(engine)

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))

    with Session(engine) as session:
        assert session.get(PushSubscription, gone_id) is None
        statuses = {row.subscription_id: row.status for row in session.exec(select(PushOutbox))}
        assert statuses[gone_id] == OutboxStatus.GONE
        stats = push_stats(session)
        assert (stats.removed, stats.delivered, stats.subscriptions) == (1, 1, 1)
    assert len(push_service.delivered_to("new")) == 1
    # Later warnings no longer try the dead endpoint.
    _publish(engine, warning_id=8)
    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))
    assert len(push_service.attempts["old"]) == 1


def test_throttled_message_is_retried_after_retry_after(
    engine, secrets, settings, push_service, add_device
):
    with Session(engine) as session:
        add_device(session, "busy")
        session.commit()
    push_service.script["busy"] = [(429, {"Retry-After": "1"})]
    _publish(engine)

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))

    first, second = push_service.attempts["busy"]
    assert second - first >= 0.95
    assert len(push_service.delivered_to("busy")) == 1
    with Session(engine) as session:
        row = session.exec(select(PushOutbox)).one()
        assert (row.status, row.attempts) == (OutboxStatus.DELIVERED, 2)
        assert push_stats(session).retried == 1


def test_server_errors_are_retried_then_given_up_and_counted(
    engine, secrets, settings, push_service, add_device
):
    with Session(engine) as session:
        add_device(session, "down")
        session.commit()
    push_service.script["down"] = [(503, {})] * 10
    _publish(engine)

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))

    assert len(push_service.attempts["down"]) == settings.push_max_attempts
    with Session(engine) as session:
        row = session.exec(select(PushOutbox)).one()
        assert (row.status, row.last_status_code) == (OutboxStatus.FAILED, 503)
        stats = push_stats(session)
        assert (stats.failed, stats.retried, stats.delivered) == (1, 2, 0)


def test_messages_left_unanswered_time_out_and_are_retried_then_given_up(engine, secrets, settings):
    settings = settings.model_copy(update={"push_request_timeout_seconds": 0.3})
    connections = []

    async def silent(reader, writer) -> None:
        connections.append(writer)
        await reader.read()  # takes the request, never answers, until the sender hangs up
        writer.close()

    async def scenario() -> None:
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        device = Device(
            "mute",
            f"http://127.0.0.1:{port}/push/mute",
            ec.generate_private_key(ec.SECP256R1()),
            b"sixteen byte key",
        )
        with Session(engine) as session:
            ensure_active_member(session, 1)
            save_subscription(
                session,
                secrets=secrets,
                settings=settings,
                member_id=1,
                endpoint=device.endpoint,
                p256dh=device.p256dh,
                auth=device.auth,
                language="en",
                regions=("utrecht",),
            )
            session.commit()
        _publish(engine)
        try:
            await run_sender_until_settled(engine=engine, secrets=secrets, settings=settings)
        finally:
            server.close()

    run_async(scenario())

    # A timed-out connection is not used again: one connection per attempt.
    assert len(connections) == settings.push_max_attempts
    with Session(engine) as session:
        row = session.exec(select(PushOutbox)).one()
        assert (row.status, row.attempts, row.last_status_code) == (
            OutboxStatus.FAILED,
            settings.push_max_attempts,
            None,
        )
        stats = push_stats(session)
        assert (stats.failed, stats.retried, stats.delivered) == (1, 2, 0)


def _many_devices(engine, add_device, count):
    with Session(engine) as session:
        for number in range(count):
            add_device(
                session,
                f"d{number}",
            )
        session.commit()


def _assert_each_exactly_once(push_service, count):
    assert push_service.errors == []
    per_device = {name: len(push_service.delivered_to(name)) for name in push_service.devices}
    assert len(per_device) == count
    assert set(per_device.values()) == {1}, "some device got none or two"


def test_sender_cancelled_mid_run_resumes_without_loss_or_duplicates(
    engine, secrets, settings, push_service, add_device
):
    count = 120
    _many_devices(engine, add_device, count)
    push_service.delay = 0.05
    _publish(engine)

    async def kill_midway() -> None:
        sender = PushSender(engine=engine, secrets=secrets, settings=settings)
        task = asyncio.create_task(sender.run(asyncio.Event()))
        while len(push_service.received) < 20:
            await asyncio.sleep(0.005)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run_async(kill_midway())
    assert 20 <= len(push_service.received) < count, "the kill did not land mid-run"
    with Session(engine) as session:
        # Unsent claims were handed back: nothing waits for a lease to run out.
        leftover = session.exec(
            select(PushOutbox).where(PushOutbox.status != OutboxStatus.DELIVERED)
        ).all()
        assert leftover and all(row.status == OutboxStatus.PENDING for row in leftover)

    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))
    _assert_each_exactly_once(push_service, count)


def test_claims_of_a_dead_sender_are_taken_over_after_the_lease(
    engine, secrets, settings, push_service, add_device
):
    count = 30
    _many_devices(engine, add_device, count)
    _publish(engine)
    with Session(engine) as session:
        # A sender that claims and dies without a word; its lease is short.
        dead = claim_batch(session, sender_id="dead", limit=10, lease_seconds=0.5)
    assert len(dead) == 10
    run_async(run_sender_until_settled(engine=engine, secrets=secrets, settings=settings))
    _assert_each_exactly_once(push_service, count)

    # Delivered entries are never claimed again, not even with a lease long past.
    with Session(engine) as session:
        later = utcnow() + timedelta(days=1)
        assert claim_batch(session, sender_id="late", limit=100, lease_seconds=1, now=later) == []
