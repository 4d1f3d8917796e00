"""Filling the report form on a phone, and reading reports back from the database."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.support import wait_until_connected

NARRATIVE = "He locked the door of room twelve, hit me twice and took the money from my bag."
PHONE = "06-12345678"
DRAFT_KEY = "um.report.draft"


def member_id(working_name: str) -> int:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member

    with session_scope() as session:
        return find_member(session, working_name).id


def my_reports(working_name: str) -> list:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import list_my_reports
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        return list_my_reports(
            session, secrets=current_secrets(), member_id=member_id(working_name)
        )


def next_step(page: Page, step: str) -> None:
    page.click("#report-next")
    expect(page.locator(f"[data-step='{step}']")).to_be_visible()


def open_report_form(page: Page, app_url: str) -> None:
    page.goto(app_url + "/report")
    wait_until_connected(page)
    expect(page.locator("[data-step='danger']")).to_be_visible()
    expect(page.locator("#report-form[data-restored=yes]")).to_have_count(1)


def fill_until_wishes(page: Page, *, phone: str = PHONE) -> None:
    """Steps one to four, with a wrong number first to see its inline error."""
    next_step(page, "when")
    page.fill("#incident-date", "2025-03-14")
    page.check("#part_of_day-night")
    page.select_option("#report-region", "utrecht")
    page.fill("#report-area", "Lombok")
    page.check("#place_kind-hotel")
    next_step(page, "what")
    page.check("#incident-physical_violence")
    page.check("#incident-robbery")
    page.fill("#report-narrative", NARRATIVE)
    next_step(page, "who")
    page.select_option("#id-kind-0", "phone")
    page.fill("#id-value-0", "06-1234")
    page.click("#report-next")
    expect(page.locator("#id-error-0")).to_be_visible()
    page.fill("#id-value-0", phone)
    page.click("#add-identifier")
    page.select_option("#id-kind-1", "email")
    page.fill("#id-value-1", "Bad.Client@Example.nl")
    page.select_option("#look-gender", "man")
    page.select_option("#look-build", "heavy")
    page.check("#spoke-nl")
    next_step(page, "wishes")


def wait_until_sent(page: Page) -> int:
    """Her report number, once the page says it arrived and the draft is gone."""
    sent = page.locator("#report-sent")
    expect(sent).to_be_visible()
    page.wait_for_function(f"localStorage.getItem('{DRAFT_KEY}') === null")
    return int(sent.get_attribute("data-report"))


def submit_and_wait(page: Page) -> int:
    page.click("#report-next")
    return wait_until_sent(page)


def stored_draft(page: Page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')")
