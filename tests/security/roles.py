"""Playing a role over the socket: logging in like the log-in form would."""

from __future__ import annotations

import json

import pytest

from tests.security.catalogue import client_storage_keys
from tests.security.reflex_client import ReflexClient
from tests.security.sentinels import PASSWORD, STAFF_ROLES, Seeded


def auth_state_name() -> str:
    from uglymugs_app.state.auth import AuthState

    return AuthState.get_full_name()


def log_in(client: ReflexClient, working_name: str) -> None:
    client.call(
        f"{auth_state_name()}.log_in",
        {"form_data": {"working_name": working_name, "password": PASSWORD}},
    )


def signed_in_as(client: ReflexClient) -> str | None:
    """The role her browser shows, or None when it shows her signed out."""
    state = auth_state_name()
    if client.value(state, "signed_in") is not True:
        return None
    return client.value(state, "role")


def open_session_token(member_id: int) -> str:
    """A fresh session of hers, as a log-in on another device would leave it."""
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.security.sessions import open_session

    with session_scope() as db:
        return open_session(db, member_id=member_id)


def present_session(client: ReflexClient, token: str) -> None:
    """Her token in the tab's storage, and the page loaded again: the same tab
    (same tab token) hydrates with it, as a browser that stored it does."""
    auth = auth_state_name()
    for key, state in client_storage_keys().items():
        if state == auth:
            client.storage[key] = token
    client.reconnect()


class Actors:
    """One socket per role, reused; reconnected and signed in again when needed.

    The first sign-in goes through the log-in form's handler. Forged events
    later trip the login throttle for this address (as they should), so a
    role whose session a forged log-out ended comes back the way a browser
    with a stored token does: a session opened by the service, its token in
    the hydrate's client storage. Staff sign in that way from the start: their
    log-in asks for a second factor, and a session the service opened is
    complete.
    """

    def __init__(self, api_url: str, seeded: Seeded):
        self.api_url = api_url
        self.seeded = seeded
        self.clients: dict[str, ReflexClient] = {}

    def sign_in_all(self) -> None:
        """Before any forged event, while the throttle has counted nothing."""
        for role in self.seeded.actors:
            self(role)

    def __call__(self, role: str) -> ReflexClient:
        client = self.clients.get(role)
        first = client is None
        if client is None:
            client = self.clients[role] = ReflexClient(
                self.api_url, storage_keys=set(client_storage_keys())
            ).connect()
        elif not client.connected:
            client.reconnect()
        if role != "anonymous" and signed_in_as(client) != role:
            if first and role not in STAFF_ROLES:
                log_in(client, self.seeded.actors[role][1])
            else:
                self._present_token(client, role)
            if signed_in_as(client) != role:
                shown = [u for u in client.updates[-20:] if auth_state_name() in json.dumps(u)]
                pytest.fail(f"could not sign in as {role}; last sign-in updates: {shown[-3:]}")
        return client

    def _present_token(self, client: ReflexClient, role: str) -> None:
        present_session(client, open_session_token(self.seeded.actors[role][0]))

    def actor_id(self, role: str) -> int | None:
        return self.seeded.actors[role][0] if role in self.seeded.actors else None

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


def leaks(updates: list[dict], forbidden: set[str]) -> list[str]:
    """Forbidden strings found in any delta or event sent to the browser."""
    sent = json.dumps(updates, ensure_ascii=False, default=str).casefold()
    return sorted(value for value in forbidden if value.casefold() in sent)
