"""Housekeeping as a Reflex lifespan task: a round at start, then every interval.

Register it after the start-up task (which migrates):

    app.register_lifespan_task(maintenance_lifespan)

Every backend worker runs this loop; ``maintenance_round`` makes concurrent
rounds safe (see services/maintenance/housekeeping.py). ``UGLYMUGS_MAINTENANCE_INTERVAL_MINUTES=0``
turns it off, for installations that run ``uglymugs maintenance`` from cron.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine

from uglymugs_app.runtime.background import running_beside_the_app
from uglymugs_app.services.database import get_engine
from uglymugs_app.services.maintenance.housekeeping import maintenance_round
from uglymugs_app.settings import Settings, get_settings

log = logging.getLogger("uglymugs.maintenance")

# How long shutdown waits for a round in progress (its database work runs in
# a thread, which cancelling cannot interrupt).
SHUTDOWN_SECONDS = 10.0


async def run_maintenance_forever(
    stop_event: asyncio.Event, *, engine: Engine | None = None, settings: Settings | None = None
) -> None:
    """Run a round now and then every interval until ``stop_event`` is set.

    A failed round is logged by its error's type and the loop goes on.
    """
    settings = settings or get_settings()
    engine = engine or get_engine()
    interval = settings.maintenance_interval_minutes * 60
    while not stop_event.is_set():
        try:
            await asyncio.to_thread(maintenance_round, engine, settings=settings)
        except Exception as error:
            log.error("maintenance round failed (%s)", type(error).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop_event.wait(), timeout=interval)


@contextlib.asynccontextmanager
async def maintenance_lifespan() -> AsyncIterator[None]:
    """Run housekeeping while the backend runs, unless the interval is 0."""
    settings = get_settings()
    if settings.maintenance_interval_minutes <= 0:
        yield
        return
    # Every job is idempotent: a round cut short is finished by the next one.
    async with running_beside_the_app(
        lambda stop: run_maintenance_forever(stop, settings=settings),
        name="maintenance",
        grace_seconds=SHUTDOWN_SECONDS,
        log=log,
        late="maintenance round did not stop in time; cancelled",
    ):
        yield
