"""Who is asking: the actor every service call is made for, and the one check.

An ``Actor`` is built from the database session behind her token on every
request (see ``services.security.sessions.resolve``), never from anything the
browser says about itself. A service that decides who may act takes
``actor: Actor`` and asks ``require`` first; roles are the one ``Role`` enum
of the models.
"""

from __future__ import annotations

from dataclasses import dataclass

from uglymugs_app.models.membership import Role
from uglymugs_app.services.errors import PermissionDenied

# Verified people: they may see warnings and check numbers.
VERIFIED = (Role.MEMBER, Role.OUTREACH, Role.MODERATOR, Role.ADMIN)
STAFF = (Role.MODERATOR, Role.ADMIN)
# Staff must use two-factor authentication before their session opens anything.
TWO_FACTOR_ROLES = frozenset(STAFF)
_KNOWN = frozenset(Role)


@dataclass(frozen=True)
class Actor:
    member_id: int
    role: Role
    working_name: str
    language: str


def require(actor: Actor | None, *roles: Role) -> Actor:
    """The actor if signed in with one of ``roles`` (any role when none given);
    ``PermissionDenied`` otherwise."""
    if actor is None or actor.role not in _KNOWN:
        raise PermissionDenied()
    if roles and actor.role not in roles:
        raise PermissionDenied()
    return actor


__all__ = ["STAFF", "TWO_FACTOR_ROLES", "VERIFIED", "Actor", "Role", "require"]
