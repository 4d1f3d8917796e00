"""Every state, every event handler, every var: read from the app itself.

Nothing here names a handler of this app: a handler added later is forged as
soon as the app imports its module.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.security.reflex_client import FIELD_MARKER

ROOT = Path(__file__).resolve().parents[2]


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
        None,
        "",
        " ",
        True,
        0,
        -1,
        -(2**63),
        2**63,
        3.5,
        HUGE,
        "' OR 1=1 --",
        "<img src=x onerror=alert(1)>",
        "../../../etc/passwd",
        "admin",
        "moderator",
        [],
        [None, {"a": 1}],
        {},
        {"__class__": "x"},
        targets.member_id,
        str(targets.member_id),
        targets.report_id,
        targets.warning_id,
    ]


def hostile_forms(targets: Targets) -> list[dict[str, Any]]:
    """Form-shaped dicts: fields a handler might trust, aimed at someone else
    or at a higher role."""
    other = targets.member_id
    return [
        {
            "id": other,
            "member_id": other,
            "account_id": other,
            "user_id": other,
            "reporter_id": other,
            "actor_id": other,
            "report_id": targets.report_id,
            "warning_id": targets.warning_id,
        },
        {
            "role": "admin",
            "actor_role": "moderator",
            "verified": True,
            "status": "member",
            "signed_in": True,
            "is_admin": True,
        },
        {
            "working_name": "nobody-here",
            "password": "wrong password 1",
            "totp": "000000",
            "code": "AAAA-BBBB",
            "token": "forged-token",
            "recovery_code": "0000-0000",
        },
        {"working_name": HUGE, "password": HUGE, "regions": ["whole_country"] * 1000},
        {"working_name": -1, "password": None, "totp": [], "language": {"x": 1}},
    ]


@dataclass(frozen=True)
class Handler:
    """One event handler as the browser addresses it."""

    state: str  # full state name
    name: str
    params: tuple[str, ...]
    # The roles its ``@authorised`` lets in; None when it does not use it
    # (open to anyone, or checking the actor itself).
    roles: tuple[str, ...] | None = None

    @property
    def event(self) -> str:
        return f"{self.state}.{self.name}"

    @property
    def test_id(self) -> str:
        return f"{self.state.rsplit('.', 1)[-1]}.{self.name}"


def describe_app() -> dict[str, Any]:
    """Every state's handlers, settable names and browser-stored vars, as JSON data."""
    from reflex.config import get_config
    from reflex.state import State

    importlib.import_module(get_config().module)
    shape: dict[str, Any] = {"handlers": [], "settable": {}, "storage": {}}

    def walk(state: type) -> None:
        name = state.get_full_name()
        for handler_name, handler in sorted(state.event_handlers.items()):
            params = list(inspect.signature(handler.fn).parameters)[1:]
            shape["handlers"].append([name, handler_name, params, _authorised_roles(handler.fn)])
        parent = state.get_parent_state()
        inherited = set(parent.__fields__) if parent is not None else set()
        own = [field for field in state.__fields__ if field not in inherited]
        own += [var for var in state.computed_vars if var not in own]
        shape["settable"][name] = [*own, "router", "no_such_var", "__class__"]
        for field in state.__fields__:
            if state._is_client_storage(field):
                shape["storage"][f"{name}.{field}{FIELD_MARKER}"] = name
        for substate in sorted(state.get_substates(), key=lambda s: s.get_full_name()):
            walk(substate)

    walk(State)
    return shape


def _authorised_roles(fn: Any) -> list[str] | None:
    """The roles an ``@authorised(...)`` wrapper closes over, read from the closure."""
    roles = inspect.getclosurevars(fn).nonlocals.get("roles") if fn.__closure__ else None
    if not isinstance(roles, tuple):
        return None
    return [str(getattr(role, "value", role)) for role in roles]


@cache
def _shape() -> dict[str, Any]:
    # A separate interpreter: importing the app here, before the harness
    # builds it in its own registration context, breaks the harness's routes.
    output = subprocess.run(
        [sys.executable, "-m", "tests.security.catalogue"],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def all_handlers() -> tuple[Handler, ...]:
    return tuple(
        Handler(state, name, tuple(params), None if roles is None else tuple(roles))
        for state, name, params, roles in _shape()["handlers"]
    )


def client_storage_keys() -> dict[str, str]:
    """Browser-stored vars of the whole app: storage key -> state full name."""
    return dict(_shape()["storage"])


def light_payloads(handler: Handler) -> Iterator[dict[str, Any]]:
    """A handler called once or twice without aimed arguments: for staff at or
    above its role, where crafted arguments on the seeded targets would be
    their legitimate work, not an escalation (those arguments are forged by
    every role below it)."""
    if handler.name == "setvar":
        for var in _shape()["settable"][handler.state]:
            yield {"var_name": var, "value": "admin"}
        return
    yield {}
    yield {"not_a_parameter": 1}


def payloads(handler: Handler, targets: Targets) -> Iterator[dict[str, Any]]:
    """The forged payloads for one handler."""
    values, forms = hostile_values(targets), hostile_forms(targets)
    if handler.name == "setvar":
        for var in _shape()["settable"][handler.state]:
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


if __name__ == "__main__":
    print(json.dumps(describe_app()))
