"""A fresh database and instance secrets per test (the service tests' fixtures)."""

from tests.services.conftest import db_path, engine, secrets, session, settings  # noqa: F401
