"""A fresh SQLite database file and test-made instance secrets per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session, SQLModel

import uglymugs_app.models  # noqa: F401  (registers every table)
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.reports.submission import IdentifierInput, ReportSubmission
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings


def make_secrets(**overrides) -> InstanceSecrets:
    values = dict(session_key=os.urandom(32), index_keys={"1": os.urandom(32)},
                  index_key_id="1", field_key=os.urandom(32), vapid_private_pem="")
    values.update(overrides)
    return InstanceSecrets(**values)


@pytest.fixture
def secrets() -> InstanceSecrets:
    return make_secrets()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, instance_dir=tmp_path / "instance",
                    check_limit_per_hour=3, check_limit_per_day=5)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def engine(db_path):
    engine = build_engine(f"sqlite:///{db_path}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def submission(**overrides) -> ReportSubmission:
    """A complete report form; tests override what they are about."""
    values = dict(
        client_id=uuid.uuid4(), incident_date=date(2025, 3, 14), part_of_day="night",
        region="utrecht", place_kind="hotel", incident_types=["physical_violence", "robbery"],
        narrative="He hit me in room twelve and took my phone and the money from my bag.",
        area="Lombok", urgent=False,
        identifiers=[IdentifierInput("phone", "06-12345678"),
                     IdentifierInput("email", "Bad.Client@Example.nl"),
                     IdentifierInput("plate", "12-ABC-3"),
                     IdentifierInput("handle", "@johnny_b", platform="telegram"),
                     IdentifierInput("name", "  Johnny  ")],
        appearance={"gender": "man", "age_range": "35_44", "build": "heavy",
                    "languages": ["nl", "en"], "marks": "snake tattoo on left arm"},
    )
    values.update(overrides)
    return ReportSubmission(**values)
