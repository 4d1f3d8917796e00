"""A fresh database per test with a moderator and a reporting member."""

from tests.police.conftest import (  # noqa: F401
    admin,
    db_path,
    engine,
    member,
    moderator,
    secrets,
    session,
    settings,
)
