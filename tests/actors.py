"""Actors for tests that call staff services directly (seeding, assertions).

The app builds an ``Actor`` from her database session; a test that seeds a
report or a warning without a browser stands in for that with these.
"""

from uglymugs_app.models import Role
from uglymugs_app.services.actors import Actor


def acting(member_id: int, role: Role | str = Role.MODERATOR) -> Actor:
    """An actor with ``role`` (a plain string too, to forge an unknown role)."""
    return Actor(member_id=member_id, role=role, working_name=f"Tester {member_id}", language="en")
