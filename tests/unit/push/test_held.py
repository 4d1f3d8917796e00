"""Quiet hours delay, they do not drop: held warnings arrive once, when they end."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from sqlmodel import Session, select

from tests.fixtures.app import run_async
from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.push.held import release_held
from uglymugs_app.services.push.outbox import LOCAL_TIME, cancel_unsent, enqueue_for_warning
from uglymugs_app.services.push.sender import PushSender, wake_push_senders
from uglymugs_app.services.push.subscriptions import set_discreet

# 23:30 in Amsterdam in winter; quiet hours 22:00–07:00 end at 06:00 UTC.
LATE_EVENING = datetime(2026, 1, 15, 22, 30, tzinfo=UTC)
MORNING = datetime(2026, 1, 16, 6, 0, tzinfo=UTC)
NIGHT = (time(22, 0), time(7, 0))


def warn(session, warning_id, *, severity="medium", revision=0, now=LATE_EVENING):
    return enqueue_for_warning(
        session,
        warning_id=warning_id,
        severity=severity,
        regions=["utrecht"],
        revision=revision,
        now=now,
    )


def by_status(session, subscription_id):
    rows = session.exec(
        select(PushOutbox)
        .where(PushOutbox.subscription_id == subscription_id)
        .order_by(PushOutbox.id)
    ).all()
    return [(row.notification_key, row.status) for row in rows]


def test_several_held_warnings_become_one_summary_when_quiet_hours_end(engine, add_device):
    with Session(engine) as session:
        _d, quiet = add_device(session, "q", quiet=NIGHT, language="nl")
        _d, awake = add_device(session, "a")
        for warning_id in (1, 2, 3):
            warn(session, warning_id)
        session.commit()
        assert {status for _key, status in by_status(session, quiet)} == {OutboxStatus.HELD}
        # Not before the end of her quiet hours.
        assert release_held(session, now=MORNING - timedelta(seconds=1)) == 0
        assert release_held(session, now=MORNING) == 1
        rows = session.exec(
            select(PushOutbox).where(PushOutbox.subscription_id == quiet).order_by(PushOutbox.id)
        ).all()
        assert [row.status for row in rows] == [
            OutboxStatus.MERGED,
            OutboxStatus.MERGED,
            OutboxStatus.PENDING,
        ]
        summary = rows[-1].payload
        assert summary["title"] == "3 nieuwe waarschuwingen"
        assert summary["url"] == "/feed" and rows[-1].topic == "warnings-held"
        # The awake device got each warning as it came; nothing of hers changed.
        assert [status for _k, status in by_status(session, awake)] == [OutboxStatus.PENDING] * 3
        assert release_held(session, now=MORNING + timedelta(hours=1)) == 0


def test_one_held_warning_arrives_as_itself_and_a_correction_counts_once(engine, add_device):
    with Session(engine) as session:
        _d, quiet = add_device(session, "q", quiet=NIGHT)
        _d, other = add_device(session, "o", quiet=NIGHT, member_id=2)
        warn(session, 1)
        warn(session, 1, revision=1)  # the moderator corrected it overnight
        session.commit()
        assert release_held(session, now=MORNING) == 2
        rows = session.exec(
            select(PushOutbox).where(PushOutbox.subscription_id == quiet).order_by(PushOutbox.id)
        ).all()
        assert [(r.notification_key, r.status) for r in rows] == [
            ("warning:1:r0", OutboxStatus.MERGED),
            ("warning:1:r1", OutboxStatus.PENDING),
        ]
        assert rows[-1].payload["title"] == "Updated warning: Utrecht"
        assert rows[-1].topic == "warning-1"
        assert by_status(session, other)[-1] == ("warning:1:r1", OutboxStatus.PENDING)


def test_a_retracted_warning_is_not_released_and_high_severity_is_never_held(
    engine, add_device, secrets
):
    with Session(engine) as session:
        device, quiet = add_device(session, "q", quiet=NIGHT)
        set_discreet(session, secrets=secrets, member_id=1, endpoint=device.endpoint, discreet=True)
        warn(session, 1)
        warn(session, 2)
        warn(session, 3)
        warn(session, 4, severity="high")
        cancel_unsent(session, warning_id=3)
        session.commit()
        assert by_status(session, quiet)[-1] == ("warning:4:r0", OutboxStatus.PENDING)
        release_held(session, now=MORNING)
        summary = session.exec(select(PushOutbox).where(PushOutbox.topic == "warnings-held")).one()
        # Two warnings still waited (the retracted one is gone); discreet words.
        assert summary.payload["title"] == "New note"
        assert summary.payload["icon"] == "/icons/notes-192.png"


def test_held_then_delivered_once_at_the_end_by_the_running_sender(
    engine, secrets, settings, push_service, add_device
):
    """Live: the sender runs all along; warnings come in two seconds before her
    quiet hours end. She gets nothing before the end and one summary after."""
    settings = settings.model_copy(update={"push_encrypt_workers": 0})

    async def scenario() -> None:
        sender = PushSender(engine=engine, secrets=secrets, settings=settings)
        stop = asyncio.Event()
        task = asyncio.create_task(sender.run(stop))
        await asyncio.sleep(0.5)  # idle, polling
        local = utcnow().astimezone(LOCAL_TIME)
        end = (local + timedelta(seconds=2)).time().replace(microsecond=0)
        start = (local - timedelta(hours=1)).time().replace(microsecond=0)
        with Session(engine) as session:
            add_device(session, "sleeping", quiet=(start, end))
            add_device(session, "awake", member_id=2)
            for warning_id in (1, 2):
                warn(session, warning_id, now=utcnow())
            session.commit()
        wake_push_senders()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while len(push_service.delivered_to("awake")) < 2 and loop.time() < deadline:
            await asyncio.sleep(0.02)
        assert len(push_service.delivered_to("awake")) == 2
        assert push_service.delivered_to("sleeping") == []
        assert utcnow().astimezone(LOCAL_TIME).time() < end  # still quiet when checked
        while not push_service.delivered_to("sleeping") and loop.time() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.5)  # anything more would come now
        stop.set()
        await task

    run_async(scenario())
    (summary,) = push_service.delivered_to("sleeping")
    assert summary.payload["title"] == "2 new warnings"
    assert summary.payload["url"] == "/feed"
    assert summary.headers["Topic"] == "warnings-held"
    with Session(engine) as session:
        statuses = sorted(row.status for row in session.exec(select(PushOutbox)))
    assert statuses == [OutboxStatus.DELIVERED] * 3 + [OutboxStatus.MERGED]


def test_one_releaser_at_a_time_on_either_database(both_engines, add_device):
    """Two senders releasing at once write one summary, never two (on PostgreSQL
    the second finds the release lock taken and leaves it to the first)."""
    engine = both_engines
    with Session(engine) as session:
        _d, quiet = add_device(session, "q", quiet=NIGHT)
        warn(session, 1)
        warn(session, 2)
        session.commit()
    with Session(engine) as first, Session(engine) as second:
        if engine.dialect.name == "postgresql":
            from sqlalchemy import text

            from uglymugs_app.services.push.held import RELEASE_LOCK_KEY

            first.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RELEASE_LOCK_KEY})
            assert release_held(second, now=MORNING) == 0
            first.rollback()
        assert release_held(second, now=MORNING) == 1
        assert release_held(first, now=MORNING) == 0
    with Session(engine) as session:
        assert sorted(status for _k, status in by_status(session, quiet)) == [
            OutboxStatus.MERGED,
            OutboxStatus.PENDING,
        ]
