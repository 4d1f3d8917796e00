"""Which socket a tab's session belongs to, decided each time the tab hydrates.

A browser presents her session token from its storage in the hydrate event,
the first event of every websocket (re)connection. That socket is the tab's
from then on: ``current_actor`` and ``@authorised`` act for nobody on events
of any other socket holding the same tab token (Reflex serves a tab's state
to whoever connects with its token).

When the socket presents anything but a live session of the member whose data
the tab holds (no token, someone else's, a session ended on another device or
idled out), the tab's states are emptied before the hydrate sends them.
"""

from __future__ import annotations

from typing import Any

from reflex.middleware import Middleware
from reflex.state import State
from reflex_base.constants.state import FIELD_MARKER

from uglymugs_app.services.security import sessions
from uglymugs_app.settings import get_settings
from uglymugs_app.state.auth import AuthState, in_db
from uglymugs_app.state.tab_data import forget_member_data

HYDRATES = frozenset(f"{State.get_full_name()}.{name}" for name in ("hydrate_and_load", "hydrate"))


def presented_token(payload: Any) -> str:
    """The session token the browser's storage sent with a hydrate, or ""."""
    stored = payload.get("vars") if isinstance(payload, dict) else None
    if not isinstance(stored, dict):
        return ""
    token = stored.get(f"{AuthState.get_full_name()}.session_token{FIELD_MARKER}")
    return token if isinstance(token, str) else ""


async def _is_session_of(token: str, member_id: int) -> bool:
    idle = get_settings().session_idle_minutes
    actor = await in_db(
        lambda db: sessions.resolve(db, token=token, idle_minutes=idle, allow_incomplete=True)
    )
    return actor is not None and actor.member_id == member_id


class SessionBinding(Middleware):
    """Bind the tab's session to the socket that hydrates it (see the module's text)."""

    async def preprocess(self, app, state, event):
        if event.name not in HYDRATES:
            return None
        auth = await state.get_state(AuthState)
        owner = auth._member_id
        if owner and not await _is_session_of(presented_token(event.payload), owner):
            await forget_member_data(state)
        # The hydrate presents her token again: what was kept in its place goes.
        auth._session_ref = ""
        auth._bind_to_this_socket()
        return None
