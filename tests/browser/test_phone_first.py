"""Phone first: every asset the shell asks for exists, errors show where she
looks, her language everywhere, labels rather than codes on staff screens.

On a phone viewport, in Dutch, Romanian and Thai where text is involved; the
expected texts come from the catalogues, so a translation fixed later does
not break the test.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import log_in, register, seed, unique
from tests.browser.support import PHONE, TABLET, wait_until_connected
from tests.browser.warning_helpers import publish_in, unique_phone
from uglymugs_app import routes
from uglymugs_app.i18n import translate

pytestmark = pytest.mark.browser
LANGUAGES = ("nl", "ro", "th")
LOCALES = {"nl": "nl-NL", "ro": "ro-RO", "th": "th-TH"}
# Anonymous pages and a member's pages: the shell is the same on every page.
ANONYMOUS_PAGES = ("/", "/login", "/register", "/help", "/settings", "/help/safety")
MEMBER_PAGES = ("/feed", "/check", "/report", "/notifications", "/account")


def _in(new_context, language: str, viewport: dict = PHONE) -> Page:
    context = new_context(viewport, locale=LOCALES[language])
    # Her choice made before, as after a first visit: it wins over the browser's.
    context.add_init_script(f"localStorage.setItem('um.lang', '{language}')")
    return context.new_page()


def _member_in(new_context, app_url: str, language: str = "en") -> Page:
    name, _ = seed("member", language=language)
    page = new_context(PHONE).new_page() if language == "en" else _in(new_context, language)
    log_in(page, app_url, name)
    page.wait_for_url(lambda url: "/login" not in url)
    wait_until_connected(page)
    return page


def _gap(page: Page, upper: str, lower: str) -> float:
    """Vertical distance in px from the bottom of ``upper`` to the top of ``lower``."""
    top = page.locator(upper).bounding_box()
    bottom = page.locator(lower).bounding_box()
    assert top and bottom
    return bottom["y"] - (top["y"] + top["height"])


# -- assets -------------------------------------------------------------------


def _watch(page: Page) -> list[str]:
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.on(
        "console",
        lambda m: m.type == "error" and "404" in m.text and failed.append(m.text),
    )
    return failed


def test_favicon_and_every_asset_of_the_shell_exist(new_context, app_url):
    page = new_context(PHONE).new_page()
    failed = _watch(page)
    for path in ANONYMOUS_PAGES:
        page.goto(app_url + path)
        wait_until_connected(page)
        page.wait_for_load_state("networkidle")
    # The tab's icon is set by the shell; the neutral one where she is discreet.
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/icons/icon-192.png")
    page.evaluate("window.umSetDiscreet(true)")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/icons/notes-192.png")
    answer = page.request.get(app_url + "/favicon.ico")
    assert answer.status == 200 and answer.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    for icon in ("/icons/icon-192.png", "/icons/notes-192.png"):
        assert page.request.get(app_url + icon).status == 200

    member = _member_in(new_context, app_url)
    failed += _watch(member)
    for path in MEMBER_PAGES:
        member.goto(app_url + path)
        wait_until_connected(member)
        member.wait_for_load_state("networkidle")
    assert failed == []


# -- errors where she looks ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_password_is_told_beside_it_and_kept(new_context, app_url, language):
    page = _in(new_context, language)
    register(page, app_url, unique("Kort"), evidence="https://ads.example/k", password="short1")
    error = page.locator("#register-password-error")
    expect(error).to_contain_text(translate(language, "account.password.too_short"))
    expect(error).to_have_attribute("aria-live", "assertive")
    password = page.locator("#register-password")
    expect(password).to_have_value("short1")  # never silently emptied
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", "register-password-error")
    expect(password).to_be_focused()
    # Right under the field (its hint between them), on the screen she looks at.
    assert 0 <= _gap(page, "#register-password", "#register-password-error") < 80
    box = error.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    expect(page.locator("#register-name-error")).to_have_text("")


def _report_for_moderation() -> int:
    from tests.fixtures.reports import submission
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        made = submit_report(
            session,
            secrets=current_secrets(),
            reporter_id=1,
            submission=submission(client_id=uuid.uuid4()),
        )
        return made.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_summary_is_told_beside_it_and_not_far_from_publish(
    new_context, app_url, language
):
    report_id = _report_for_moderation()
    name, secret = seed("moderator", totp=True, language=language)
    page = _in(new_context, language)
    log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url("**/moderate/**")
    page.goto(app_url + "/moderate")
    wait_until_connected(page)
    page.click(f"#queue [data-report='{report_id}']")
    page.fill("#warning-summary", "Violent in room 9988776 of a hotel. Do not meet alone.")
    page.check("#severity-high")
    page.click("#preview-warning")
    error = page.locator("#warning-summary-error")
    expect(error).to_contain_text(translate(language, "moderation.text.digits"))
    expect(page.locator("#warning-summary")).to_be_focused()
    expect(page.locator("#warning-summary")).to_have_value(re.compile("9988776"))
    expect(page.locator("#moderate-error")).to_have_count(0)  # not 2,500 px up
    box = error.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"]

    # Fixed: the preview comes, and the error has gone.
    page.fill("#warning-summary", "Violent client in a hotel. Do not meet alone.")
    page.click("#preview-warning")
    expect(page.locator("#warning-preview")).to_be_visible()
    expect(error).to_have_text("")


FAILING_PUSH = """(() => {
  PushManager.prototype.subscribe = async function () {
    throw new DOMException('Registration failed - push service error', 'AbortError');
  };
  PushManager.prototype.getSubscription = async function () { return null; };
})();"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_notify_me_that_fails_says_why_in_her_language(new_context, app_url, language):
    name, _ = seed("member", language=language)
    context = new_context(PHONE, locale=LOCALES[language])
    context.grant_permissions(["notifications"], origin=app_url)
    context.add_init_script(FAILING_PUSH)
    page = context.new_page()
    log_in(page, app_url, name)
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(app_url + "/notifications")
    wait_until_connected(page)
    page.click("#notify-me")
    error = page.locator("#notify-me-error")
    expect(error).to_contain_text(translate(language, "notify.failed.service"))
    expect(error).to_be_focused()
    assert 0 <= _gap(page, "#notify-me", "#notify-me-error") < 40
    expect(page.locator("#push-on")).to_have_count(0)


