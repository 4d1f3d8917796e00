"""The production configuration, for real: PostgreSQL, Redis and several workers.

`reflex run --env prod` serves a copy of the app (``tests/production/server.py``)
with three backend workers sharing state through Redis and data through
PostgreSQL. Skipped without the servers (`.ci/run` points at the ones CI
machines have).
"""

from __future__ import annotations

import os

import pytest

from tests.production.server import scratch_database, serve

DATABASE = os.environ.get("TEST_DATABASE_URL", "")
REDIS = os.environ.get("TEST_REDIS_URL", "")
WORKERS = 3

needs_servers = pytest.mark.skipif(
    not (DATABASE.startswith("postgresql") and REDIS.startswith("redis")),
    reason="TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL not both set (.ci/run sets them)",
)


@pytest.fixture(scope="session")
def production_database():
    with scratch_database(DATABASE) as url:
        yield url


@pytest.fixture(scope="session")
def production_server(production_database, tmp_path_factory):
    """The app served by several workers on PostgreSQL + Redis (url, process, database_url)."""
    with serve(
        database_url=production_database,
        redis_url=REDIS,
        workers=WORKERS,
        folder=tmp_path_factory.mktemp("production"),
    ) as server:
        yield server
