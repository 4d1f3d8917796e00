"""A shared tablet: what one person opened never reaches whoever uses the tab next.

Reflex keeps state per tab token (``sessionStorage``): the test reads every
websocket frame the browser receives after the log-out, as well as the page.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.actors import acting
from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import member_id
from tests.browser.support import TABLET, wait_until_connected


def _report_with_thread(reporter: str) -> tuple[int, set[str]]:
    """A report of hers with a moderator's message; the texts that identify it."""
    from tests.fixtures.reports import submission
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import IdentifierInput, submit_report
    from uglymugs_app.services.reports.threads import send_moderator_message
    from uglymugs_app.services.security.instance_secrets import current_secrets

    mark = uuid.uuid4().hex[:10]
    narrative = f"He hit me in the stairwell {mark}"
    digits = str(uuid.uuid4().int)[:7]
    message = f"Did he come by car {mark}?"
    with session_scope() as session:
        report = submit_report(
            session,
            secrets=current_secrets(),
            reporter_id=member_id(reporter),
            submission=submission(
                client_id=uuid.uuid4(),
                narrative=narrative,
                identifiers=[IdentifierInput("phone", f"06-1{digits}")],
            ),
        )
        send_moderator_message(
            session,
            secrets=current_secrets(),
            actor=acting(1),
            report_id=report.id,
            body=message,
        )
    return report.id, {narrative, message, f"1{digits}", mark}


def _record_frames(page: Page) -> list[str]:
    frames: list[str] = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            ),
        ),
    )
    return frames


def test_1_logout_leaves_nothing_in_the_tab(new_context, app_url):
    reporter, _ = seed("member")
    report_id, secret_texts = _report_with_thread(reporter)
    moderator, totp = seed("moderator", totp=True)
    tablet = new_context(TABLET).new_page()
    frames = _record_frames(tablet)

    log_in(tablet, app_url, moderator, totp_secret=totp)
    expect(tablet).to_have_url(app_url + "/moderate/verifications")
    tablet.goto(app_url + "/moderate")
    wait_until_connected(tablet)
    tablet.click(f"#queue [data-report='{report_id}']")
    expect(tablet.locator("#detail-narrative")).to_contain_text("stairwell")
    expect(tablet.locator("#moderator-thread")).to_contain_text("come by car")
    assert any(text in frame for frame in frames for text in secret_texts)  # the probe works
    tab_before = tablet.evaluate("sessionStorage.getItem('token')")

    tablet.goto(app_url + "/account")
    wait_until_connected(tablet)
    tablet.click("#log-out")
    # A full page load (the browser starts a new tab): served as /login/.
    expect(tablet).to_have_url(re.compile(rf"{re.escape(app_url)}/login/?$"))
    wait_until_connected(tablet)
    tab_after = tablet.evaluate("sessionStorage.getItem('token')")
    after_log_out = len(frames)

    # The next person on the tablet: a reload, then another member signs in.
    tablet.reload()
    wait_until_connected(tablet)
    someone_else, _ = seed("member")
    log_in(tablet, app_url, someone_else)
    expect(tablet.locator("#member-home")).to_be_visible()
    tablet.goto(app_url + "/moderate")
    wait_until_connected(tablet)

    received = "\n".join(frames[after_log_out:])
    assert received, "no frames recorded after the log-out"
    leaked = sorted(text for text in secret_texts if text in received)
    assert not leaked, f"the tab received the moderator's report after her log-out: {leaked}"
    page_text = tablet.content()
    assert not [text for text in secret_texts if text in page_text]
    assert tab_after != tab_before, "the browser kept its tab token after the log-out"