# -- her language ----------------------------------------------------------------


def test_a_warning_from_a_notification_shows_quick_exit_before_the_app_has_loaded(
    new_context, app_url
):
    """She taps a warning's notification on a slow phone: the page it opens is
    served drawn, so the shell and its quick exit are there before any of the
    app's code has arrived (here: none ever does). Once the app is in, the
    warning is shown; the address older notifications carry still works."""
    warning_id = publish_in("utrecht", unique_phone())
    page = _member_in(new_context, app_url)
    page.route("**/assets/*.js", lambda route: route.abort())
    page.goto(app_url + routes.warning_url(warning_id))
    expect(page.locator("#quick-exit")).to_be_visible()
    expect(page.locator("#page-title")).to_have_text(translate("en", "feed.warning_title"))
    assert page.locator("#app-ready[data-ready=yes]").count() == 0
    page.unroute("**/assets/*.js")
    page.reload()
    wait_until_connected(page)
    expect(page.locator(f".warning-card[data-warning='{warning_id}']")).to_be_visible()
    page.goto(app_url + f"/warnings/{warning_id}")
    wait_until_connected(page)
    expect(page.locator(f".warning-card[data-warning='{warning_id}']")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_switching_language_rewrites_the_warning_she_is_reading(new_context, app_url, language):
    from uglymugs_app.i18n.formatting import format_month

    warning_id = publish_in("utrecht", unique_phone())
    page = _member_in(new_context, app_url)
    page.goto(app_url + f"/warning?id={warning_id}")
    wait_until_connected(page)
    card = page.locator(".warning-card")
    english = translate("en", "incident.physical_violence")
    expect(card).to_contain_text(english)

    # Written on the server in her language: rewritten at once, no reload.
    page.select_option("#language-picker", language)
    expect(card).to_contain_text(translate(language, "incident.physical_violence"))
    expect(card).not_to_contain_text(english)
    expect(card.locator(".warning-month")).to_contain_text(format_month(language, 2025, 3))
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_her_saved_language_is_used_from_log_in_on_any_device(new_context, app_url, language):
    name, _ = seed("member", language=language)
    for _device in range(2):  # a phone that never saw the app, then another
        page = new_context(PHONE, locale="en-GB").new_page()
        log_in(page, app_url, name)
        page.wait_for_url(lambda url: "/login" not in url)
        wait_until_connected(page)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("#bottom-nav")).to_contain_text(translate(language, "nav.help"))
        page.goto(app_url + "/help")
        wait_until_connected(page)
        expect(page.locator("#language-picker")).to_have_value(language)


# -- staff screens: labels, fields that show ---------------------------------------


