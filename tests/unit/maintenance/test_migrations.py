"""Migrations reach head on an empty database and match the models exactly."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import uglymugs_app.models  # noqa: F401
from uglymugs_app.services.maintenance.migrations import is_at_head, upgrade_to_head


def _assert_no_drift(url: str, **engine_args) -> None:
    engine = create_engine(url, **engine_args)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "target_metadata": SQLModel.metadata}
            )
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_empty_sqlite_database_reaches_head_without_drift(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert not is_at_head(url)
    upgrade_to_head(url)
    assert is_at_head(url)
    _assert_no_drift(url)
    upgrade_to_head(url)  # idempotent: a second start changes nothing
    assert is_at_head(url)


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="TEST_DATABASE_URL does not point at PostgreSQL (set by .ci/run)",
)
def test_empty_postgresql_schema_reaches_head_without_drift():
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"migration_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options=-csearch_path%3D{schema}"
    try:
        assert not is_at_head(url)
        upgrade_to_head(url)
        assert is_at_head(url)
        _assert_no_drift(url)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
