"""Many browser tabs in one process: Reflex's event protocol on asyncio.

The wire protocol and its helpers are those of ``tests/security/reflex_client.py``
(read its docstring); this client only trades threads for coroutines so that
a benchmark can hold hundreds of connections. Each tab records the moment an
update arrives, so a latency is measured on receipt, not when a coroutine
gets round to it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import socketio

from tests.security.reflex_client import FIELD_MARKER, NAMESPACE, ROOT_STATE, router_data

Update = dict[str, Any]


class AsyncReflexClient:
    """One tab: one token, one websocket, the updates since the last ``expect``."""

    def __init__(
        self,
        backend_url: str,
        *,
        path: str = "/",
        storage: dict[str, str] | None = None,
        timeout: float = 10.0,
    ):
        self.backend_url = backend_url.rstrip("/")
        self.path = path
        self.storage = dict(storage or {})
        self.timeout = timeout
        self.token = str(uuid.uuid4())
        self._sio = socketio.AsyncClient(reconnection=False)
        self._sio.on("event", self._on_update, namespace=NAMESPACE)
        self._updates: list[tuple[float, Update]] = []
        self._arrived = asyncio.Event()

    async def connect(self) -> AsyncReflexClient:
        """Connect with the hydrate event in the CONNECT auth, like a page load."""
        boot = {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {"vars": self.storage} if self.storage else {},
            "router_data": router_data(self.path),
        }
        await self._sio.connect(
            f"{self.backend_url}?token={self.token}",
            transports=["websocket"],
            namespaces=[NAMESPACE],
            socketio_path="/_event",
            auth={"event": boot},
            wait_timeout=self.timeout,
        )
        return self

    async def close(self) -> None:
        if self._sio.connected:
            await self._sio.disconnect()

    @property
    def connected(self) -> bool:
        return self._sio.connected

    def forget(self) -> None:
        """Drop what arrived so far; the next ``expect`` looks only at what comes."""
        self._updates.clear()
        self._arrived.clear()

    async def send(self, name: str, payload: dict | None = None) -> None:
        await self._sio.emit(
            "event",
            {"name": name, "payload": payload or {}, "router_data": router_data(self.path)},
            namespace=NAMESPACE,
        )

    async def expect(
        self, wanted: Callable[[Update], bool], timeout: float | None = None
    ) -> tuple[float, Update]:
        """Wait for the first update ``wanted`` accepts; (perf_counter on arrival, update)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = 0
        while True:
            for arrived, update in self._updates[seen:]:
                if wanted(update):
                    return arrived, update
            seen = len(self._updates)
            left = deadline - time.monotonic()
            if left <= 0 or not self._sio.connected:
                raise TimeoutError(f"no expected update on {self.token}")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), left)
            except TimeoutError:
                continue

    def _on_update(self, update: Update) -> None:
        self._updates.append((time.perf_counter(), update))
        self._arrived.set()


def called_scripts(update: Update) -> list[str]:
    """The JavaScript of the ``rx.call_script`` events an update carries, in order."""
    return [
        str((event.get("payload") or {}).get("javascript_code", ""))
        for event in update.get("events") or []
        if event.get("name") == "_call_script"
    ]


def changed(update: Update, state_full_name: str) -> dict[str, Any]:
    """The vars of one state an update changes, by var name (marker stripped)."""
    delta = (update.get("delta") or {}).get(state_full_name) or {}
    return {key.removesuffix(FIELD_MARKER): value for key, value in delta.items()}


async def gather_bounded(coroutines: list, limit: int) -> list:
    """Run coroutines with at most ``limit`` at a time (e.g. connecting a crowd)."""
    gate = asyncio.Semaphore(limit)

    async def one(coroutine):
        async with gate:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines))
