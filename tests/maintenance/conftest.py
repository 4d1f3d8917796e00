"""The service tests' SQLite database, secrets and settings; the push tests'
PostgreSQL schema; and an installation whose app settings use that database."""

import pytest

from tests.push.conftest import pg_engine  # noqa: F401
from tests.services.conftest import db_path, engine, secrets, session, settings  # noqa: F401
from uglymugs_app.services.database import get_engine
from uglymugs_app.settings import get_settings


@pytest.fixture
def installation(engine, db_path, monkeypatch):  # noqa: F811
    """The app's own settings and engine (as the lifespan and CLI use them) on the test database."""
    def configure(**environment: str) -> None:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db_path}")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield configure
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()

