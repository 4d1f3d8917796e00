"""Browser tests: fixtures live in tests/browser/support.py (registered by the
root conftest, so every folder shares one browser); helpers are re-exported here."""

from tests.browser.support import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    TABLET,
    screenshot,
    wait_until_connected,
)
