"""The check and the report, done with the keyboard alone (issue 8).

Only ``page.keyboard`` drives the pages here: Tab and Shift+Tab to move, Space
to tick, arrows within a radio group or a select, Enter to submit. Every
control the focus lands on must show where the focus is (``:focus-visible``
and a drawn outline), or a sighted keyboard user is lost.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.report_helpers import my_reports, wait_until_sent
from tests.browser.support import PHONE, TABLET, wait_until_connected
from tests.browser.warning_helpers import publish_in, unique_phone

TAB_LIMIT = 80  # more stops than any page has: past this the control is unreachable

# What has the focus, and whether she can see it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {id: el.id, name: el.getAttribute('name') || '', tag: el.tagName.toLowerCase(),
          type: el.getAttribute('type') || '', value: el.value === undefined ? '' : el.value,
          checked: !!el.checked, visible: el.matches(':focus-visible'),
          drawn: outline || style.boxShadow !== 'none',
          // Chromium's own calendar button inside a date input: it draws its own ring.
          picker: el.type === 'date' && !el.matches(':focus')};
}"""


def focused(page: Page) -> dict:
    info = page.evaluate(FOCUSED)
    assert info, "the focus fell back to the page itself"
    return info


def assert_focus_shown(info: dict) -> None:
    assert info["visible"] and info["drawn"], f"focus not visible on {info}"


def tab_until(page: Page, wanted, *, backwards: bool = False) -> dict:
    """Tab (or Shift+Tab) until ``wanted(focused)``; every stop shows its focus.

    Going round the page end to start is not allowed: the way to every control
    follows the order she reads the page in.
    """
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        info = page.evaluate(FOCUSED)
        assert info is not None, f"the focus left the page before reaching it ({key})"
        if info["picker"]:
            continue  # Chromium's calendar button in a date input
        assert_focus_shown(info)
        if wanted(info):
            return info
    raise AssertionError(f"not reachable with {key}")


def tab_to(page: Page, element_id: str, *, backwards: bool = False) -> dict:
    """Tab on to ``element_id``, unless the focus is already there."""
    info = page.evaluate(FOCUSED)
    if info and info["id"] == element_id:
        return info
    return tab_until(page, lambda info: info["id"] == element_id, backwards=backwards)


def skip_to_content(page: Page) -> None:
    """What a keyboard user does first on a fresh page: the skip link."""
    page.keyboard.press("Tab")
    info = focused(page)
    assert "skip-link" in page.evaluate("document.activeElement.className"), info
    assert_focus_shown(info)
    page.keyboard.press("Enter")


def choose_radio(page: Page, name: str, element_id: str) -> None:
    """Tab into the radio group, arrow to the choice, Space to be sure."""
    tab_until(page, lambda info: info["name"] == name)
    for _ in range(12):
        if focused(page)["id"] == element_id:
            break
        page.keyboard.press("ArrowDown")
    info = focused(page)
    assert info["id"] == element_id, info
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    assert_focus_shown(focused(page))


def tick(page: Page, element_id: str) -> None:
    tab_to(page, element_id)
    page.keyboard.press("Space")
    assert focused(page)["checked"], element_id


def type_into(page: Page, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.type(text)


def pick_option(page: Page, element_id: str, value: str) -> None:
    """Arrow through a closed select until it shows ``value``."""
    tab_to(page, element_id)
    for _ in range(30):
        if focused(page)["value"] == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} not reachable in #{element_id}")


# The check ------------------------------------------------------------------


@pytest.fixture(params=[PHONE, TABLET], ids=["phone", "tablet"])
def member(request, new_context, app_url):
    """A verified member, signed in, on a phone and on a tablet."""
    name, _ = seed("member")
    page = new_context(request.param).new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-check")).to_be_visible()
    page.member_name = name
    return page


def keyboard_check(page: Page, app_url: str, number: str) -> None:
    page.goto(app_url + "/check")
    wait_until_connected(page)
    skip_to_content(page)
    type_into(page, "check-input", number)
    tab_to(page, "check-submit")
    page.keyboard.press("Enter")


