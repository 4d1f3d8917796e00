"""One tab, three people: a shared tablet at an outreach office.

A member signs in, opens her report's thread and logs out; a moderator signs
in on the same tab (same tab token), opens the queue and logs out; an admin
signs in and opens the audit log. Sign-in is a stored session token presented
on hydrate, as a browser that kept it does (the log-in form asks staff for a
second factor, and forged events elsewhere in the suite trip the log-in
throttle). After each switch nothing the previous person was shown may reach
the browser again, and the newcomer is shown her own role and her own view.

A real browser drops its tab token on log-out and starts a new tab; this one
keeps it (a tablet whose script did not run, or a hostile client), so what is
tested is that the server emptied the tab's states, not that the page reloaded.
"""

from __future__ import annotations

from tests.security.catalogue import client_storage_keys
from tests.security.reflex_client import ReflexClient
from tests.security.roles import (
    auth_state_name,
    leaks,
    open_session_token,
    present_session,
    signed_in_as,
)
from tests.security.sentinels import Seeded


def _state(module: str, name: str) -> str:
    from importlib import import_module

    return getattr(import_module(f"uglymugs_app.pages.{module}.state"), name).get_full_name()


def _sign_in(tab: ReflexClient, member_id: int, role: str) -> int:
    """She signs in on this tab; where her frames start."""
    start = len(tab.updates)
    present_session(tab, open_session_token(member_id))
    assert signed_in_as(tab) == role, f"{role} is not shown signed in on the shared tab"
    return start


def _log_out(tab: ReflexClient) -> None:
    tab.call(f"{auth_state_name()}.log_out")
    assert signed_in_as(tab) is None, "log-out left the tab showing someone signed in"


def test_roles_switch_on_one_tab_and_see_only_their_own(api_url, seeded: Seeded):
    everything = seeded.forbidden["anonymous"]  # every sentinel but one's own work
    tab = ReflexClient(api_url, storage_keys=set(client_storage_keys())).connect()
    tab_token = tab.token

    # The victim, a member: her own thread reaches her, nobody else's data.
    start = _sign_in(tab, seeded.targets.member_id, "member")
    tab.call(_state("my_reports", "MyReportsState") + ".load")
    tab.call(
        _state("my_reports", "MyReportsState") + ".open",
        {"report_id": str(seeded.targets.report_id)},
    )
    hers = set(leaks(tab.updates[start:], everything))
    assert hers, "her own thread must reach her (else this test proves nothing)"
    # Her own view holds no secret and nothing of the audit log: what a
    # moderator may not see, she may not either.
    found = leaks(tab.updates[start:], seeded.forbidden["moderator"])
    assert not found, f"the member received what is not hers: {found}"
    _log_out(tab)

    # A moderator on the same tab: nothing of the member's arrives on hydrate.
    moderator_id = seeded.actors["moderator"][0]
    start = _sign_in(tab, moderator_id, "moderator")
    assert tab.token == tab_token
    found = leaks(tab.updates[start:], hers)
    assert not found, f"the moderator's tab received the member's data: {found}"
    moderation = _state("moderate", "ModerationState")
    tab.call(f"{moderation}.load")
    tab.call(f"{moderation}.select", {"report_id": str(seeded.targets.report_id)})
    frames = tab.updates[start:]
    theirs = set(leaks(frames, everything))
    assert theirs, "the moderator must see the queue's report (her own view)"
    found = leaks(frames, seeded.forbidden["moderator"])
    assert not found, f"the moderator received what is not hers: {found}"
    _log_out(tab)

    # An admin on the same tab: nothing of either arrives until she opens it.
    start = _sign_in(tab, seeded.actors["admin"][0], "admin")
    assert tab.token == tab_token
    found = leaks(tab.updates[start:], hers | theirs)
    assert not found, f"the admin's tab received the previous people's data: {found}"
    tab.call(_state("audit", "AuditState") + ".load")
    frames = tab.updates[start:]
    assert leaks(frames, seeded.admin_only), "the admin must see the audit log (her own view)"
    found = leaks(frames, seeded.forbidden["admin"])
    assert not found, f"the admin received what nobody may: {found}"
    _log_out(tab)

    # Signed out on the shared tab: a reload shows nothing of anyone.
    start = len(tab.updates)
    tab.reconnect()
    found = leaks(tab.updates[start:], everything | seeded.admin_only)
    assert not found, f"after the last log-out the tab still received: {found}"
    tab.close()
