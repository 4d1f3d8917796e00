"""Who is asking: the actor every service call is made for.

An ``Actor`` is built from the database session behind her token on every
request (see ``services.sessions.resolve``), never from anything the browser
says about itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from uglymugs_app.services.errors import PermissionDenied

APPLICANT = "applicant"
MEMBER = "member"
OUTREACH = "outreach"
MODERATOR = "moderator"
ADMIN = "admin"
ROLES = (APPLICANT, MEMBER, OUTREACH, MODERATOR, ADMIN)
# Verified people: they may see warnings and check numbers.
VERIFIED = (MEMBER, OUTREACH, MODERATOR, ADMIN)
STAFF = (MODERATOR, ADMIN)
# Staff must use two-factor authentication before their session opens anything.
TWO_FACTOR_ROLES = frozenset(STAFF)


@dataclass(frozen=True)
class Actor:
    member_id: int
    role: str
    working_name: str
    language: str


def require(actor: Actor | None, *roles: str) -> Actor:
    """The actor if signed in with one of ``roles`` (any role when none given)."""
    if actor is None or actor.role not in ROLES:
        raise PermissionDenied()
    if roles and actor.role not in roles:
        raise PermissionDenied()
    return actor