def test_check_with_the_keyboard_no_match(member, app_url):
    number = unique_phone()
    keyboard_check(member, app_url, number)
    expect(member.locator("#check-none")).to_contain_text("does not mean he is safe")
    # The box keeps the number, so the answer is visibly for it (issue 14).
    expect(member.locator("#check-input")).to_have_value(number)
    # Back to the input for the next number, with Shift+Tab.
    tab_to(member, "check-input", backwards=True)


def test_check_with_the_keyboard_masked_match(member, app_url):
    phone = unique_phone()
    warning = publish_in("utrecht", phone)
    keyboard_check(member, app_url, phone)
    expect(member.locator("#check-found")).to_be_visible()
    card = member.locator(f"[data-warning='{warning}']")
    expect(card.locator(".warning-identifier")).to_contain_text("••")
    # Enter in the input submits as well as the button does.
    tab_to(member, "check-input", backwards=True)
    member.keyboard.type(unique_phone())
    member.keyboard.press("Enter")
    expect(member.locator("#check-none")).to_be_visible()


# The report -----------------------------------------------------------------


def lands_on(page: Page, element_id: str) -> None:
    """The focus moved to what just appeared, visibly, so Tab goes on from there."""
    expect(page.locator(f"#{element_id}")).to_be_focused()
    assert_focus_shown(focused(page))


def next_step(page: Page, step: str) -> None:
    """Enter on Next: the new step shows and its heading takes the focus."""
    tab_to(page, "report-next")
    page.keyboard.press("Enter")
    expect(page.locator(f"[data-step='{step}']")).to_be_visible()
    lands_on(page, f"report-step-{step}")


def test_report_with_the_keyboard(member, app_url):
    phone = unique_phone()
    page = member
    page.goto(app_url + "/report")
    wait_until_connected(page)
    expect(page.locator("#report-form[data-restored=yes]")).to_have_count(1)
    skip_to_content(page)

    choose_radio(page, "danger", "danger-no")
    expect(page.locator(".call-112")).to_be_hidden()
    next_step(page, "when")
    # Back to the first step: the Back button goes away, the focus must not.
    tab_to(page, "report-back")
    page.keyboard.press("Enter")
    lands_on(page, "report-step-danger")
    next_step(page, "when")

    # Day and month alike, so the date reads the same in day- and month-first order.
    type_into(page, "incident-date", "03032025")
    assert focused(page)["value"] == "2025-03-03", focused(page)
    choose_radio(page, "part_of_day", "part_of_day-night")
    pick_option(page, "report-region", "utrecht")
    type_into(page, "report-area", "Lombok")
    choose_radio(page, "place_kind", "place_kind-hotel")
    next_step(page, "what")

    tick(page, "incident-physical_violence")
    tick(page, "incident-robbery")
    type_into(page, "report-narrative", "He hit me and took the money from my bag.")
    next_step(page, "who")

    type_into(page, "id-value-0", phone)
    tab_to(page, "add-identifier")
    page.keyboard.press("Enter")
    lands_on(page, "id-kind-1")  # the new row, above the button
    pick_option(page, "id-kind-1", "email")
    type_into(page, "id-value-1", "bad.client@example.nl")
    tick(page, "spoke-nl")
    next_step(page, "wishes")

    tab_to(page, "wish-may_publish")
    assert focused(page)["checked"]  # ticked by default
    tick(page, "wish-wants_case_worker_contact")
    tab_to(page, "report-next")
    page.keyboard.press("Enter")
    report_id = wait_until_sent(page)
    lands_on(page, "report-sent-title")

    # Straight on to her reports, still by keyboard.
    tab_to(page, "to-my-reports")
    page.keyboard.press("Enter")
    expect(page.locator(f"[data-report='{report_id}']")).to_be_visible()
    [summary] = my_reports(page.member_name)
    assert summary.id == report_id and summary.status == "received"