def test_staff_screens_show_labels_never_codes(new_context, app_url):
    applicant = unique("Wacht")
    register(new_context(PHONE).new_page(), app_url, applicant, evidence="https://ads.example/w")
    name, secret = seed("moderator", totp=True)
    page = new_context(TABLET).new_page()
    log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url("**/moderate/verifications")
    wait_until_connected(page)
    card = page.locator(f"[data-applicant='{applicant}']")
    expect(card).to_contain_text(translate("en", "region.utrecht"))
    # The queue names her state as the queue reads it ("Waiting for us").
    expect(card).to_contain_text(translate("en", "verify.state.pending"))
    expect(card).not_to_contain_text("pending")
    assert "utrecht" not in card.inner_text()

    report_id = _report_for_moderation()
    page.goto(app_url + "/moderate")
    wait_until_connected(page)
    page.click(f"#queue [data-report='{report_id}']")
    detail = page.locator("#report-detail")
    # He spoke "nl" and "en": named as her language names them.
    expect(detail).to_contain_text(re.compile(r"(Dutch, English|English, Dutch)"))
    assert not re.search(r"\b(nl, en|en, nl)\b", detail.inner_text())


def _police_request() -> None:
    from datetime import date

    from tests.actors import acting
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.police import requests as police_requests
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        police_requests.record_request(
            session,
            secrets=current_secrets(),
            actor=acting(1, role="moderator"),
            request=police_requests.RequestInput(
                received_on=date.today() - timedelta(days=1),
                unit="Utrecht centrum",
                officer="Agent J. de Vries",
                case_number="PL0900-1",
                reason="Does the system know this number?",
                identifier_kind="phone",
                identifier="06-12345678",
            ),
        )


FIELD_LOOK = """(el) => {
  const style = getComputedStyle(el);
  return {background: style.backgroundColor, border: parseFloat(style.borderTopWidth),
          colour: style.color};
}"""


def test_the_police_answer_form_shows_on_the_dark_theme(new_context, app_url):
    _police_request()
    name, secret = seed("moderator", totp=True)
    page = new_context(TABLET).new_page()
    log_in(page, app_url, name, totp_secret=secret)
    page.wait_for_url("**/moderate/**")
    page.goto(app_url + "/moderate/police")
    wait_until_connected(page)
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)dark(\s|$)"))
    form = page.locator("[data-request] form").first
    for name in ("answer", "shared", "report_id"):
        field = form.locator(f"[name={name}]")
        look = field.evaluate(FIELD_LOOK)
        assert look["border"] >= 1, (name, look)
        assert look["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), (name, look)
        # Each field has its label tied to it.
        field_id = field.get_attribute("id")
        assert field_id and form.locator(f"label[for='{field_id}']").count() == 1
    kinds = page.locator("#request-kind option")
    expect(kinds.first).to_have_text(translate("en", "identifier.kind.phone"))


# -- who she is -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_applicant_on_a_member_page_is_told_she_is_waiting(new_context, app_url, language):
    page = _in(new_context, language)
    register(page, app_url, unique("Nieuw"), evidence="https://ads.example/n")
    page.wait_for_url(re.compile(r"/status/?$"))
    for path in ("/check", "/feed", "/report"):
        page.goto(app_url + path)
        expect(page).to_have_url(re.compile(r"/status/?$"))
        wait_until_connected(page)
        expect(page.locator("#login-name")).to_have_count(0)
        expect(page.locator("main")).to_contain_text(translate(language, "status.pending"))


def _use_up_checks(name: str, count: int = 20) -> None:
    from uglymugs_app.models.checks import CheckAttempt
    from uglymugs_app.models.common import utcnow
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member

    with session_scope() as session:
        member = find_member(session, name)
        session.add_all(
            CheckAttempt(member_id=member.id, at=utcnow() - timedelta(minutes=n))
            for n in range(count)
        )


def _organisation_phone(phone: str) -> None:
    from uglymugs_app.models import HelpContact
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.regions.help_contacts import help_contacts

    with session_scope() as session:
        help_contacts(session)
        session.get(HelpContact, "organisation").phone = phone


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_check_limit_gives_the_organisations_phone_number(new_context, app_url, language):
    _organisation_phone("030 123 45 67")
    name, _ = seed("member", language=language)
    page = _in(new_context, language)
    log_in(page, app_url, name)
    page.wait_for_url(lambda url: "/login" not in url)
    _use_up_checks(name, count=200)
    page.goto(app_url + "/check")
    wait_until_connected(page)
    page.fill("#check-input", "06-11223344")
    page.click("#check-submit")
    expect(page.locator("#check-error")).to_be_visible()
    call = page.locator("#check-call")
    expect(call).to_contain_text(translate(language, "check.limit.call", phone="030 123 45 67"))
    expect(call).to_have_attribute("href", "tel:0301234567")
    # The private check page always holds its answers, hidden until one applies.
    expect(page.locator("#check-none")).to_be_hidden()
