"""The build ships none of Radix's responsive variants (uglymugs_app/theme.py):
no element on any page, as the role it is for, may carry one of their classes
(``sm:rt-r-fd-row`` would be a layout rule that silently does nothing)."""

from __future__ import annotations

import pytest

from tests.browser.a11y_helpers import ROLES, concrete, pages_for, registered_routes, sign_in
from tests.browser.support import TABLET, wait_until_connected
from uglymugs_app.theme import KEPT_VARIANTS

pytestmark = pytest.mark.browser

VARIANT_CLASSES = """() => [...new Set([...document.querySelectorAll('[class]')]
  .flatMap((element) => [...element.classList])
  .filter((name) => /^(xs|sm|md|lg|xl):/.test(name)))]"""


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_no_page_uses_a_responsive_variant_the_build_dropped(new_context, harness, app_url, role):
    page = new_context(TABLET).new_page()
    sign_in(page, app_url, role)
    found: dict[str, list[str]] = {}
    for route in pages_for(role, registered_routes(harness)):
        page.goto(app_url + concrete(route))
        wait_until_connected(page)
        page.wait_for_timeout(300)  # on_load events render their data
        dropped = [name for name in page.evaluate(VARIANT_CLASSES) if name not in KEPT_VARIANTS]
        if dropped:
            found[route] = dropped
    assert found == {}, f"add to KEPT_VARIANTS in uglymugs_app/theme.py, or use shell.css: {found}"
