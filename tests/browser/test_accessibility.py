"""WCAG 2.2 AA with axe-core on every page the app registers, as the role the
page is meant for, on a phone and a tablet, in the dark and the light theme.

Pages are enumerated from the served app, so a page added later is covered
without touching this file; a dynamic route needs a seeder in a11y_helpers.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y_helpers import (
    AXE,
    ROLES,
    axe_violations,
    concrete,
    pages_for,
    registered_routes,
    role_for,
    sign_in,
    small_touch_targets,
)
from tests.browser.support import PHONE, TABLET, screenshot, wait_until_connected
from uglymugs_app import routes

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": PHONE, "tablet": TABLET}
THEMES = ("dark", "light")


@pytest.fixture(scope="module")
def all_routes(harness) -> list[str]:
    found = registered_routes(harness)
    assert {routes.HOME, routes.SETTINGS, routes.HELP, routes.LOGIN} <= set(found), found
    return found


def test_axe_is_installed():
    assert AXE.is_file(), "run `make test` (it installs axe-core into .tools)"


def test_every_page_is_meant_for_some_role(all_routes):
    assert all(role_for(route) in ROLES for route in all_routes)
    assert role_for(routes.MODERATE_VERIFICATIONS) == "moderator"
    assert role_for(routes.ADMIN_PEOPLE) == "admin"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_no_serious_or_critical_violations(new_context, app_url, all_routes, role, viewport, theme):
    context = new_context(VIEWPORTS[viewport])
    if theme == "light":
        context.add_init_script("try { localStorage.setItem('theme', 'light') } catch (e) {}")
    page = context.new_page()
    sign_in(page, app_url, role)
    problems: dict[str, list] = {}
    for route in pages_for(role, all_routes):
        page.goto(app_url + concrete(route))
        wait_until_connected(page)
        expect(page.locator("html")).to_have_class(re.compile(rf"(^|\s){theme}(\s|$)"))
        page.wait_for_timeout(400)  # on_load events render their data
        found = axe_violations(page)
        small = small_touch_targets(page)
        if found or small:
            problems[route] = found + (
                [{"id": "touch-target-44px", "nodes": small}] if small else []
            )
        name = route.strip("/").replace("/", "-").replace("[", "").replace("]", "") or "home"
        screenshot(page, f"a11y/{viewport}-{theme}-{role or 'anonymous'}-{name}")
    assert problems == {}, _describe(problems)


def _describe(problems: dict[str, list]) -> str:
    lines = []
    for route, found in problems.items():
        for violation in found:
            lines.append(
                f"{route}: {violation['id']} ({violation.get('impact', 'ours')}) "
                f"{violation.get('help', '')}"
            )
            lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)
