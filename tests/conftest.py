"""Settings shared by every test: a throw-away installation per session, and
the served app (one Reflex prod harness per session, built on first use).

The environment is set before the app is imported, so the settings object,
rxconfig and the app all see the test database and instance folder.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.paths import ARTIFACTS, NEUTRAL_URL, ROOT

_scratch = Path(tempfile.mkdtemp(prefix="uglymugs-test-"))

os.environ.update({
    "DATABASE_URL": f"sqlite:///{_scratch / 'app.db'}",
    "UGLYMUGS_INSTANCE_DIR": str(_scratch / "instance"),
    "UGLYMUGS_DATA_DIR": str(_scratch / "data"),
    "UGLYMUGS_QUICK_EXIT_URL": NEUTRAL_URL,
    "UGLYMUGS_ENV": "development",
    # No housekeeping rounds inside served test apps: a round landing between
    # a security test's before and after snapshots would look like a leak.
    # tests/maintenance/ runs rounds explicitly.
    "UGLYMUGS_MAINTENANCE_INTERVAL_MINUTES": "0",
    # Every browser test applies from 127.0.0.1: the per-address limit on
    # applications would end the suite's registrations, not protect anyone.
    # tests/unit/members tests the limit itself.
    "UGLYMUGS_REGISTRATION_FREE_ATTEMPTS_PER_ADDRESS": "1000",
    # Reflex on a machine without internet (see the Makefile for the same set).
    "REFLEX_USE_SYSTEM_BUN": "1",
    "REFLEX_TELEMETRY_ENABLED": "false",
    "REFLEX_CHECK_LATEST_VERSION": "false",
    "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0",
})
os.environ.setdefault("BUN_INSTALL_CACHE_DIR", str(ROOT / ".cache" / "bun"))
os.environ.setdefault("REFLEX_DIR", str(ROOT / ".cache" / "reflex"))
_bun_bin = ROOT / ".tools" / "node_modules" / ".bin"
if str(_bun_bin) not in os.environ.get("PATH", ""):
    os.environ["PATH"] = f"{_bun_bin}{os.pathsep}{os.environ.get('PATH', '')}"

# One Playwright driver and browser for the whole session, whatever folder a
# test lives in (a second sync driver in one process is refused).
from tests.browser.support import (  # noqa: E402, F401
    browser,
    new_context,
    phone,
    playwright_driver,
    profile_page,
    tablet,
)

__all__ = ["ARTIFACTS", "NEUTRAL_URL", "ROOT"]


@pytest.fixture(scope="session")
def harness():
    from reflex.testing import AppHarnessProd

    from uglymugs_app.services.database import get_engine
    from uglymugs_app.settings import get_settings

    get_settings.cache_clear()
    get_engine.cache_clear()
    with AppHarnessProd.create(root=ROOT, app_name="uglymugs_app") as running:
        yield running


@pytest.fixture(scope="session")
def app_url(harness) -> str:
    return harness.frontend_url.rstrip("/")


@pytest.fixture(scope="session")
def api_url(harness) -> str:
    from reflex.config import get_config

    return get_config().api_url.rstrip("/")


@pytest.fixture
def app_environment(monkeypatch):
    """Point the app's own settings and engine (as the lifespan and CLI read them)
    at the environment given: ``configure(DATABASE_URL=..., ...)``."""
    from uglymugs_app.services.database import get_engine
    from uglymugs_app.settings import get_settings

    def configure(**environment: str) -> None:
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield configure
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_scratch, ignore_errors=True)


def run_async(coroutine):
    """Run a coroutine to completion on a fresh event loop in its own thread.

    Playwright's sync API keeps an event loop running in the main thread for
    the rest of the session once a browser test has started, and
    ``asyncio.run`` refuses to start inside it.
    """
    import asyncio
    import threading

    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=target, name="run-async")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
