"""A member cannot read or write to another member's report, even with a forged id.

Her own browser is turned hostile: the report id in the events it sends is
rewritten on the wire to someone else's, as a tampering client would.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import WebSocketRoute, expect

from tests.actors import acting
from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import member_id
from tests.browser.support import wait_until_connected

SECRET_MESSAGE = "Only the reporter may read this"


def _report_by(working_name: str) -> int:
    from tests.fixtures.reports import submission
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        return submit_report(
            session,
            secrets=current_secrets(),
            submission=submission(client_id=uuid.uuid4()),
            reporter_id=member_id(working_name),
        ).id


def _thread_of(working_name: str, report_id: int) -> list[str]:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.threads import reporter_thread
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        return [
            m.body
            for m in reporter_thread(
                session,
                secrets=current_secrets(),
                member_id=member_id(working_name),
                report_id=report_id,
            )
        ]


def _moderator_writes(report_id: int) -> None:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.threads import send_moderator_message
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        send_moderator_message(
            session,
            secrets=current_secrets(),
            actor=acting(1),
            report_id=report_id,
            body=SECRET_MESSAGE,
        )


def test_forged_report_ids_reach_nothing_of_another_member(new_context, app_url):
    victim, _ = seed("member")
    victims_report = _report_by(victim)
    _moderator_writes(victims_report)
    other, _ = seed("member")
    own_report = _report_by(other)

    page = new_context().new_page()
    own = re.compile(rf'("report_id"\s*[:,]\s*"?){own_report}(?!\d)')

    def tamper(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(
            lambda message: server.send(
                own.sub(rf"\g<1>{victims_report}", message) if isinstance(message, str) else message
            )
        )

    page.route_web_socket("**/_event/**", tamper)
    log_in(page, app_url, other)
    expect(page).to_have_url(app_url + "/")
    page.goto(app_url + "/my-reports")
    wait_until_connected(page)
    expect(page.locator("[data-report]")).to_have_count(1)
    expect(page.locator(f"[data-report='{victims_report}']")).to_have_count(0)

    page.locator(f"[data-report='{own_report}'] .open-thread").click()
    expect(page.locator("#my-reports-error")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(SECRET_MESSAGE)
    expect(page.locator("#my-thread")).to_have_count(0)
    assert _thread_of(victim, victims_report) == [SECRET_MESSAGE]


def test_members_are_sent_away_from_the_moderator_and_audit_pages(new_context, app_url):
    member, _ = seed("member")
    page = new_context().new_page()
    log_in(page, app_url, member)
    expect(page).to_have_url(app_url + "/")
    for path in ("/moderate", "/admin/audit"):
        page.goto(app_url + path)
        wait_until_connected(page)
        expect(page).to_have_url(app_url + "/login")
