"""Invite codes in the browser; login throttling and equal answers for unknown names."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.membership_helpers import PASSWORD, log_in, register, seed, unique
from tests.browser.support import wait_until_connected


def _invite_code(new_context, app_url) -> str:
    name, _ = seed("outreach")
    page = new_context().new_page()
    log_in(page, app_url, name)
    expect(page).to_have_url(app_url + "/")
    page.goto(app_url + "/account")
    wait_until_connected(page)
    page.click("#issue-code")
    code = page.locator("#issued-code")
    expect(code).to_have_text(lambda_code())
    return code.inner_text()


def lambda_code():
    import re

    return re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def test_invite_code_verifies_once(new_context, app_url):
    code = _invite_code(new_context, app_url)
    first = new_context().new_page()
    register(first, app_url, unique("Dana"), evidence=code, kind="invite")
    expect(first.locator("#member-home")).to_be_visible()

    second = new_context().new_page()
    name = unique("Eva")
    register(second, app_url, name, evidence=code, kind="invite")
    # A used code is never a second verification: since the verification queue
    # rework she becomes an applicant the moderators see flagged as a duplicate
    # (services/members/accounts.py, USED_CODE), and she is not told the code
    # was used (that would confirm it to whoever passed it on).
    second.wait_for_url(re.compile(r"/status/?$"))
    expect(second.locator("#member-home")).to_have_count(0)


def test_wrong_and_expired_codes_get_clear_messages_in_her_language(new_context, app_url):
    page = new_context(locale="nl-NL").new_page()
    register(page, app_url, unique("Fleur"), evidence="ABCD-EFGH-JKMN", kind="invite")
    expect(page.locator("#register-evidence-error")).to_contain_text("Deze code klopt niet")

    code = _invite_code(new_context, app_url)
    from uglymugs_app.models import OneTimeCode
    from uglymugs_app.models.common import utcnow
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.services.security.one_time_codes import code_hash

    with session_scope() as session:
        row = (
            session.query(OneTimeCode)
            .filter_by(code_hash=code_hash(code, secrets=current_secrets()))
            .one()
        )
        row.expires_at = utcnow() - timedelta(minutes=1)
    register(page, app_url, unique("Gina"), evidence=code, kind="invite")
    expect(page.locator("#register-evidence-error")).to_contain_text("verlopen")


def test_short_password_and_taken_name_keep_the_form(new_context, app_url):
    taken, _ = seed("member")
    page = new_context().new_page()
    register(page, app_url, taken, evidence="https://ads.example/x")
    expect(page.locator("#register-name-error")).to_contain_text(
        "could not register this working name"
    )
    expect(page.locator("#register-name")).to_have_value(taken)
    page.fill("#register-name", unique("Hanna"))
    page.fill("#register-password", "short")
    page.check("#register-privacy-read")
    page.click("#register-submit")
    expect(page.locator("#register-password-error")).to_contain_text("too short")
    expect(page.locator("#register-evidence")).to_have_value("https://ads.example/x")


def test_unknown_name_gets_the_same_answer_and_failures_are_throttled(new_context, app_url):
    member, _ = seed("member")
    page = new_context().new_page()
    log_in(page, app_url, member, password="wrong password here")
    wrong = page.locator("#login-error")
    expect(wrong).to_be_visible()
    wrong_text = wrong.inner_text()
    log_in(page, app_url, unique("Nobody"), password="wrong password here")
    expect(page.locator("#login-error")).to_have_text(wrong_text)
    expect(page.locator("#login-name")).not_to_have_value("")
    expect(page.locator("#login-password")).to_have_value("")

    for _ in range(3):
        log_in(page, app_url, member, password="wrong password here")
        expect(page.locator("#login-error")).to_be_visible()
    log_in(page, app_url, member, password=PASSWORD)
    expect(page.locator("#login-error")).to_contain_text("Too many tries")
    expect(page.locator("#member-home")).to_have_count(0)
