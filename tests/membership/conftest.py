"""A fresh database per test, and shortcuts to make people."""

from __future__ import annotations

import pyotp
import pytest

from tests.services.conftest import db_path, engine, make_secrets, session  # noqa: F401
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.settings import Settings

PASSWORD = "correct horse battery"
TOTP_SECRET = pyotp.random_base32()


@pytest.fixture
def secrets():
    return make_secrets()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, instance_dir=tmp_path / "instance",
                    login_free_failures_per_account=3, login_free_failures_per_address=6)


def actor_of(member) -> Actor:
    return Actor(member_id=member.id, role=member.role, working_name=member.working_name,
                 language=member.language)


@pytest.fixture
def moderator(session, secrets):  # noqa: F811
    member = create_account(session, working_name="Mod Anna", password=PASSWORD,
                            role="moderator", totp_secret=TOTP_SECRET, secrets=secrets)
    return actor_of(member)


@pytest.fixture
def admin(session, secrets):  # noqa: F811
    member = create_account(session, working_name="Admin Bo", password=PASSWORD, role="admin",
                            totp_secret=TOTP_SECRET, secrets=secrets)
    return actor_of(member)


@pytest.fixture
def outreach(session):  # noqa: F811
    return actor_of(create_account(session, working_name="Outreach Cas", password=PASSWORD,
                                   role="outreach"))


@pytest.fixture
def member(session):  # noqa: F811
    return actor_of(create_account(session, working_name="Roxy", password=PASSWORD,
                                   role="member", regions=["utrecht"]))
