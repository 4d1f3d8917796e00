"""The beat of an open conversation, shared by the case page and "my reports".

While a thread is open, the page and the server pass a token back and forth
every ``POLL_SECONDS`` (a background ``wait`` sleeps, then the page's
``refresh`` looks), like the feed's. Each worker reads one fingerprint of all
threads at most about once a second and shares it between its open pages; a
page asks about its own case only when that moved, and resolves who she is
and reloads only when its own case moved. It stops by itself when she leaves
the page or closes it.
"""

from __future__ import annotations

import time

from uglymugs_app.services.reports import live
from uglymugs_app.state.actions import in_db

POLL_SECONDS = 3
FRESH_SECONDS = 1.0
_seen: tuple[float, str] = (float("-inf"), "")


async def threads_fingerprint() -> str:
    """The installation's thread fingerprint, read at most about once a second."""
    global _seen
    read_at, fingerprint = _seen
    if time.monotonic() - read_at < FRESH_SECONDS:
        return fingerprint
    fingerprint = await in_db(live.threads_fingerprint)
    _seen = (time.monotonic(), fingerprint)
    return fingerprint


def forget_fingerprint() -> None:
    """After her own change: the next beat reads the database afresh."""
    global _seen
    _seen = (float("-inf"), "")
