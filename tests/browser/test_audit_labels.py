"""The admin's audit log names each action in her language, never by its code,
on a phone, in Dutch, Romanian and Thai (issue 18: staff screens show labels)."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import PHONE, screenshot, wait_until_connected
from uglymugs_app.i18n import translate

pytestmark = pytest.mark.browser

# Actions that had no label before, one of them built from a purpose.
ACTIONS = ("applicant.claim", "member.role_changed", "police_export.pdf.refused")


def _record(subject_id: int) -> None:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.security import audit

    with session_scope() as session:
        for action in ACTIONS:
            audit.record(
                session, actor_id=None, action=action, subject_type="member", subject_id=subject_id
            )
        session.commit()


@pytest.mark.parametrize("language", ["nl", "ro", "th"])
def test_audit_log_shows_labels_in_her_language(new_context, app_url, language):
    subject_id = 900_000 + uuid.uuid4().int % 99_999
    _record(subject_id)
    name, secret = seed("admin", totp=True)
    page = new_context(PHONE).new_page()
    log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(app_url + "/settings")
    wait_until_connected(page)
    page.locator(f"#language-{language}").click()
    expect(page.locator("html")).to_have_attribute("lang", language)

    page.goto(app_url + "/admin/audit")
    wait_until_connected(page)
    page.locator("select[name=subject_type]").select_option("member")
    page.fill("#audit-subject-id", str(subject_id))
    page.locator("#audit-filter").click()
    rows = page.locator("#audit-table tr.audit-event")
    expect(rows).to_have_count(len(ACTIONS))
    for action in ACTIONS:
        label = translate(language, action)
        assert label != action
        expect(page.locator(f'tr.audit-event[data-action="{action}"] td').nth(2)).to_have_text(
            label
        )
    table = page.locator("#audit-table").inner_text()
    assert not [action for action in ACTIONS if action in table], table
    # The subject is named in her language too, in the table and in the filter.
    member = translate(language, "audit.subject.member")
    expect(rows.first.locator("td").nth(3)).to_have_text(f"{member} #{subject_id}")
    expect(page.locator("select[name=subject_type] option[value=member]")).to_have_text(member)
    screenshot(page, f"audit/{language}-labels-phone")
