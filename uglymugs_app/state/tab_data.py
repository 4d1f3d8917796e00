"""What a tab holds for the person signed in on it, and forgetting it.

Reflex keeps state per tab token (the browser's ``sessionStorage``), not per
person: whatever a page put in its state stays with the tab after she logs
out, and is sent to the browser again on the next reload. So every state of
this app counts as holding member data, found from the state tree itself (a
new page's state is covered without editing this file), except the few that
hold only the browser's own choices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import reflex as rx
from reflex.event import EventSpec
from reflex.state import BaseState

from uglymugs_app.state.ui import UiState

# The interface language is the browser's choice, not anyone's data.
BROWSER_CHOICES: tuple[type[rx.State], ...] = (UiState,)

_APP_PACKAGE = __name__.split(".")[0]
# Where the browser keeps its tab token (Reflex's state.js, TOKEN_KEY).
TAB_STORAGE_KEY = "token"

# route -> the states its on_load handlers fill (see remember_page)
_page_states: dict[str, tuple[type[rx.State], ...]] = {}


def app_states() -> list[type[BaseState]]:
    """Every state this app defines, read from the state tree (Reflex's own are left out)."""
    found: list[type[BaseState]] = []

    def walk(state: type[BaseState]) -> None:
        for substate in sorted(state.get_substates(), key=lambda s: s.get_full_name()):
            if substate.__module__.split(".")[0] == _APP_PACKAGE:
                found.append(substate)
            walk(substate)

    walk(rx.State)
    return found


def member_data_states() -> list[type[BaseState]]:
    """The states that may hold someone's data: all of the app's but the browser's choices."""
    return [state for state in app_states() if state not in BROWSER_CHOICES]


async def forget_member_data(
    state: rx.State, states: Iterable[type[rx.State]] | None = None
) -> None:
    """Reset ``states`` (default: every state holding member data) of this tab to defaults."""
    for cls in member_data_states() if states is None else states:
        (await state.get_state(cls)).reset()


def remember_page(route: str, on_load: Iterable) -> None:
    """Note which states a page's on_load handlers fill, to empty them when she leaves it."""
    owned = {handler.state for handler in on_load if getattr(handler, "state", None)}
    _page_states[route] = tuple(
        sorted((s for s in owned if s not in BROWSER_CHOICES), key=lambda s: s.get_full_name())
    )


async def leave_page(state: rx.State, left: str, entered: str) -> None:
    """Empty what the page she left filled (decrypted report content, codes, lists).

    Otherwise it stays in the tab's state (in Redis with several workers) for
    as long as the tab lives. A state the page she enters fills too is kept.
    """
    if not left or left == entered:
        return
    kept = set(_page_states.get(entered, ()))
    await forget_member_data(state, [s for s in _page_states.get(left, ()) if s not in kept])


async def end_tab(state: rx.State, to: str, *, forget_draft: bool = False) -> EventSpec:
    """Empty every state of this tab on the server; the browser starts a new tab at ``to``.

    For log-out, log-out everywhere, account deletion and log-in as someone else.
    """
    await forget_member_data(state)
    return leave_tab(to, forget_draft=forget_draft)


def leave_tab(to: str, *, forget_draft: bool = False) -> EventSpec:
    """Make the browser drop its tab token and load ``to`` afresh, as a new tab.

    The next page load gets a new token, so nothing the old tab's states held
    can be sent to this browser again.
    """
    draft = "window.umForgetDraft && window.umForgetDraft();" if forget_draft else ""
    return rx.call_script(
        f"{draft}window.sessionStorage.removeItem({json.dumps(TAB_STORAGE_KEY)});"
        f"window.location.replace({json.dumps(to)});"
    )
