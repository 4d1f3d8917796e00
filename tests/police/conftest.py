"""A fresh database per test with a moderator, an admin and a reporting member."""

from tests.membership.conftest import (  # noqa: F401
    admin,
    member,
    moderator,
    secrets,
    settings,
)
from tests.services.conftest import db_path, engine, session  # noqa: F401
