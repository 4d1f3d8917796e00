"""The services' database fixtures (a fresh SQLite file and secrets per test)."""

from tests.services.conftest import (  # noqa: F401
    db_path,
    engine,
    secrets,
    session,
    settings,
)
