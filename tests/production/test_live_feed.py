"""A warning published through one worker appears, live, in a feed served by another.

The feed refreshes itself with an event ping that reads the database, so it
should not matter which worker published. Which worker holds a page's
websocket is read from Reflex's own record in Redis (token -> the worker's
instance id, one per worker process), keyed by the token in the tab's
sessionStorage.
"""

import pickle
import re
import time
import uuid

import pyotp
import pytest
import redis
from playwright.sync_api import Page, expect
from reflex.utils.token_manager import RedisTokenManager, SocketRecord
from sqlmodel import Session

from tests.browser.membership_helpers import PASSWORD, log_in, unique
from tests.browser.support import PHONE, TABLET, wait_until_connected
from tests.browser.warning_helpers import unique_phone
from tests.fixtures.reports import report
from tests.production.conftest import REDIS, needs_servers
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.security.instance_secrets import ensure_secrets

pytestmark = needs_servers

TRIES = 10  # new tabs opened until the feed lands on another worker
APPEAR_MS = 15_000  # three refresh pings (4 s each) and some slack
SUMMARY = "Client in Utrecht took the money back by force. Do not meet him alone."


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS)
    yield client
    client.close()


def _account(session, name: str, role: str, **extra):
    return create_account(
        session, working_name=name, password=PASSWORD, role=role, regions=["utrecht"], **extra
    )


def _seed(server) -> dict:
    """A reporter, a member (region Utrecht), a moderator with 2FA, a report waiting."""
    secrets = ensure_secrets(server.instance_dir, allow_generate=False)
    seeded = {
        "member": unique("Member"),
        "moderator": unique("Moderator"),
        "totp": pyotp.random_base32(),
    }
    engine = build_engine(server.database_url)
    with Session(engine, expire_on_commit=False) as session:
        reporter = _account(session, unique("Reporter"), "member")
        _account(session, seeded["member"], "member")
        _account(
            session, seeded["moderator"], "moderator", totp_secret=seeded["totp"], secrets=secrets
        )
        waiting = report(
            session,
            secrets,
            reporter_id=reporter.id,
            client_id=uuid.uuid4(),
            region="utrecht",
            identifiers=[IdentifierInput("phone", unique_phone())],
        )
    engine.dispose()
    return {**seeded, "report": waiting.id}


def _worker(page: Page, client: redis.Redis) -> str:
    """The instance id of the worker holding this tab's websocket."""
    token = page.evaluate("window.sessionStorage.getItem('token')")
    raw = client.get(RedisTokenManager._token_socket_record_prefix + token)
    assert raw, f"no socket record in Redis for token {token}"
    record = pickle.loads(raw)
    assert isinstance(record, SocketRecord)
    return record.instance_id


def _feed_on_another_worker(context, url: str, client, other: str) -> tuple[Page, str]:
    """Open the feed in fresh tabs (fresh token, fresh websocket) until it is not on ``other``."""
    for _ in range(TRIES):
        page = context.new_page()
        page.goto(url + "/feed")
        wait_until_connected(page)
        worker = _worker(page, client)
        if worker != other:
            return page, worker
        page.close()
    pytest.fail(f"{TRIES} feed tabs all landed on the moderator's worker")


def test_a_warning_published_on_one_worker_appears_in_a_feed_on_another(
    production_server, new_context, redis_client
):
    url, seeded = production_server.url, _seed(production_server)
    moderator = new_context(TABLET).new_page()
    log_in(moderator, url, seeded["moderator"], totp_secret=seeded["totp"])
    expect(moderator).to_have_url(re.compile(r".*/moderate/verifications/?$"))
    moderator.goto(url + "/moderate")
    wait_until_connected(moderator)
    moderator_worker = _worker(moderator, redis_client)

    member_context = new_context(PHONE)
    sign_in = member_context.new_page()
    log_in(sign_in, url, seeded["member"])
    expect(sign_in.locator("#member-home")).to_be_visible()
    sign_in.close()
    feed, member_worker = _feed_on_another_worker(
        member_context, url, redis_client, moderator_worker
    )
    card = feed.locator(".warning-card", has_text=SUMMARY)
    expect(feed.locator("#feed")).to_have_attribute("aria-busy", "false")
    expect(card).to_have_count(0)
    marker = uuid.uuid4().hex
    feed.evaluate(f"window.stillTheSamePage = '{marker}'")

    moderator.click(f"#queue [data-report='{seeded['report']}']")
    moderator.fill("#warning-summary", SUMMARY)
    moderator.check("#severity-high")
    expect(moderator.locator("#warning-region-utrecht")).to_be_checked()
    moderator.click("#preview-warning")
    moderator.click("#publish-warning")
    expect(moderator.locator("#published-warning")).to_contain_text(SUMMARY)
    published = time.monotonic()

    expect(card).to_be_visible(timeout=APPEAR_MS)
    print(f"warning appeared in the other worker's feed after {time.monotonic() - published:.1f} s")
    expect(card.locator(".warning-regions")).to_have_text("Where: Utrecht")
    expect(card.locator("[data-severity=high]")).to_be_visible()
    assert feed.evaluate("window.stillTheSamePage") == marker  # no reload, no navigation
    expect(feed).to_have_url(re.compile(r".*/feed/?$"))
    # Both websockets stayed where they were the whole time.
    assert _worker(feed, redis_client) == member_worker != moderator_worker
    assert _worker(moderator, redis_client) == moderator_worker
