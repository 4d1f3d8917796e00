"""Help pages in Dutch, the figures for a moderator on a tablet, and a forged PDF export."""

from __future__ import annotations

import time
import uuid

import pytest
import socketio
from playwright.sync_api import expect
from sqlmodel import select

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import TABLET, screenshot, wait_until_connected

pytestmark = pytest.mark.browser


def test_help_pages_in_dutch(new_context, app_url):
    page = new_context(locale="nl-NL").new_page()
    page.goto(app_url + "/help")
    wait_until_connected(page)
    expect(page.locator("[data-contact=sexual_violence]")).to_contain_text("0800 0188")
    expect(page.locator("[data-contact=emergency]")).to_contain_text("Spoed")
    page.click("[data-help-link='/help/police']")
    expect(page.locator("#page-title")).to_have_text("Naar de politie")
    expect(page.locator("#police-address")).to_contain_text("domicilie kiezen")
    expect(page.locator("#police-steps")).to_contain_text("0900-8844")
    expect(page.locator("#police-medical")).to_contain_text("Centrum Seksueel Geweld")
    screenshot(page, "help-police-nl")
    page.goto(app_url + "/help/safety")
    wait_until_connected(page)
    expect(page.locator("#safety-tips li")).to_have_count(8)
    expect(page.locator("#safety-tips")).to_contain_text("112")


def _moderator(new_context, app_url):
    name, secret = seed("moderator", totp=True)
    page = new_context(TABLET).new_page()
    log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url("**/moderate/**")
    return page


def test_statistics_render_charts_for_a_moderator(new_context, app_url):
    page = _moderator(new_context, app_url)
    page.goto(app_url + "/moderate/statistics")
    wait_until_connected(page)
    for name in (
        "reports_by_type",
        "reports_by_region",
        "warnings_published",
        "notifications",
        "checks",
    ):
        expect(page.locator(f"[data-chart={name}] .recharts-wrapper")).to_have_count(1)
    expect(page.locator("[data-figure=applicants_waiting]")).to_be_visible()
    screenshot(page, "statistics-tablet")


def _report_without_consent() -> int:
    from tests.fixtures.reports import submission
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as db:
        return submit_report(
            db,
            secrets=current_secrets(),
            submission=submission(),
            reporter_id=None,
            submitted_by_id=1,
        ).id


def _forge(api_url: str, token: str, event: str, payload: dict) -> None:
    """Send one event over Reflex's socket protocol, as a hostile page script would."""
    from uglymugs_app.state.auth import AuthState

    hydrate = {
        "name": "reflex___state____state.hydrate_and_load",
        "payload": {"vars": {f"{AuthState.get_full_name()}.session_token_rx_state_": token}},
        "router_data": {"pathname": "/moderate/police", "asPath": "/moderate/police", "query": {}},
    }
    client = socketio.Client(reconnection=False)
    client.connect(
        f"{api_url}?token={uuid.uuid4()}",
        transports=["websocket"],
        namespaces=["/_event"],
        socketio_path="/_event",
        auth={"event": hydrate},
    )
    client.emit(
        "event",
        {"name": event, "payload": payload, "router_data": hydrate["router_data"]},
        namespace="/_event",
    )
    time.sleep(3)
    client.disconnect()


def test_forged_pdf_export_without_consent_is_refused_and_audited(new_context, app_url, api_url):
    from uglymugs_app.models import AuditEvent
    from uglymugs_app.pages.police_requests.state import PoliceRequestsState
    from uglymugs_app.services.database import session_scope

    report_id = _report_without_consent()
    page = _moderator(new_context, app_url)
    page.goto(app_url + "/moderate/police")
    wait_until_connected(page)
    expect(page.locator(f"[data-pdf='{report_id}']")).to_have_count(0)  # no control
    token = page.evaluate("() => localStorage.getItem('um.session')")
    assert token
    _forge(
        api_url,
        token,
        f"{PoliceRequestsState.get_full_name()}.download_pdf",
        {"report_id": str(report_id)},
    )
    with session_scope() as db:
        actions = [
            e.action
            for e in db.exec(
                select(AuditEvent).where(
                    AuditEvent.subject_type == "report", AuditEvent.subject_id == report_id
                )
            )
        ]
    assert "police_export.pdf.refused" in actions
    assert "police_export.pdf" not in actions
