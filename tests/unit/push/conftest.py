"""Fixtures for the push tests: a database, secrets, settings, a push service."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import time

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

import uglymugs_app.models  # noqa: F401  (registers the tables)
from tests.fixtures.people import ensure_active_member
from uglymugs_app.models.push import OutboxStatus, PushOutbox
from uglymugs_app.services.push.sender import PushSender
from uglymugs_app.services.push.subscriptions import save_subscription
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings

from .receiver import Device, PushServiceStandIn


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The installation's settings, sending to the local push service stand-in."""
    return push_test_settings(settings)


def push_test_settings(settings: Settings) -> Settings:
    """``settings`` sending to a local push service, with quick retries."""
    return settings.model_copy(
        update=dict(
            push_endpoint_hosts=["127.0.0.1"],
            push_allow_http=True,
            push_concurrency=16,
            push_batch_size=50,
            push_retry_base_seconds=0.2,
            push_retry_max_seconds=1.0,
            push_max_attempts=3,
            push_request_timeout_seconds=5.0,
        )
    )


@pytest.fixture
def push_service(secrets) -> Iterator[PushServiceStandIn]:
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


def subscribe(
    session: Session,
    *,
    service: PushServiceStandIn,
    secrets: InstanceSecrets,
    settings: Settings,
    name: str,
    member_id: int = 1,
    regions: tuple[str, ...] = ("utrecht",),
    language: str = "en",
    min_severity: str = "low",
    quiet: tuple[time, time] | None = None,
) -> tuple[Device, int]:
    """A device made by the test, subscribed through the real service function."""
    device = service.new_device(name)
    ensure_active_member(session, member_id)
    stored = save_subscription(
        session,
        secrets=secrets,
        settings=settings,
        member_id=member_id,
        endpoint=device.endpoint,
        p256dh=device.p256dh,
        auth=device.auth,
        language=language,
        regions=regions,
        min_severity=min_severity,
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
    )
    return device, stored.id


@pytest.fixture
def add_device(push_service, secrets, settings):
    """``add_device(session, name, **preferences)``: subscribe a new test device."""

    def add(session: Session, name: str, **preferences) -> tuple[Device, int]:
        return subscribe(
            session,
            service=push_service,
            secrets=secrets,
            settings=settings,
            name=name,
            **preferences,
        )

    return add


def unsettled(engine: Engine) -> int:
    """Entries not yet delivered, failed or gone."""
    with Session(engine) as session:
        return session.exec(
            select(func.count())
            .select_from(PushOutbox)
            .where(PushOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
        ).one()


async def run_sender_until_settled(
    *, engine: Engine, secrets: InstanceSecrets, settings: Settings, timeout: float = 20.0
) -> PushSender:
    """Run one sender until every entry is final (or fail after ``timeout``)."""
    sender = PushSender(engine=engine, secrets=secrets, settings=settings)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop))
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while await asyncio.to_thread(unsettled, engine):
            if loop.time() > deadline:
                raise AssertionError("outbox did not settle in time")
            if task.done():
                task.result()
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await task
    return sender
