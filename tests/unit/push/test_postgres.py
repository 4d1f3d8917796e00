"""Several senders on PostgreSQL share one outbox: every entry delivered exactly once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from tests.fixtures.app import run_async
from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.push.outbox import claim_batch, enqueue_for_warning
from uglymugs_app.services.push.results import push_stats
from uglymugs_app.vocabulary import WHOLE_COUNTRY

from .conftest import run_sender_until_settled

pytestmark = pytest.mark.postgres
ENTRIES = 5000


def test_two_senders_deliver_each_entry_exactly_once(
    pg_engine, secrets, settings, push_service, add_device
):
    settings = settings.model_copy(update={"push_batch_size": 100, "push_concurrency": 32})
    with Session(pg_engine) as session:
        for number in range(ENTRIES):
            add_device(session, f"m{number}")
        assert (
            enqueue_for_warning(session, warning_id=1, severity="high", regions=[WHOLE_COUNTRY])
            == ENTRIES
        )
        session.commit()

    senders = []
    failures: list[BaseException] = []

    def sender_thread() -> None:
        try:
            senders.append(
                run_async(
                    run_sender_until_settled(
                        engine=pg_engine, secrets=secrets, settings=settings, timeout=180
                    )
                )
            )
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=sender_thread) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(240)

    assert failures == []
    assert push_service.errors == []
    per_device: dict[str, int] = {}
    for item in push_service.received:
        per_device[item.device] = per_device.get(item.device, 0) + 1
    assert len(per_device) == ENTRIES, "some subscription received nothing"
    assert max(per_device.values()) == 1, "some subscription received a message twice"
    # Both senders really worked in parallel, not one after the other.
    assert all(sender.outcomes["delivered"] > 0 for sender in senders)
    assert sum(sender.outcomes["delivered"] for sender in senders) == ENTRIES
    with Session(pg_engine) as session:
        delivered = session.exec(
            select(func.count())
            .select_from(PushOutbox)
            .where(PushOutbox.status == OutboxStatus.DELIVERED)
        ).one()
        assert delivered == ENTRIES
        assert push_stats(session).delivered == ENTRIES


def test_claim_skips_rows_another_claimer_holds_instead_of_waiting(pg_engine, add_device):
    with Session(pg_engine) as session:
        for number in range(20):
            add_device(session, f"c{number}")
        enqueue_for_warning(session, warning_id=2, severity="low", regions=["utrecht"])
        session.commit()
    with Session(pg_engine) as first, Session(pg_engine) as second:
        # A claimer in the middle of its transaction holds 12 rows.
        held = first.exec(
            select(PushOutbox.id).order_by(PushOutbox.id).limit(12).with_for_update()
        ).all()
        # Without SKIP LOCKED this claim would wait; fail fast instead of hanging.
        second.execute(text("SET lock_timeout = '2s'"))
        claimed = claim_batch(second, sender_id="b", limit=20, lease_seconds=60)
        first.rollback()
    assert len(held) == 12
    assert sorted(entry.id for entry in claimed) == sorted(
        set(range(min(held), min(held) + 20)) - set(held)
    )
