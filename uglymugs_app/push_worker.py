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

from uglymugs_app.services.database import get_engine
from uglymugs_app.services.instance_secrets import ensure_secrets
from uglymugs_app.services.push_sender import run_sender_forever
from uglymugs_app.settings import get_settings

log = logging.getLogger("uglymugs.push")

# How long shutdown waits for the sender to record what is in flight.
SHUTDOWN_SECONDS = 10.0


@contextlib.asynccontextmanager
async def push_sender_lifespan() -> AsyncIterator[None]:
    """Run the push sender while the backend runs; stop it gracefully on shutdown."""
    settings = get_settings()
    secrets = ensure_secrets(settings.instance_dir, allow_generate=not settings.is_production)
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_sender_forever(stop, engine=get_engine(), secrets=secrets, settings=settings),
        name="push-sender",
    )
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, timeout=SHUTDOWN_SECONDS)
        except TimeoutError:
            # Cancelled mid-way: unrecorded entries keep their lease and are
            # sent again after it runs out (same Topic, one notice on the phone).
            log.warning("push sender did not stop in time; cancelled")
