"""A member reports on her phone; a moderator on a tablet talks with her and publishes."""

from __future__ import annotations

import dataclasses
import json

from playwright.sync_api import expect

from tests.actors import acting
from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import (
    NARRATIVE,
    fill_until_wishes,
    my_reports,
    open_report_form,
    stored_draft,
    submit_and_wait,
)
from tests.browser.support import TABLET, screenshot, wait_until_connected

SUMMARY = "Client in a hotel in Utrecht used force and took money. Do not meet him alone."


def _warning(report_id: int):
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.moderation import report_detail
    from uglymugs_app.services.warnings.lifecycle import get_warning

    with session_scope() as session:
        detail = report_detail(
            session, secrets=_secrets(), actor=acting(0, "admin"), report_id=report_id
        )
        return get_warning(session, warning_id=detail.warning_id)


def _audited(report_id: int) -> list[str]:
    """The report's audit trail, oldest first."""
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.security.audit import list_audit_events

    with session_scope() as session:
        events = list_audit_events(
            session, actor=acting(0, "admin"), subject_type="report", subject_id=report_id
        )
        return [event.action for event in reversed(events)]


def _secrets():
    from uglymugs_app.services.security.instance_secrets import current_secrets

    return current_secrets()


def test_member_reports_moderator_converses_and_publishes(new_context, app_url):
    member, _ = seed("member")
    phone = new_context().new_page()
    log_in(phone, app_url, member)
    expect(phone).to_have_url(app_url + "/")
    open_report_form(phone, app_url)
    fill_until_wishes(phone)
    screenshot(phone, "report-wishes")
    assert phone.url.removeprefix(app_url).rstrip("/") == "/report"  # nothing typed in the URL
    report_id = submit_and_wait(phone)
    assert stored_draft(phone) is None
    [summary] = my_reports(member)
    assert summary.id == report_id and summary.status == "received"

    moderator, secret = seed("moderator", totp=True)
    tablet = new_context(TABLET).new_page()
    log_in(tablet, app_url, moderator, totp_secret=secret)
    expect(tablet).to_have_url(app_url + "/moderate/verifications")
    tablet.goto(app_url + "/moderate")
    wait_until_connected(tablet)
    tablet.click(f"#queue [data-report='{report_id}']")
    expect(tablet.locator("#detail-narrative")).to_have_text(NARRATIVE)
    expect(tablet.locator(".detail-identifier").first).to_contain_text("+31612345678")
    tablet.fill("#moderator-thread-body", "Thank you. Do you remember his car?")
    tablet.click("#moderator-thread-send")
    expect(tablet.locator("#moderator-thread .thread-message")).to_have_count(1)
    expect(tablet.locator("#detail-status")).to_have_attribute("data-status", "in_conversation")

    phone.goto(app_url + "/my-reports")
    wait_until_connected(phone)
    card = phone.locator(f"[data-report='{report_id}']")
    expect(card).to_have_attribute("data-unread", "1")
    card.locator(".open-thread").click()
    expect(phone.locator("#my-thread")).to_contain_text("Do you remember his car?")
    expect(card).to_have_attribute("data-unread", "0")
    phone.fill("#my-thread-body", "A black Volvo.")
    phone.click("#my-thread-send")
    expect(phone.locator("#my-thread .thread-message")).to_have_count(2)
    screenshot(phone, "report-my-reports")

    tablet.click(f"#queue [data-report='{report_id}']")
    expect(tablet.locator("#moderator-thread")).to_contain_text("A black Volvo.")
    tablet.fill("#warning-summary", SUMMARY)
    tablet.check("#severity-high")
    tablet.click("#preview-warning")
    # The moderator sees exactly what members will see before anything is published.
    preview = tablet.locator("#warning-preview .warning-card")
    expect(preview).to_contain_text(SUMMARY)
    expect(preview).to_contain_text("+31 6 12•• ••78")
    expect(preview).not_to_contain_text("12345678")
    tablet.click("#publish-warning")
    expect(tablet.locator("#published-warning")).to_be_visible()
    expect(tablet.locator("#published-warning")).to_contain_text("+31 6 12•• ••78")
    expect(tablet.locator("#published-warning")).not_to_contain_text("12345678")
    screenshot(tablet, "report-moderator-published")
    # She opened the report twice; showing it again after each action is no view.
    assert _audited(report_id) == [
        "report.view",
        "report.message",
        "report.view",
        "warning.publish",
    ]

    warning = _warning(report_id)
    assert {(i.kind, i.masked) for i in warning.identifiers} == {
        ("phone", "+31 6 12•• ••78"),
        ("email", "b•••@example.nl"),
    }
    published = json.dumps(dataclasses.asdict(warning), default=str)
    for secret_text in (member, "12345678", "bad.client", NARRATIVE[:30], "Lombok"):
        assert secret_text.lower() not in published.lower()
    assert warning.summary == SUMMARY and warning.severity == "high"
    assert warning.regions == ["utrecht"] and warning.incident_month == "2025-03"

    phone.reload()
    wait_until_connected(phone)
    expect(card.locator(".report-status")).to_have_attribute("data-status", "published")
