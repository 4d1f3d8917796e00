"""Tabs and sessions as production serves them: 3 workers, PostgreSQL, Redis.

What the served app writes to its log, what it leaves in Redis, and whether a
tab ever sees another member's data while many reconnect at once.
"""

from __future__ import annotations

import functools
import json
import re
import time
import uuid

import pyotp
import redis
from sqlmodel import Session

from tests.actors import acting
from tests.browser.membership_helpers import PASSWORD, unique
from tests.production.conftest import REDIS, needs_servers
from tests.security.reflex_client import ROOT_STATE, ReflexClient, storage_key
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.security.instance_secrets import ensure_secrets

pytestmark = needs_servers

LOG_WAIT_SECONDS = 10
LEASE_SECONDS = 6  # a worker keeps a tab's states in memory for 5 s (tab leases)


def _log_from(server, offset: int) -> str:
    """The log since ``offset``, without white space: Reflex's console wraps long lines."""
    return re.sub(r"\s+", "", (server.folder / "server.log").read_text(errors="replace")[offset:])


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


# -- 4. Redis -------------------------------------------------------------------


def _storage_with(token: str) -> dict[str, str]:
    from uglymugs_app.state.auth import AuthState

    return {storage_key(AuthState.get_full_name(), "session_token"): token}


def _seed_report_and_moderator(server) -> tuple[int, str, set[str]]:
    """A report with a moderator's message; her moderator's session token; its texts."""
    from tests.fixtures.reports import report
    from uglymugs_app.services.members.accounts import create_account
    from uglymugs_app.services.reports.submission import IdentifierInput
    from uglymugs_app.services.reports.threads import send_moderator_message
    from uglymugs_app.services.security.sessions import open_session

    secrets = ensure_secrets(server.instance_dir, allow_generate=False)
    mark = uuid.uuid4().hex[:12]
    digits = str(uuid.uuid4().int)[:7]
    texts = {f"narrative-{mark}", f"message-{mark}", f"1{digits}"}
    engine = build_engine(server.database_url)
    with Session(engine, expire_on_commit=False) as session:
        reporter = create_account(
            session,
            working_name=unique("Reporter"),
            password=PASSWORD,
            role="member",
            regions=["utrecht"],
        )
        moderator = create_account(
            session,
            working_name=unique("Moderator"),
            password=PASSWORD,
            role="moderator",
            regions=["utrecht"],
            totp_secret=pyotp.random_base32(),
            secrets=secrets,
        )
        waiting = report(
            session,
            secrets,
            reporter_id=reporter.id,
            client_id=uuid.uuid4(),
            narrative=f"He hit me, narrative-{mark}",
            identifiers=[IdentifierInput("phone", f"06-1{digits}")],
        )
        send_moderator_message(
            session,
            secrets=secrets,
            actor=acting(moderator.id),
            report_id=waiting.id,
            body=f"Was it him? message-{mark}",
        )
        token = open_session(session, member_id=moderator.id)
    engine.dispose()
    return waiting.id, token, texts


def _redis_holding(client: redis.Redis, needles: set[str]) -> dict[str, list[str]]:
    """Every key whose value holds one of ``needles``: key -> the needles found."""
    found: dict[str, list[str]] = {}
    for key in client.scan_iter(count=1000):
        # DUMP may compress a string: strings (Reflex's states) are read as they are.
        value = (client.get(key) if client.type(key) == b"string" else client.dump(key)) or b""
        hits = [needle for needle in needles if needle.encode() in value]
        if hits:
            found[key.decode(errors="replace")] = hits
    return found


def test_4_redis_keeps_no_session_token_and_no_report_after_log_out(production_server):
    from uglymugs_app.pages.moderate.state import ModerationState
    from uglymugs_app.state.auth import AuthState

    report_id, token, texts = _seed_report_and_moderator(production_server)
    client = redis.Redis.from_url(REDIS)
    try:
        with ReflexClient(
            production_server.url, path="/moderate", storage=_storage_with(token), timeout=30
        ) as tablet:
            shown = tablet.call(
                f"{ModerationState.get_full_name()}.select", {"report_id": str(report_id)}
            )
            assert any(text in json.dumps(shown) for text in texts), "the report must show"
            time.sleep(LEASE_SECONDS)  # her tab's states are written back to Redis
            assert not _redis_holding(client, {token}), "her session token is in Redis"
            tablet.call(f"{AuthState.get_full_name()}.log_out")
            deadline = time.monotonic() + 4 * LEASE_SECONDS
            while (held := _redis_holding(client, texts | {token})) and (
                time.monotonic() < deadline
            ):
                time.sleep(1)
        assert not held, f"after her log-out Redis still holds: {held}"
    finally:
        client.close()


