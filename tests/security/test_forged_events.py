"""Forged events: every handler of every state, called by a hostile browser.

For each role (anonymous visitor, applicant, verified member) and each event
handler the app has, the suite sends crafted arguments straight over the
websocket and asserts that (1) no table changed beyond the documented
allow-list in ``database.py`` and (2) no sentinel of someone else reached the
browser. Handlers are enumerated from the app at collection time, so a new
handler is covered without touching this file.
"""

from __future__ import annotations

import pytest

from tests.security.catalogue import Handler, all_handlers, payloads
from tests.security.database import changes, snapshot, unexpected
from tests.security.roles import Actors, leaks
from tests.security.sentinels import ROLES, Seeded

HANDLERS = all_handlers()
BATCH = 12


def test_the_catalogue_sees_the_app():
    """Guards the enumeration itself: an empty catalogue would pass everything."""
    names = {handler.name for handler in HANDLERS}
    assert {"setvar", "hydrate_and_load", "choose_language"} <= names
    assert any("ui_state" in handler.state for handler in HANDLERS)


@pytest.mark.parametrize("role", ROLES)
def test_hydrating_shows_nothing_protected(role, actors: Actors, seeded: Seeded):
    client = actors(role)
    start = len(client.updates)
    client.reconnect()
    found = leaks(client.updates[start:], seeded.forbidden[role])
    assert not found, f"{role} sees someone else's data on hydrate: {found}"


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda handler: handler.test_id)
@pytest.mark.parametrize("role", ROLES)
def test_forged_event(role: str, handler: Handler, actors: Actors, seeded: Seeded):
    client = actors(role)
    start = len(client.updates)
    before = snapshot()
    dropped = []
    forged = list(payloads(handler, seeded.targets))
    # Sent in small batches (events of one tab run in order), then the actor is
    # checked: signed in again if a forged event in the batch ended her session.
    for first in range(0, len(forged), BATCH):
        for payload in forged[first : first + BATCH]:
            client.send(handler.event, payload)
        try:
            client.settle()
        except TimeoutError:
            # A dropped socket is no breach by itself; carry on as a browser would.
            dropped.append(_short(forged[first]))
        client = actors(role)
    changed = unexpected(changes(before, snapshot()), role=role, actor_id=actors.actor_id(role))
    found = leaks(client.updates[start:], seeded.forbidden[role])
    problems = [f"database changed: {change.describe()}" for change in changed]
    problems += [f"sent to the browser: {value!r}" for value in found]
    shown = problems[:12] + ([f"... and {len(problems) - 12} more"] if len(problems) > 12 else [])
    assert not problems, (
        f"{handler.event} forged by {role}:\n  "
        + "\n  ".join(shown)
        + (f"\n  (socket dropped after: {dropped})" if dropped else "")
    )


def _short(payload: dict) -> str:
    text = repr(payload)
    return text if len(text) < 120 else text[:117] + "..."
