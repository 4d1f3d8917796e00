"""The report draft stays on her device through a reload, a lost submit and a
dropped connection; submitting twice, or again after a lost answer, makes one report."""

from __future__ import annotations

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import (
    DRAFT_KEY,
    NARRATIVE,
    PHONE,
    fill_until_wishes,
    my_reports,
    open_report_form,
    stored_draft,
    submit_and_wait,
    wait_until_sent,
)
from tests.browser.support import wait_until_connected


def _member_on_form(new_context, app_url, blocked: dict | None = None) -> tuple[str, Page]:
    member, _ = seed("member")
    page = new_context().new_page()
    if blocked is not None:

        def route(socket: WebSocketRoute) -> None:
            server = socket.connect_to_server()

            def to_server(message) -> None:
                # The submit is lost on its way, as when the server dies under it.
                if blocked["on"] and "advance" in str(message):
                    return
                server.send(message)

            socket.on_message(to_server)

        page.route_web_socket("**/_event/**", route)
    log_in(page, app_url, member)
    expect(page).to_have_url(app_url + "/")
    open_report_form(page, app_url)
    return member, page


def _expect_restored(page: Page, *, at_wishes: bool = True) -> None:
    if at_wishes:
        expect(page.locator("[data-step='wishes']")).to_be_visible()
    expect(page.locator("#report-narrative")).to_have_value(NARRATIVE)
    expect(page.locator("#id-value-0")).to_have_value(PHONE)
    expect(page.locator("#id-value-1")).to_have_value("Bad.Client@Example.nl")
    expect(page.locator("#part_of_day-night")).to_be_checked()
    expect(page.locator("#incident-robbery")).to_be_checked()


def test_draft_survives_reload_and_a_submit_that_never_arrives(new_context, app_url):
    blocked = {"on": False}
    member, page = _member_on_form(new_context, app_url, blocked)
    fill_until_wishes(page)
    client_id = page.input_value("#report-client-id")
    page.reload()
    _expect_restored(page)
    assert page.input_value("#report-client-id") == client_id

    blocked["on"] = True
    page.click("#report-next")
    page.wait_for_timeout(1500)
    expect(page.locator("#report-sent")).to_be_hidden()
    assert my_reports(member) == []

    blocked["on"] = False
    page.reload()
    _expect_restored(page)
    report_id = submit_and_wait(page)
    [stored] = my_reports(member)
    assert stored.id == report_id and str(stored.client_id) == client_id
    assert stored_draft(page) is None


def test_draft_survives_a_dropped_connection_during_submit(new_context, app_url):
    member, page = _member_on_form(new_context, app_url)
    fill_until_wishes(page)
    page.context.set_offline(True)
    page.click("#report-next")
    page.wait_for_timeout(1000)
    page.context.set_offline(False)
    # Reflex may deliver the queued submit on reconnect; if not, she retries.
    try:
        expect(page.locator("#report-sent")).to_be_visible(timeout=8000)
    except AssertionError:
        # No confirmation must mean no report: a report stored behind her back
        # (and her draft forgotten) would leave her thinking it was lost.
        assert my_reports(member) == []
        # Her answers are all there; after a reconnect the page may show an
        # earlier step (known rough edge), so she taps on to the last one.
        page.reload()
        _expect_restored(page, at_wishes=False)
        while page.get_attribute("#report-next", "data-last") != "yes":
            page.click("#report-next")
            page.wait_for_timeout(300)
        submit_and_wait(page)
    assert len(my_reports(member)) == 1
    assert stored_draft(page) is None


def test_double_tap_and_retry_after_a_lost_answer_make_one_report(new_context, app_url):
    member, page = _member_on_form(new_context, app_url)
    fill_until_wishes(page)
    kept = stored_draft(page)
    page.dblclick("#report-next")
    first = wait_until_sent(page)
    assert len(my_reports(member)) == 1

    # The answer never reached her phone: the draft is still there. Reloaded,
    # the page knows that draft arrived, says so, and forgets it.
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [DRAFT_KEY, kept])
    page.reload()
    expect(page.locator(f"#report-sent[data-report='{first}']")).to_be_visible()
    page.wait_for_function(f"localStorage.getItem('{DRAFT_KEY}') === null")

    # She closed the app instead and opens it again: a new page, the same draft;
    # sending it again still makes no second report.
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [DRAFT_KEY, kept])
    again = page.context.new_page()
    page.close()
    again.goto(app_url + "/report")
    wait_until_connected(again)
    _expect_restored(again)
    assert submit_and_wait(again) == first
    assert [r.id for r in my_reports(member)] == [first]


def test_her_confirmation_outlives_a_reload_until_she_starts_another(new_context, app_url):
    # After a dropped connection the page loads again right behind her delivered
    # submit; the confirmation must not turn back into an empty first step.
    member, page = _member_on_form(new_context, app_url)
    fill_until_wishes(page)
    sent = submit_and_wait(page)
    page.reload()
    expect(page.locator(f"#report-sent[data-report='{sent}']")).to_be_visible()
    expect(page.locator("#report-form")).to_be_hidden()

    page.get_by_role("button", name="Make another report").click()
    expect(page.locator("[data-step='danger']")).to_be_visible()
    expect(page.locator("#report-sent")).to_be_hidden()
    page.reload()
    expect(page.locator("[data-step='danger']")).to_be_visible()
    expect(page.locator("#report-sent")).to_be_hidden()
    assert [r.id for r in my_reports(member)] == [sent]
