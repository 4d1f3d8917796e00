"""A hostile browser: speaks Reflex's socket.io event protocol without a page.

What Reflex 0.10.1 expects on the wire (read from ``reflex/app.py``
``EventNamespace``, ``reflex/state.py`` and the frontend's ``state.js``):

- socket.io over a websocket at path ``/_event``, namespace ``/_event``, the
  tab's token in the query string (``?token=<uuid>``);
- the first event rides in the CONNECT packet's auth data,
  ``{"event": <hydrate_and_load event>}``; its payload carries the browser's
  client storage as ``{"vars": {"<state full name>.<var>_rx_state_": value}}``
  (LocalStorage, SessionStorage and Cookie vars alike), which is how a
  browser presents a session token kept in its storage;
- every later event is ``emit("event", {"name": "<state full name>.<handler>",
  "payload": {<argument>: <value>}, "router_data": {"pathname": ..., "asPath":
  ..., "query": {...}}})``;
- the server answers with ``event`` messages ``{"delta": {<state full name>:
  {"<var>_rx_state_": value}}, "events": [...]}``; an event that changes
  nothing sends nothing back.

Events of one token are handled one after another, so a probe event sent
after a forged one marks when the forged one is done.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from typing import Any

import socketio

NAMESPACE = "/_event"
FIELD_MARKER = "_rx_state_"
ROOT_STATE = "reflex___state____state"
PROBE_HANDLER = f"{ROOT_STATE}.set_is_hydrated"
PROBE_KEY = "um_probe"


def router_data(path: str = "/", query: dict[str, str] | None = None) -> dict[str, Any]:
    """What the frontend puts in every event: where the page is."""
    query = dict(query or {})
    search = "&".join(f"{key}={value}" for key, value in query.items())
    return {"pathname": path, "asPath": f"{path}?{search}" if search else path, "query": query}


def storage_key(state_full_name: str, var: str) -> str:
    """The key under which the browser sends a client-storage var on hydrate."""
    return f"{state_full_name}.{var}{FIELD_MARKER}"


class ReflexClient:
    """One browser tab: one token, one websocket, every update it receives."""

    def __init__(
        self,
        backend_url: str,
        *,
        path: str = "/",
        storage: dict[str, str] | None = None,
        storage_keys: set[str] = frozenset(),
        timeout: float = 10.0,
        token: str | None = None,
    ):
        self.backend_url = backend_url.rstrip("/")
        self.path = path
        # What this browser keeps in cookies and local storage, sent on (re)connect.
        self.storage = dict(storage or {})
        self.storage_keys = set(storage_keys) | set(self.storage)
        self.timeout = timeout
        # A tab token of its own, or another tab's, as a hostile client would present it.
        self.token = token or str(uuid.uuid4())
        self.updates: list[dict] = []
        self._seen = threading.Condition()
        self._probes = itertools.count(1)
        self._answered: set[str] = set()
        self._sio = self._new_socket()

    def _new_socket(self) -> socketio.Client:
        sio = socketio.Client(reconnection=False)
        sio.on("event", self._on_update, namespace=NAMESPACE)
        return sio

    # -- connection -------------------------------------------------------
    def connect(self, *, hydrate: bool = True) -> ReflexClient:
        """Connect and hydrate like a freshly opened page, then settle.

        ``hydrate=False`` connects without the hydrate event a page sends, as
        a hostile client holding someone else's tab token may.
        """
        boot = {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {"vars": self.storage} if self.storage else {},
            "router_data": router_data(self.path),
        }
        self._sio.connect(
            f"{self.backend_url}?token={self.token}",
            transports=["websocket"],
            namespaces=[NAMESPACE],
            socketio_path="/_event",
            auth={"event": boot} if hydrate else None,
            wait_timeout=self.timeout,
        )
        self.settle()
        return self

    def reconnect(self) -> ReflexClient:
        """A dropped connection comes back like a browser's: same tab, same storage."""
        self.close()
        self._sio = self._new_socket()
        return self.connect()

    def close(self) -> None:
        if self._sio.connected:
            self._sio.disconnect()

    def __enter__(self) -> ReflexClient:
        return self.connect()

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        return self._sio.connected

    # -- events -----------------------------------------------------------
    def send(
        self, name: str, payload: dict | None = None, *, query: dict[str, str] | None = None
    ) -> None:
        """Emit one event exactly as the frontend would, without waiting."""
        self._sio.emit(
            "event",
            {"name": name, "payload": payload or {}, "router_data": router_data(self.path, query)},
            namespace=NAMESPACE,
        )

    def call(self, name: str, payload: dict | None = None) -> list[dict]:
        """Send an event, wait until it and what it chained are done; its updates."""
        start = len(self.updates)
        self.send(name, payload)
        self.settle()
        return [u for u in self.updates[start:] if not _is_probe(u)]

    def settle(self, rounds: int = 3) -> None:
        """Wait until the server is quiet for this tab.

        A probe queued behind the forged event is answered only after it; the
        events that event chained are queued behind the probe, so probing
        repeats until a round brings back nothing but the probe's answer.
        """
        for _ in range(rounds):
            before = len(self.updates)
            self._probe()
            if sum(not _is_probe(u) for u in self.updates[before:]) == 0:
                return

    def _probe(self) -> None:
        marker = str(next(self._probes))
        # A fresh query value changes the router var, so the probe always
        # produces a delta, and that delta names the probe.
        self.send(PROBE_HANDLER, {"value": True}, query={PROBE_KEY: marker})
        deadline = time.monotonic() + self.timeout
        with self._seen:
            while marker not in self._answered:
                left = deadline - time.monotonic()
                if left <= 0 or not self._sio.connected:
                    raise TimeoutError(f"no answer to probe {marker} on {self.token}")
                self._seen.wait(left)

    def _on_update(self, update: dict) -> None:
        with self._seen:
            self.updates.append(update)
            if (marker := _probe_marker(update)) is not None:
                self._answered.add(marker)
            # The frontend writes these vars to cookies / local storage.
            for state, changed in (update.get("delta") or {}).items():
                for var, value in changed.items():
                    if f"{state}.{var}" in self.storage_keys:
                        self.storage[f"{state}.{var}"] = value
            self._seen.notify_all()

    # -- reading what came back -------------------------------------------
    def value(self, state_full_name: str, var: str, default: Any = None) -> Any:
        """The latest value of a public var as the browser would now hold it."""
        found = default
        for update in self.updates:
            substate = (update.get("delta") or {}).get(state_full_name) or {}
            key = f"{var}{FIELD_MARKER}"
            if key in substate:
                found = substate[key]
        return found


def _probe_marker(update: dict) -> str | None:
    root = (update.get("delta") or {}).get(ROOT_STATE) or {}
    url = root.get(f"rx_router_url{FIELD_MARKER}")
    text = json.dumps(url) if url is not None else ""
    if f"{PROBE_KEY}=" not in text:
        return None
    return text.split(f"{PROBE_KEY}=")[1].split('"')[0].split("&")[0]


def _is_probe(update: dict) -> bool:
    delta = update.get("delta") or {}
    return _probe_marker(update) is not None and set(delta) == {ROOT_STATE}
