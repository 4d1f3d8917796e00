"""Every state, every event handler, every var: read from the app itself.

Nothing here names a handler of this app, so a handler added later is forged
at as soon as its module is imported by the app.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

HUGE = "A" * 50_000


@dataclass(frozen=True)
class Targets:
    """Ids of someone else's things, for forged arguments to point at."""

    member_id: int
    report_id: int
    warning_id: int


def hostile_values(targets: Targets) -> list[Any]:
    """Values no honest page sends. None contains a sentinel string, so an echo
    of what the attacker typed is never mistaken for a leak."""
    return [
        None, "", " ", True, 0, -1, -(2**63), 2**63, 3.5,
        HUGE, "' OR 1=1 --", "<img src=x onerror=alert(1)>", "../../../etc/passwd",
        "admin", "moderator", [], [None, {"a": 1}], {}, {"__class__": "x"},
        targets.member_id, str(targets.member_id), targets.report_id, targets.warning_id,
    ]


def hostile_forms(targets: Targets) -> list[dict[str, Any]]:
    """Form-shaped dicts: fields a handler might trust, aimed at someone else
    or at a higher role."""
    other = targets.member_id
    return [
        {"id": other, "member_id": other, "account_id": other, "user_id": other,
         "reporter_id": other, "actor_id": other, "report_id": targets.report_id,
         "warning_id": targets.warning_id},
        {"role": "admin", "actor_role": "moderator", "verified": True, "status": "member",
         "signed_in": True, "is_admin": True},
        {"working_name": "nobody-here", "password": "wrong password 1", "totp": "000000",
         "code": "AAAA-BBBB", "token": "forged-token", "recovery_code": "0000-0000"},
        {"working_name": HUGE, "password": HUGE, "regions": ["whole_country"] * 1000},
        {"working_name": -1, "password": None, "totp": [], "language": {"x": 1}},
    ]


@dataclass(frozen=True)
class Handler:
    """One event handler as the browser addresses it."""

    state: str  # full state name
    name: str
    params: tuple[str, ...]

    @property
    def event(self) -> str:
        return f"{self.state}.{self.name}"

    @property
    def test_id(self) -> str:
        return f"{self.state.rsplit('.', 1)[-1]}.{self.name}"


def load_app() -> None:
    """Import the app module, which imports every page and state."""
    from reflex.config import get_config

    importlib.import_module(get_config().module)


def all_states() -> list[type]:
    from reflex.state import State

    load_app()
    found: list[type] = []

    def walk(state: type) -> None:
        found.append(state)
        for substate in sorted(state.get_substates(), key=lambda s: s.get_full_name()):
            walk(substate)

    walk(State)
    return found


@cache
def all_handlers() -> tuple[Handler, ...]:
    handlers = []
    for state in all_states():
        for name, handler in sorted(state.event_handlers.items()):
            signature = inspect.signature(handler.fn)
            params = tuple(p for p in list(signature.parameters)[1:])
            handlers.append(Handler(state.get_full_name(), name, params))
    return tuple(handlers)


def settable_names(state: type) -> list[str]:
    """Every var a forged ``setvar`` could aim at: public, computed and backend."""
    parent = state.get_parent_state()
    inherited = set(parent.__fields__) if parent is not None else set()
    own = [name for name in state.__fields__ if name not in inherited]
    own += [name for name in state.computed_vars if name not in own]
    return [*own, "router", "no_such_var", "__class__"]


def client_storage_keys() -> dict[str, str]:
    """Browser-stored vars of the whole app: storage key -> state full name."""
    from tests.security.reflex_client import storage_key

    keys = {}
    for state in all_states():
        for name in state.__fields__:
            if state._is_client_storage(name):
                keys[storage_key(state.get_full_name(), name)] = state.get_full_name()
    return keys


def payloads(handler: Handler, targets: Targets) -> Iterator[dict[str, Any]]:
    """The forged payloads for one handler."""
    state = next(s for s in all_states() if s.get_full_name() == handler.state)
    values, forms = hostile_values(targets), hostile_forms(targets)
    if handler.name == "setvar":
        for var in settable_names(state):
            for value in [*values, *forms]:
                yield {"var_name": var, "value": value}
        yield {"var_name": None, "value": 1}
        return
    yield {}
    yield {"not_a_parameter": 1}
    if not handler.params:
        return
    storage = dict.fromkeys(client_storage_keys(), "forged-storage-value")
    for value in [*values, *forms, storage]:
        yield dict.fromkeys(handler.params, value)
    # One parameter hostile at a time, the others plausible strings.
    if len(handler.params) > 1:
        for param in handler.params:
            for value in (None, HUGE, -1, targets.member_id, forms[0]):
                yield {**dict.fromkeys(handler.params, "x"), param: value}
