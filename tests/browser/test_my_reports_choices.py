"""My reports on a phone: her police consent is reachable from each report, a
wish for police help on the form is where it starts, saving is confirmed, and
she can take back her consent to publish or the whole report."""

import uuid

from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import member_id, my_reports
from tests.browser.support import PHONE, screenshot, wait_until_connected


def _her_report(name: str, **wishes) -> int:
    from tests.fixtures.reports import submission
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        made = submit_report(
            session,
            secrets=current_secrets(),
            reporter_id=member_id(name),
            submission=submission(client_id=uuid.uuid4(), **wishes),
        )
    return made.id


def _consent(report_id: int):
    from uglymugs_app.models import Report
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.police.consent import consent_of
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        return consent_of(
            session, secrets=current_secrets(), report=session.get_one(Report, report_id)
        )


def _open(page: Page, app_url: str, report_id: int):
    page.goto(app_url + "/my-reports")
    wait_until_connected(page)
    card = page.locator(f"[data-report='{report_id}']")
    card.locator(".open-thread").click()
    return card


def test_her_police_consent_is_reachable_from_her_report(new_context, app_url):
    name, _ = seed("member", language="ro")
    report_id = _her_report(name, wants_police_help=True)
    page = new_context(PHONE, locale="ro-RO").new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-check")).to_be_visible()

    card = _open(page, app_url, report_id)
    consent = card.locator(f"[data-consent-report='{report_id}']")
    expect(consent).to_be_visible()
    # She asked for police help on the form: that is where it starts.
    expect(consent.locator(".consent-requested")).to_contain_text("ajutor")
    expect(page.locator(f"#consent-{report_id}-police-report")).to_be_checked()
    assert _consent(report_id).police_report is False  # not until she saves
    page.click(f"#consent-{report_id}-save")
    expect(page.locator("#consent-notice")).to_be_visible()
    assert _consent(report_id).police_report is True
    screenshot(page, "my-reports-police-consent-ro")

    page.click("#my-reports-police")
    expect(page.locator(f"[data-consent-report='{report_id}']")).to_be_visible()


def test_she_takes_back_her_consent_to_publish_and_then_the_report(new_context, app_url):
    name, _ = seed("member", language="nl")
    report_id = _her_report(name)
    page = new_context(PHONE, locale="nl-NL").new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-check")).to_be_visible()

    card = _open(page, app_url, report_id)
    card.locator(".withdraw-consent").click()
    card.locator(".withdraw-confirm").click()
    expect(page.locator("#my-reports-notice")).to_contain_text("geen waarschuwing")
    assert my_reports(name)[0].may_publish is False
    expect(card.locator(".withdraw-consent")).to_have_count(0)

    card.locator(".withdraw-report").click()
    card.locator(".withdraw-confirm").click()
    expect(card.locator(".report-status")).to_have_attribute("data-status", "withdrawn")
    assert my_reports(name)[0].status == "withdrawn"
    screenshot(page, "my-reports-withdrawn-nl")
