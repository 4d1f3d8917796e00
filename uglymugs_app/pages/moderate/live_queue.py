"""The moderator's queue, live: it shows a new or urgent report without a reload.

While the dashboard is open, the page and the server pass a token back and
forth every few seconds (``wait`` sleeps in the background, ``beat`` compares a
fingerprint of the queue that each worker reads at most once a second). Only a
change resolves her session and reloads the list, through the dashboard's own
state. It stops by itself when she leaves the page or closes the tab.
"""

import asyncio
import secrets
import time

import reflex as rx

from uglymugs_app import routes
from uglymugs_app.pages.moderate.state import ModerationState
from uglymugs_app.services.actors import STAFF
from uglymugs_app.services.reports.queue_watch import queue_version
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import authorised

POLL_SECONDS = 3
VERSION_FRESH_SECONDS = 1.0
_version_seen: tuple[float, str] = (float("-inf"), "")


async def _shared_version() -> str:
    """The queue fingerprint, read from the database at most about once a second."""
    global _version_seen
    read_at, version = _version_seen
    if time.monotonic() - read_at < VERSION_FRESH_SECONDS:
        return version
    version = await in_db(queue_version)
    _version_seen = (time.monotonic(), version)
    return version


class QueueWatchState(rx.State):
    _watch: str = ""
    _version: str = ""

    @rx.event
    @authorised(*STAFF)
    async def start(self):
        """Begin watching (on page load): a new token ends any older loop of this tab."""
        self._watch = secrets.token_hex(8)
        self._version = await in_db(queue_version)
        return QueueWatchState.wait(self._watch)

    @rx.event(background=True)
    async def wait(self, watch: str):
        """Sleep, then ask for a beat; touches no state and reads nothing."""
        await asyncio.sleep(POLL_SECONDS)
        return QueueWatchState.beat(str(watch)[:32])

    @rx.event
    async def beat(self, watch: str):
        """Unchanged (the usual case): wait again. Changed: reload her queue."""
        if not self._watch or watch != self._watch or self.router.page.path != routes.MODERATE:
            return None
        version = await _shared_version()
        if version == self._version:
            return QueueWatchState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
        return await self._changed(watch, version)

    @authorised(*STAFF)
    async def _changed(self, watch: str, version: str):
        self._version = version
        dashboard = await self.get_state(ModerationState)
        await dashboard._load_queue()
        return QueueWatchState.wait(watch)  # type: ignore[misc]  # see pyproject: Reflex typing
