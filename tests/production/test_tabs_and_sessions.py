"""Tabs and sessions as production serves them: 3 workers, PostgreSQL, Redis.

What the served app writes to its log, what it leaves in Redis, and whether a
tab ever sees another member's data while many reconnect at once.
"""

from __future__ import annotations

import time
import uuid

from tests.production.conftest import needs_servers
from tests.security.reflex_client import ROOT_STATE, ReflexClient

pytestmark = needs_servers

LOG_WAIT_SECONDS = 10


def _log_from(server, offset: int) -> str:
    return (server.folder / "server.log").read_text(errors="replace")[offset:]


def _log_size(server) -> int:
    return len((server.folder / "server.log").read_text(errors="replace"))


def test_3_an_unknown_event_leaves_no_payload_token_or_address_in_the_log(production_server):
    from uglymugs_app.pages.check.state import CheckState

    phone = "+3161" + str(uuid.uuid4().int)[:7]
    # A page from before a deploy: a handler name the app no longer has.
    gone = f"{CheckState.get_full_name()}.check_number_before_deploy"
    offset = _log_size(production_server)
    with ReflexClient(production_server.url, path="/check") as tab:
        tab.send(gone, {"value": phone, "number": phone[1:]})
        tab.send(f"{ROOT_STATE}.no_such_state.handler", {"value": phone})
        tab.settle()
        deadline = time.monotonic() + LOG_WAIT_SECONDS
        while "check_number_before_deploy" not in _log_from(production_server, offset):
            assert time.monotonic() < deadline, "the server logged nothing about the event"
            time.sleep(0.2)
        written = _log_from(production_server, offset)
        for secret in (phone, phone[1:], phone[-8:], tab.token, "127.0.0.1"):
            assert secret not in written, f"{secret!r} is in the log:\n{written[-3000:]}"
