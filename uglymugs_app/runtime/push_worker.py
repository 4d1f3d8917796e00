"""The push sender as a Reflex lifespan task.

Register it after the start-up task (which creates the secrets and migrates):

    app.register_lifespan_task(push_sender_lifespan)

Every backend worker runs one sender. On PostgreSQL several senders share
the outbox safely (SKIP LOCKED); on SQLite there is one worker, so one sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine

from uglymugs_app.runtime.background import running_beside_the_app
from uglymugs_app.services.database import get_engine
from uglymugs_app.services.push.sender import PushSender
from uglymugs_app.services.security.instance_secrets import InstanceSecrets, ensure_secrets
from uglymugs_app.settings import Settings, get_settings

log = logging.getLogger("uglymugs.push")

# How long shutdown waits for the sender to record what is in flight.
SHUTDOWN_SECONDS = 10.0


async def run_sender_forever(
    stop_event: asyncio.Event,
    *,
    engine: Engine | None = None,
    secrets: InstanceSecrets | None = None,
    settings: Settings | None = None,
) -> None:
    """Run a sender until ``stop_event`` is set, restarting it after an unexpected error.

    Without arguments it uses the installation's engine, secrets and settings.
    """
    settings = settings or get_settings()
    engine = engine or get_engine()
    secrets = secrets or ensure_secrets(
        settings.instance_dir, allow_generate=not settings.is_production
    )
    while not stop_event.is_set():
        try:
            await PushSender(engine=engine, secrets=secrets, settings=settings).run(stop_event)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # The type only: an exception text could quote an endpoint.
            log.error("push sender failed (%s); restarting", type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), timeout=5)


@contextlib.asynccontextmanager
async def push_sender_lifespan() -> AsyncIterator[None]:
    """Run the push sender while the backend runs; stop it gracefully on shutdown."""
    # Cancelled mid-way: unrecorded entries keep their lease and are sent
    # again after it runs out (same Topic, one notice on the phone).
    async with running_beside_the_app(
        run_sender_forever,
        name="push-sender",
        grace_seconds=SHUTDOWN_SECONDS,
        log=log,
        late="push sender did not stop in time; cancelled",
    ):
        yield
