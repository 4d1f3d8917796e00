"""The coordinator on a tablet adds a region, names it in Thai, corrects the
name and gives it a local police contact; a member working there sees both on
her help page in Thai, and her report form offers the region at once."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.membership_helpers import PASSWORD, log_in, seed
from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected

pytestmark = pytest.mark.browser


def _member_in(region_code: str, language: str) -> str:
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import create_account

    name = f"Member {uuid.uuid4().hex[:6]}"
    with session_scope() as session:
        create_account(
            session,
            working_name=name,
            password=PASSWORD,
            role="member",
            regions=[region_code],
            language=language,
        )
    return name


def _code_of(english: str) -> str:
    import json

    from sqlmodel import select

    from uglymugs_app.models import Region
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        for region in session.exec(select(Region)):
            if json.loads(region.names).get("en") == english:
                return region.code
    raise AssertionError(f"no region named {english}")


def test_admin_edits_a_region_and_its_contact_a_member_reads_them_in_thai(new_context, app_url):
    tag = uuid.uuid4().hex[:4]
    english, thai_first, thai = f"Amstelland {tag}", f"อัมสเตล {tag}", f"อัมสเตลลันด์ {tag}"
    officer = f"Wijkagent Amstelland {tag}"

    admin_name, secret = seed("admin", totp=True)
    admin = new_context(TABLET).new_page()
    log_in(admin, app_url, admin_name, totp_secret=secret)
    admin.wait_for_url("**/moderate/**")
    admin.goto(app_url + "/admin/regions")
    wait_until_connected(admin)

    admin.fill("#new-region-en", english)
    admin.fill("#new-region-nl", english)
    admin.fill("#new-region-th", thai_first)
    admin.click("#new-region-save")
    expect(admin.locator("#regions-notice")).to_be_visible()
    expect(admin.locator("#region-picker")).to_have_value(_code_of(english))

    # She corrects the Thai name of the region she just added.
    expect(admin.locator("#region-name-th")).to_have_value(thai_first)
    admin.fill("#region-name-th", thai)
    admin.click("#region-save-names")
    expect(admin.locator("#regions-notice")).to_be_visible()
    expect(admin.locator("#region-name-th")).to_have_value(thai)

    admin.select_option("#new-contact-kind", "neighbourhood_officer")
    admin.fill("#new-contact-name", officer)
    admin.fill("#new-contact-phone", "0900 8844")
    admin.fill("#new-contact-note", "ma-vr 9-17")
    admin.click("#new-contact-save")
    expect(admin.locator("[data-local-contact]")).to_have_count(1)
    expect(admin.locator("[data-local-contact] input[name=name]")).to_have_value(officer)
    screenshot(admin, "admin-regions-tablet")

    code = _code_of(english)
    member = new_context(PHONE, locale="th-TH").new_page()
    log_in(member, app_url, _member_in(code, "th"))
    member.wait_for_url(app_url + "/")
    member.goto(app_url + "/help")
    wait_until_connected(member)
    local = member.locator("#help-local-contacts")
    expect(local.locator(f"[data-local-region='{code}']")).to_have_text(thai)
    expect(local).to_contain_text("ตำรวจประจำชุมชน")  # the kind, in Thai
    expect(local).to_contain_text(officer)
    expect(local.locator("a[href='tel:09008844']")).to_have_text("0900 8844")
    screenshot(member, "help-local-contacts-th")

    member.goto(app_url + "/report")
    wait_until_connected(member)
    expect(member.locator(f"#report-region option[value='{code}']")).to_have_text(thai)
