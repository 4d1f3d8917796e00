"""What each open tab leaves in Redis: her choices, not copies of shared data."""

import os
import time

import pytest
import redis
from playwright.sync_api import expect

from tests.browser.support import PHONE, wait_until_connected
from tests.production.conftest import needs_servers

pytestmark = needs_servers

# Her language and a few flags fit in well under this; the English catalogue
# alone is ~40 KB.
SMALL = 4096
LEASE_WAIT_STEPS = 60  # of 0.25 s: longer than a lease (5 s)


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(os.environ["TEST_REDIS_URL"])
    yield client
    client.close()


def _interface_state(page, client: redis.Redis) -> bytes:
    """Her tab's interface state as stored in Redis.

    The worker serving her tab writes it back when its lease ends (at most
    a few seconds: uglymugs_app/runtime/tab_leases.py), so wait for it a little.
    """
    token = page.evaluate("window.sessionStorage.getItem('token')")
    for _ in range(LEASE_WAIT_STEPS):
        keys = list(client.scan_iter(match=f"{token}_*ui_state", count=1000))
        if keys:
            break
        time.sleep(0.25)
    assert len(keys) == 1, keys
    return client.get(keys[0])


def test_a_tab_keeps_her_language_in_redis_and_the_texts_follow_it(
    production_server, new_context, redis_client
):
    page = new_context(PHONE).new_page()
    page.goto(production_server.url + "/login")
    wait_until_connected(page)
    expect(page.locator("#login-submit")).to_have_text("Log in")
    assert len(_interface_state(page, redis_client)) < SMALL

    page.select_option("#language-picker", "nl")
    expect(page.locator("#login-submit")).to_have_text("Inloggen")
    assert len(_interface_state(page, redis_client)) < SMALL

    # A reload is a new websocket, maybe on another worker: the texts are
    # rebuilt from the language kept for her, not from a stored copy.
    page.reload()
    wait_until_connected(page)
    expect(page.locator("#login-submit")).to_have_text("Inloggen")
    page.select_option("#language-picker", "en")
    expect(page.locator("#login-submit")).to_have_text("Log in")
