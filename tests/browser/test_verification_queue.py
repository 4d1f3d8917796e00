"""The queue on a moderator's tablet with a 400-applicant backlog: pages,
search by name and by ad site, and a claim two moderators see live."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.membership_helpers import find_applicant, log_in, seed, take
from tests.browser.support import TABLET, screenshot

BACKLOG = 400


def _seed_backlog(prefix: str) -> None:
    from bench.support.backlog import seed_backlog
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        seed_backlog(
            session, secrets=current_secrets(), applicants=BACKLOG, members=0, prefix=prefix
        )


def _search(page, text: str) -> None:
    page.fill("#queue-search", text)
    page.click("#queue-search-submit")


def test_a_backlog_pages_searches_and_claims_on_a_tablet(new_context, app_url):
    prefix = f"Q{uuid.uuid4().hex[:6]}"
    _seed_backlog(prefix)
    anna, anna_totp = seed("moderator", totp=True)
    bea, bea_totp = seed("moderator", totp=True)

    tablet = new_context(TABLET).new_page()
    log_in(tablet, app_url, anna, totp_secret=anna_totp)
    expect(tablet).to_have_url(re.compile(r"/moderate/verifications/?$"))
    # The whole backlog is counted, one page is shown.
    all_count = tablet.locator("[data-view='all'] .rt-Badge")
    # (wait for the loaded count: the badge reads 0 until the queue arrives)
    expect(all_count).to_have_text(re.compile(r"^[1-9]\d*$"))
    assert int(all_count.inner_text()) >= BACKLOG
    expect(tablet.locator("[data-applicant]")).to_have_count(25)

    # Search by working name: her 400, oldest first, 25 a page.
    _search(tablet, prefix)
    expect(tablet.locator("#queue-range")).to_have_text(re.compile(rf"^1–25 .* {BACKLOG}$"))
    expect(tablet.locator("[data-applicant]").first).to_have_attribute(
        "data-applicant", f"{prefix} 0000"
    )
    tablet.click("#queue-next")
    expect(tablet.locator("#queue-range")).to_have_text(re.compile(rf"^26–50 .* {BACKLOG}$"))
    expect(tablet.locator("[data-applicant]").first).to_have_attribute(
        "data-applicant", f"{prefix} 0025"
    )
    tablet.click("#queue-previous")
    expect(tablet.locator("#queue-range")).to_have_text(re.compile(r"^1–25 "))

    # Search by ad site: every fourth applicant advertises on kinky.example.
    _search(tablet, "https://www.kinky.example/some-ad")
    expect(tablet.locator("[data-applicant]").first).to_contain_text("kinky.example")
    expect(tablet.locator("#queue-range")).to_have_text(re.compile(r" \d+$"))
    assert int(tablet.locator("#queue-range").inner_text().split()[-1]) >= BACKLOG // 4

    # Bea has the same applicant on her screen before Anna takes her.
    target = f"{prefix} 0003"
    colleague = new_context(TABLET).new_page()
    log_in(colleague, app_url, bea, totp_secret=bea_totp)
    card_for_bea = find_applicant(colleague, target)
    expect(card_for_bea.locator(".take-application")).to_be_visible()

    panel = take(tablet, target)
    expect(panel.locator(".evidence-link")).to_contain_text("/ad/")
    screenshot(tablet, "verification-queue-claimed")
    # Without reloading, Bea sees who is handling it and cannot take it.
    expect(card_for_bea).to_have_attribute("data-claimed-by", anna, timeout=20_000)
    expect(card_for_bea.locator(".claimed-by")).to_contain_text(anna)
    expect(card_for_bea.locator(".take-application")).to_have_count(0)
    screenshot(colleague, "verification-queue-colleague")

    # Anna hands it back; Bea's screen offers it again, and she takes it.
    tablet.click("#hand-back")
    expect(tablet.locator("#current-application")).to_have_count(0)
    expect(card_for_bea.locator(".take-application")).to_be_visible(timeout=20_000)
    take(colleague, target)
    expect(find_applicant(tablet, target)).to_have_attribute("data-claimed-by", bea)


def test_an_expired_application_tells_her_and_she_applies_again_in_thai(new_context, app_url):
    """Housekeeping expired her application: her status page says so in her
    language, and a new link puts her back in the queue."""
    from datetime import timedelta

    from tests.browser.membership_helpers import register, unique
    from uglymugs_app.i18n import translate
    from uglymugs_app.models import Member
    from uglymugs_app.models.common import utcnow
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import find_member
    from uglymugs_app.services.members.expiry import expire_applications
    from uglymugs_app.settings import get_settings

    phone = new_context(locale="th-TH").new_page()
    name = unique("Nok")
    register(phone, app_url, name, evidence="https://ads.example/nok")
    expect(phone).to_have_url(re.compile(r"/status/?$"))
    with session_scope() as session:
        member: Member = find_member(session, name)
        # Asked for more, and nothing since for longer than the setting allows.
        member.status = "more_info"
        idle = timedelta(days=get_settings().application_expiry_days + 1)
        member.application_active_at = utcnow() - idle
        session.add(member)
        session.commit()
        expire_applications(session, settings=get_settings())
        assert find_member(session, name).status == "expired"
    phone.reload()
    status = phone.locator("#application-status")
    expect(status).to_have_attribute("data-status", "expired")
    expect(status).to_have_text(translate("th", "status.expired"))
    phone.fill("#status-evidence", "https://ads.example/nok-2026")
    phone.click("#status-send")
    expect(status).to_have_attribute("data-status", "pending")
    expect(phone.locator("#exchange [data-from='applicant']")).to_contain_text("nok-2026")
