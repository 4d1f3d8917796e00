"""The kinds of identifier a client can be known by, and the normalised value.

How raw text becomes an ``Identifier`` lives in ``normalisation`` (one value)
and ``candidates`` (everything an input to the check could be).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_REGION = "NL"
MAX_RAW_LENGTH = 254


class IdentifierKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    PLATE = "plate"
    NAME = "name"


# Kinds that can link reports and be checked; a first name is too common to
# say two reports are about one man, and is never published.
MATCHABLE_KINDS = (
    IdentifierKind.PHONE,
    IdentifierKind.EMAIL,
    IdentifierKind.HANDLE,
    IdentifierKind.PLATE,
)


@dataclass(frozen=True)
class Identifier:
    """A normalised identifier. For a handle ``value`` is ``platform:handle``."""

    kind: IdentifierKind
    value: str
