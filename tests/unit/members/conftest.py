"""The membership fixtures (fresh database, people of every role)."""

from tests.membership.conftest import (  # noqa: F401
    admin,
    db_path,
    engine,
    member,
    moderator,
    outreach,
    secrets,
    session,
    settings,
)
