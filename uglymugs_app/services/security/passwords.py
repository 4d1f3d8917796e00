"""Password hashing with argon2id through passlib.

No composition rules (they make passwords worse, not stronger): only a length
between 10 and 128 characters. Hashes made with older parameters are
replaced on the next successful login.
"""

from __future__ import annotations

from functools import lru_cache

from passlib.context import CryptContext

from uglymugs_app.services.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 128

_context = CryptContext(schemes=["argon2"], deprecated="auto", argon2__type="ID")


def check_password_rules(password: str) -> None:
    """Raise ``InvalidInput`` when the password is too short or too long."""
    if len(password or "") < MIN_LENGTH:
        raise InvalidInput("account.password.too_short")
    if len(password) > MAX_LENGTH:
        raise InvalidInput("account.password.too_long")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, stored_hash: str | None) -> tuple[bool, str | None]:
    """``(matches, new hash or None)``; with no stored hash a dummy is verified.

    Verifying the dummy makes a login for an unknown name cost the same time
    as one with a wrong password, so timing does not reveal who is a member.
    """
    candidate = (password or "")[:MAX_LENGTH]
    if stored_hash is None:
        _context.verify(candidate, _dummy_hash())
        return False, None
    try:
        return _context.verify_and_update(candidate, stored_hash)
    except ValueError:
        return False, None


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _context.hash("not-a-password-anyone-has")
