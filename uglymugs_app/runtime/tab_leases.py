"""Tab leases: with Redis, a worker keeps an active tab's state in memory.

Reflex's opportunistic locking (``REFLEX_OPLOCK_ENABLED``, switched on in
rxconfig.py) lets the worker that takes a tab's lock in Redis keep it, and the
tab's states in memory, for half the lock's expiry (5 s): her next events in
that time read and write no Redis at all. When the lease ends, or another
worker asks for the tab (she reconnected there), the states are written back
to Redis and the lock is released.

Reflex keeps one small ``asyncio.Lock`` per tab it ever leased and never drops
it: a worker serving tens of thousands of tabs a day would grow for as long as
it runs. ``forget_idle_tab_locks`` drops the locks of tabs without a lease;
``tab_lease_lifespan`` does that every few minutes in every worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from uglymugs_app.runtime.background import running_beside_the_app

log = logging.getLogger("uglymugs.tab_leases")

SWEEP_SECONDS = 300.0


def forget_idle_tab_locks(manager: Any) -> int:
    """Drop the lease locks of tabs that hold no lease now; how many were dropped.

    Runs without awaiting, so no event of this worker runs in between. A lock
    someone holds or waits for stays; a tab that comes back gets a new one.
    Any other state manager (memory, disk) has none and is left alone.
    """
    locks: dict[str, asyncio.Lock] | None = getattr(manager, "_cached_states_locks", None)
    leases = getattr(manager, "_local_leases", None)
    cached = getattr(manager, "_cached_states", None)
    if locks is None or leases is None or cached is None:
        return 0
    idle = [
        key
        for key, lock in locks.items()
        if key not in leases
        and key not in cached
        and not lock.locked()
        and not getattr(lock, "_waiters", None)
    ]
    for key in idle:
        del locks[key]
    return len(idle)


async def sweep_forever(stop_event: asyncio.Event, app: Any, every: float = SWEEP_SECONDS) -> None:
    """Every ``every`` seconds, forget the idle lease locks of the app's state manager."""
    while not stop_event.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop_event.wait(), timeout=every)
        # Read each time: the app sets its state manager up when it starts serving.
        forget_idle_tab_locks(getattr(app, "_state_manager", None))


@contextlib.asynccontextmanager
async def tab_lease_lifespan(app: Any) -> AsyncIterator[None]:
    """Sweep the lease locks of this worker's state manager while it serves."""
    async with running_beside_the_app(
        lambda stop: sweep_forever(stop, app),
        name="tab-lease-sweep",
        grace_seconds=1.0,
        log=log,
        late="tab lease sweep did not stop in time; cancelled",
    ):
        yield
