"""A fresh database on SQLite or on PostgreSQL, for tests that run on both.

PostgreSQL is the one named by ``TEST_DATABASE_URL``; each test gets a schema
of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import uglymugs_app.models  # noqa: F401  (registers every table)
from uglymugs_app.services.database import build_engine

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not point at PostgreSQL (set by .ci/run)")
    return url


def fresh_engine(kind: str, tmp_path) -> Iterator[Engine]:
    """Yield an engine with every table created, on ``sqlite`` or ``postgresql``."""
    if kind == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'both.db'}")
        SQLModel.metadata.create_all(engine)
        yield engine
        engine.dispose()
        return
    url = postgres_url()
    schema = f"unit_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, pool_size=12,
                           connect_args={"options": f"-csearch_path={schema}"})
    SQLModel.metadata.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=ENGINES)
def both_engines(request, tmp_path) -> Iterator[Engine]:
    yield from fresh_engine(request.param, tmp_path)
