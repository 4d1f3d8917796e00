"""Forged events: every handler of every state, called by a hostile browser.

For each role (anonymous visitor, applicant, verified member) and each event
handler the app has, the suite sends crafted arguments straight over the
websocket and asserts that (1) no table changed beyond the documented
allow-list in ``database.py`` and (2) no sentinel of someone else reached the
browser. Handlers are enumerated from the app at collection time, so a new
handler is covered without touching this file.

Staff (outreach worker, moderator, admin) are forged too, but not every
handler with every argument: that would double the suite's time, and crafted
arguments on the seeded targets are, at their own level, their work (a
moderator may decline the victim's report). Each staff role gets the crafted
arguments on every handler whose ``@authorised`` roles leave her out (where
escalation happens: an outreach worker on moderators' and admins' handlers, a
moderator on admins' role changes, two-factor resets, help contacts and
audit log, an admin on reporters' and applicants' handlers), and every other
handler once, without aimed arguments (``catalogue.light_payloads``), which
still runs her argument-less buttons and checks what reaches her browser.
Handlers that check the actor themselves (no ``@authorised``) count as open.
"""

from __future__ import annotations

import pytest

from tests.security.catalogue import Handler, all_handlers, light_payloads, payloads
from tests.security.database import changes, snapshot, unexpected
from tests.security.reflex_client import ReflexClient
from tests.security.roles import Actors, leaks
from tests.security.sentinels import ALL_ROLES, ROLES, STAFF_ROLES, Seeded

HANDLERS = all_handlers()
BATCH = 12


def test_the_catalogue_sees_the_app():
    """Guards the enumeration itself: an empty catalogue would pass everything."""
    names = {handler.name for handler in HANDLERS}
    assert {"setvar", "hydrate_and_load", "choose_language"} <= names
    assert any("ui_state" in handler.state for handler in HANDLERS)


def test_the_catalogue_sees_who_may_call_what():
    """Guards the staff split: admin-only handlers are known as such."""
    admin_only = {h.name for h in HANDLERS if h.roles == ("admin",)}
    assert {"create_staff", "change_status"} <= admin_only
    assert any(h.roles and "moderator" in h.roles and "outreach" not in h.roles for h in HANDLERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_hydrating_shows_nothing_protected(role, actors: Actors, seeded: Seeded):
    client = actors(role)
    start = len(client.updates)
    client.reconnect()
    found = leaks(client.updates[start:], seeded.forbidden[role])
    assert not found, f"{role} sees someone else's data on hydrate: {found}"


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda handler: handler.test_id)
@pytest.mark.parametrize("role", ROLES)
def test_forged_event(role: str, handler: Handler, actors: Actors, seeded: Seeded):
    _forge(role, handler, list(payloads(handler, seeded.targets)), actors, seeded)


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda handler: handler.test_id)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_forged_event_by_staff(role: str, handler: Handler, actors: Actors, seeded: Seeded):
    above_her = handler.roles is not None and role not in handler.roles
    forged = payloads(handler, seeded.targets) if above_her else light_payloads(handler)
    _forge(role, handler, list(forged), actors, seeded)


def _forge(role: str, handler: Handler, forged: list[dict], actors: Actors, seeded: Seeded):
    client: ReflexClient = actors(role)
    start = len(client.updates)
    before = snapshot()
    dropped = []
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
