"""The service fixtures for tests/unit/ (a database, secrets, settings per test).

Borrowed from tests/services/ until the shared fixtures live in one place.
"""

from tests.services.conftest import db_path, engine, secrets, session, settings

__all__ = ["db_path", "engine", "secrets", "session", "settings"]
