"""A tab token is not a session: another socket presenting it acts for nobody.

Reflex serves a tab's state to any socket that connects with the tab's token
(``?token=`` in the websocket address). A hostile client that learned it (a
log line, a shared machine) connects with it once her tab has gone quiet.
"""

from __future__ import annotations

import time

from tests.security.reflex_client import ReflexClient, storage_key
from tests.security.roles import auth_state_name, leaks, open_session_token, signed_in_as
from tests.security.sentinels import Seeded


def _my_reports() -> str:
    from uglymugs_app.pages.my_reports.state import MyReportsState

    return MyReportsState.get_full_name()


def _her_tab(api_url: str, seeded: Seeded) -> ReflexClient:
    """The victim's own tab on her reports, her session token in its storage."""
    token = open_session_token(seeded.targets.member_id)
    key = storage_key(auth_state_name(), "session_token")
    return ReflexClient(api_url, path="/my-reports", storage={key: token}).connect()


def _open_thread(client: ReflexClient, seeded: Seeded) -> list[dict]:
    return client.call(f"{_my_reports()}.open", {"report_id": str(seeded.targets.report_id)})


def _until_gone(client: ReflexClient) -> None:
    client.close()
    time.sleep(0.5)  # the server forgets which socket held the tab token


def test_2_a_tab_token_from_another_socket_acts_for_nobody(api_url, seeded: Seeded):
    forbidden = seeded.forbidden["anonymous"]
    victim = _her_tab(api_url, seeded)
    assert signed_in_as(victim) == "member"
    assert leaks(_open_thread(victim, seeded), forbidden), "her own thread must reach her"
    _until_gone(victim)

    # Her tab token alone, without hydrating: straight to her handlers.
    hostile = ReflexClient(api_url, path="/my-reports", token=victim.token)
    hostile.connect(hydrate=False)
    hostile.call(f"{_my_reports()}.load")
    _open_thread(hostile, seeded)
    hostile.call(f"{auth_state_name()}.on_visit")
    found = leaks(hostile.updates, forbidden)
    assert not found, f"another socket with her tab token acted as her: {found}"
    _until_gone(hostile)

    # Her tab token, hydrating without her session: her tab's states stay hers.
    hydrating = ReflexClient(api_url, path="/my-reports", token=victim.token).connect()
    found = leaks(hydrating.updates, forbidden)
    assert not found, f"hydrating with her tab token sent her data: {found}"
    _until_gone(hydrating)

    # Her own browser comes back with its storage: still signed in, her thread opens.
    victim.reconnect()
    assert signed_in_as(victim) == "member"
    assert leaks(_open_thread(victim, seeded), forbidden)
    victim.close()
