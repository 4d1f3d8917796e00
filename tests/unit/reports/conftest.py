"""A fresh database and people of every role (the membership fixtures)."""

from tests.membership.conftest import (  # noqa: F401
    db_path,
    engine,
    member,
    moderator,
    outreach,
    secrets,
    session,
    settings,
)
