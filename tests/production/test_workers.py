"""Several workers on PostgreSQL + Redis: nothing a member relies on lives in one process."""

import psutil
from playwright.sync_api import expect
from sqlmodel import Session

from tests.browser.membership_helpers import PASSWORD, unique
from tests.browser.support import PHONE, wait_until_connected
from tests.production.conftest import WORKERS, needs_servers
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.members.accounts import create_account

pytestmark = needs_servers


def seed_member(server) -> str:
    name = unique("Worker")
    engine = build_engine(server.database_url)
    with Session(engine) as session:
        create_account(
            session, working_name=name, password=PASSWORD, role="member", regions=["utrecht"]
        )
    engine.dispose()
    return name


def test_the_app_is_served_by_several_workers(production_server):
    tree = psutil.Process(production_server.process.pid).children(recursive=True)
    # gunicorn forks one process per worker from its master, each running the app.
    masters = {
        p.pid
        for p in tree
        if "gunicorn" in " ".join(p.cmdline()) and "gunicorn" not in " ".join(p.parent().cmdline())
    }
    workers = [p for p in tree if p.ppid() in masters]
    assert len(masters) == 1
    assert len(workers) == WORKERS


def test_login_throttling_holds_across_workers(production_server, new_context):
    name = seed_member(production_server)
    messages = []
    # Every try from a fresh device: a new websocket, so the tries spread over
    # the workers. The count lives in the database, so the limit still holds.
    for _ in range(6):
        page = new_context(PHONE).new_page()
        page.goto(production_server.url + "/login")
        wait_until_connected(page)
        page.fill("#login-name", name)
        page.fill("#login-password", "not the password")
        page.click("#login-submit")
        error = page.locator("#login-error")
        expect(error).not_to_be_empty()
        messages.append(error.inner_text())
        page.context.close()
    assert messages[0].startswith("Working name or password is not right")
    assert any(message.startswith("Too many tries") for message in messages[3:])


def test_a_member_stays_signed_in_whichever_worker_answers(production_server, new_context):
    name = seed_member(production_server)
    context = new_context(PHONE)
    page = context.new_page()
    page.goto(production_server.url + "/login")
    wait_until_connected(page)
    page.fill("#login-name", name)
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#member-home")).to_be_visible()
    # New tabs open new websockets, served by whichever worker takes them.
    for _ in range(4):
        tab = context.new_page()
        tab.goto(production_server.url + "/account")
        wait_until_connected(tab)
        expect(tab.locator("#account-name")).to_contain_text(name)
        tab.close()