# -- 5. Many tabs at once ----------------------------------------------------------

TABS = 100
ROUNDS = 3
PARALLEL = 25  # sockets connecting at the same moment


def _members(server, count: int) -> list[tuple[str, str]]:
    """``count`` members, each signed in on her own phone: (working name, session token)."""
    from uglymugs_app.services.members.accounts import create_account
    from uglymugs_app.services.security.sessions import open_session

    engine = build_engine(server.database_url)
    people = []
    with Session(engine, expire_on_commit=False) as session:
        for _ in range(count):
            name = unique("Tab")
            member = create_account(
                session, working_name=name, password=PASSWORD, role="member", regions=["utrecht"]
            )
            people.append((name, open_session(session, member_id=member.id)))
    engine.dispose()
    return people


def _who(tab: ReflexClient) -> tuple[bool, str]:
    from uglymugs_app.state.auth import AuthState

    name = AuthState.get_full_name()
    return tab.value(name, "signed_in", False), tab.value(name, "working_name", "")


def _next_tap(event: str, tab: ReflexClient) -> None:
    """Her next tap on the page (``event``, her account's details), and what her
    browser does with the answer: a page told to load again loads again."""
    answer = json.dumps(tab.call(event))
    if "location.reload()" in answer:
        tab.reconnect()
    if '"_redirect"' in answer and '"/login"' in answer:
        tab.updates.append({"signed_out": True})


def _account_load() -> str:
    """The account page's load event (read from the app: page modules are not
    imported into the test process)."""
    from tests.security.catalogue import all_handlers

    [handler] = [
        h
        for h in all_handlers()
        if h.state.endswith("___account___state____account_state") and h.name == "load"
    ]
    return handler.event


def _forget_in_redis(client: redis.Redis, tab: ReflexClient) -> None:
    """What 15 idle minutes do to a tab's states in Redis (redis_token_expiration)."""
    keys = list(client.scan_iter(match=f"{tab.token}_*", count=1000))
    if keys:
        client.delete(*keys)


def _check_round(label: str, people, tabs, start, problems: list[str]) -> None:
    names = {name for name, _ in people}
    for (name, _), tab, first in zip(people, tabs, start, strict=True):
        seen = json.dumps(tab.updates[first:], ensure_ascii=False)
        others = sorted(n for n in names - {name} if n in seen)
        if others:
            problems.append(f"{label}: {name}'s tab saw {others[:3]}")
        if '"signed_out": true' in seen or _who(tab) != (True, name):
            problems.append(f"{label}: {name}'s tab was signed out ({_who(tab)})")


def test_5_a_hundred_tabs_reconnecting_each_see_only_their_own_member(production_server):
    from concurrent.futures import ThreadPoolExecutor

    people = _members(production_server, TABS)
    tap = functools.partial(_next_tap, _account_load())
    tabs = [
        ReflexClient(
            production_server.url, path="/account", storage=_storage_with(token), timeout=90
        )
        for _, token in people
    ]
    problems: list[str] = []
    client = redis.Redis.from_url(REDIS)
    try:
        with ThreadPoolExecutor(PARALLEL) as pool:
            for round_ in range(ROUNDS + 1):
                start = [len(tab.updates) for tab in tabs]
                # The first round opens every tab; the others drop and reopen them at once.
                opened = ReflexClient.connect if round_ == 0 else ReflexClient.reconnect
                list(pool.map(opened, tabs))
                list(pool.map(tap, tabs))
                _check_round(f"round {round_}", people, tabs, start, problems)
            # Her phone was idle long enough for Redis to let her tab's states go;
            # the page is still open and her next tap must find her signed in.
            time.sleep(LEASE_SECONDS)
            start = [len(tab.updates) for tab in tabs]
            for tab in tabs:
                _forget_in_redis(client, tab)
            list(pool.map(tap, tabs))
            _check_round("after her tab's states expired", people, tabs, start, problems)
    finally:
        client.close()
        for tab in tabs:
            tab.close()
    assert not problems, f"{len(problems)} problems, e.g.: " + "; ".join(problems[:10])
