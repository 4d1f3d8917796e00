"""The service tests' SQLite database, secrets and settings; the push tests'
PostgreSQL schema; and an installation whose app settings use that database."""

import pytest

from tests.push.conftest import pg_engine  # noqa: F401
from tests.services.conftest import db_path, engine, secrets, session, settings  # noqa: F401


@pytest.fixture
def installation(engine, db_path, app_environment):  # noqa: F811
    """The app's own settings and engine (as the lifespan and CLI use them) on the test database."""
    def configure(**environment: str) -> None:
        app_environment(DATABASE_URL=f"sqlite:///{db_path}", **environment)

    return configure
