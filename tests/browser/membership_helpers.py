"""Seeding people straight into the served app's database, and form shortcuts."""

from __future__ import annotations

import uuid

import pyotp
from playwright.sync_api import Page, expect

from tests.browser.support import wait_until_connected

PASSWORD = "long enough secret"


def seed(role: str, *, totp: bool = False, language: str = "en") -> tuple[str, str | None]:
    """An account made directly in the test database: (working name, TOTP secret).

    ``language``: the one saved with her account, which her log-in then uses."""
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import create_account
    from uglymugs_app.services.security.instance_secrets import current_secrets

    name = f"{role.title()} {uuid.uuid4().hex[:6]}"
    secret = pyotp.random_base32() if totp else None
    with session_scope() as session:
        create_account(
            session,
            working_name=name,
            password=PASSWORD,
            role=role,
            regions=["utrecht"],
            language=language,
            totp_secret=secret,
            secrets=current_secrets() if secret else None,
        )
    return name, secret


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def log_in(
    page: Page, app_url: str, name: str, password: str = PASSWORD, totp_secret: str | None = None
) -> None:
    page.goto(app_url + "/login")
    wait_until_connected(page)
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    page.click("#login-submit")
    if totp_secret:
        page.wait_for_selector("#login-totp")
        page.fill("#login-password", password)
        page.fill("#login-totp", pyotp.TOTP(totp_secret).now())
        page.click("#login-submit")


def register(
    page: Page,
    app_url: str,
    name: str,
    *,
    evidence: str,
    kind: str = "ad_link",
    password: str = PASSWORD,
) -> None:
    page.goto(app_url + "/register")
    wait_until_connected(page)
    page.fill("#register-name", name)
    page.fill("#register-password", password)
    page.check("#region-utrecht")
    page.check(f"#evidence-{kind}")
    page.fill("#register-evidence", evidence)
    page.check("#register-privacy-read")
    page.click("#register-submit")


def find_applicant(page: Page, applicant: str):
    """Her card in the queue, found by searching her name (the queue pages)."""
    page.fill("#queue-search", applicant)
    page.click("#queue-search-submit")
    card = page.locator(f"[data-applicant='{applicant}']")
    expect(card).to_be_visible()
    return card


def take(page: Page, applicant: str):
    """ "I'm handling this" on her card: the application opens above the list."""
    find_applicant(page, applicant).locator(".take-application").click()
    panel = page.locator(f"#current-application[data-current='{applicant}']")
    expect(panel).to_be_visible()
    return panel


def decide(page: Page, applicant: str, decision: str, message: str = "") -> None:
    panel = take(page, applicant)
    if message:
        panel.locator("textarea").fill(message)
    panel.locator(f"input[data-decision='{decision}']").check()
    panel.locator("#verify-send").click()
    expect(page.locator("#current-application")).to_have_count(0)
    card = page.locator(f"[data-applicant='{applicant}']")
    if decision == "more":  # she stays in the queue, waiting for her answer
        expect(card).to_have_attribute("data-status", "more_info")
        expect(card).to_contain_text("Waiting for her answer")  # a label, not the code
    else:
        expect(card).to_have_count(0)
