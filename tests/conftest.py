"""Settings shared by every test: a throw-away installation per session.
The fixtures live in tests/fixtures/ and tests/browser/support.py, loaded here.

The environment is set before the app is imported, so the settings object,
rxconfig and the app all see the test database and instance folder.
"""

import os
import shutil
import tempfile
from pathlib import Path

from tests.paths import NEUTRAL_URL, ROOT, SMTP_PORT

_scratch = Path(tempfile.mkdtemp(prefix="uglymugs-test-"))

os.environ.update(
    {
        "DATABASE_URL": f"sqlite:///{_scratch / 'app.db'}",
        "UGLYMUGS_INSTANCE_DIR": str(_scratch / "instance"),
        "UGLYMUGS_DATA_DIR": str(_scratch / "data"),
        "UGLYMUGS_QUICK_EXIT_URL": NEUTRAL_URL,
        "UGLYMUGS_ENV": "development",
        # No housekeeping rounds inside served test apps: a round landing between
        # a security test's before and after snapshots would look like a leak.
        # tests/unit/maintenance/ runs rounds explicitly.
        "UGLYMUGS_MAINTENANCE_INTERVAL_MINUTES": "0",
        # Every browser test applies from 127.0.0.1: the per-address limit on
        # applications would end the suite's registrations, not protect anyone.
        # tests/unit/members tests the limit itself.
        "UGLYMUGS_REGISTRATION_FREE_ATTEMPTS_PER_ADDRESS": "1000",
        "UGLYMUGS_SMTP_HOST": "127.0.0.1",
        "UGLYMUGS_SMTP_PORT": str(SMTP_PORT),
        "UGLYMUGS_SMTP_TLS": "none",
        "UGLYMUGS_SMTP_FROM": "Notifications <notes@example.org>",
        # Reflex on a machine without internet (see the Makefile for the same set).
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_CHECK_LATEST_VERSION": "false",
        "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0",
    }
)
os.environ.setdefault("BUN_INSTALL_CACHE_DIR", str(ROOT / ".cache" / "bun"))
os.environ.setdefault("REFLEX_DIR", str(ROOT / ".cache" / "reflex"))
_bun_bin = ROOT / ".tools" / "node_modules" / ".bin"
if str(_bun_bin) not in os.environ.get("PATH", ""):
    os.environ["PATH"] = f"{_bun_bin}{os.pathsep}{os.environ.get('PATH', '')}"

# Every shared fixture, in one place: the installation and database of a
# service test, its people, the served app and one browser for the session.
pytest_plugins = [
    "tests.fixtures.installation",
    "tests.fixtures.database",
    "tests.fixtures.people",
    "tests.fixtures.app",
    "tests.browser.support",
]


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_scratch, ignore_errors=True)
