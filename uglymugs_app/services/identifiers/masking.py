"""The one place where identifiers are masked for warnings and checks.

"Enough to warn, not to identify": a member who has the number in her phone
can recognise it, nobody can dial it. Every rule also caps how much it shows
relative to the length, so a short value is never shown nearly whole:

- phone: country code, the network or area code, then at most two digits at
  each end of the subscriber number, never more than half of it, and at
  least four digits of the number always hidden (``+31 6 12•• ••78``,
  ``+44 7400 1••• •6``): with fewer, a member could find the whole number
  by checking each possibility;
- e-mail: at most the first character of the part before ``@`` (none when it
  is shorter than three), then the domain (``j•••@example.nl``);
- plate: the first and the last character, at most a third of the plate;
- handle: the platform and at most the first two characters, at most a third;
- name: never shown.

The hidden part is always the same run of dots, so its length reveals nothing.
"""

from __future__ import annotations

import phonenumbers

from uglymugs_app.services.identifiers.kinds import IdentifierKind

DOT = "•"
HIDDEN = DOT * 3
# 10,000 candidates: far more than the checks a member may do to try them.
MIN_HIDDEN_DIGITS = 4


def mask(*, kind: str, value: str) -> str:
    """The masked display text of a normalised identifier ('' for a name)."""
    identifier_kind = IdentifierKind(kind)
    if identifier_kind is IdentifierKind.PHONE:
        return mask_phone(value)
    if identifier_kind is IdentifierKind.EMAIL:
        return mask_email(value)
    if identifier_kind is IdentifierKind.PLATE:
        return mask_plate(value)
    if identifier_kind is IdentifierKind.HANDLE:
        return mask_handle(value)
    return ""


def mask_phone(e164: str) -> str:
    """``+31612345678`` → ``+31 6 12•• ••78``; at least four digits always hidden."""
    number = phonenumbers.parse(e164, None)
    national = phonenumbers.national_significant_number(number)
    code_length = phonenumbers.length_of_national_destination_code(number)
    # A long "area code" would reveal most of the number; then treat it as
    # subscriber digits, which are masked.
    if code_length * 2 > len(national):
        code_length = 0
    code_length = min(code_length, max(0, len(national) - MIN_HIDDEN_DIGITS))
    area, subscriber = national[:code_length], national[code_length:]
    budget = max(0, min(4, len(subscriber) // 2, len(subscriber) - MIN_HIDDEN_DIGITS))
    head = min(2, (budget + 1) // 2)
    tail = budget - head
    shown = subscriber[:head] + DOT * (len(subscriber) - head - tail)
    shown += subscriber[len(subscriber) - tail :] if tail else ""
    groups = [shown[i : i + 4] for i in range(0, len(shown), 4)]
    parts = [f"+{number.country_code}", area, *groups]
    return " ".join(part for part in parts if part)


def hide_enough(*, kind: str, masked: str) -> str:
    """A phone mask published before the four-digit rule, with enough digits hidden.

    Masks are stored when a warning is published, from the sealed value; an
    older one (UK and Belgian mobiles showed all but three digits) is made
    safe on the way out by hiding its last shown digits.
    """
    if kind != IdentifierKind.PHONE or masked.count(DOT) >= MIN_HIDDEN_DIGITS:
        return masked
    code, _, rest = masked.partition(" ")
    chars = list(rest)
    for position in range(len(chars) - 1, -1, -1):
        if chars.count(DOT) >= MIN_HIDDEN_DIGITS:
            break
        if chars[position].isdigit():
            chars[position] = DOT
    return f"{code} {''.join(chars)}"


def mask_email(email: str) -> str:
    """``jan@example.nl`` → ``j•••@example.nl``."""
    local, _, domain = email.rpartition("@")
    return f"{_ends(local, start=1, end=0)}@{domain}"


def mask_plate(plate: str) -> str:
    """``12ABC3`` → ``1•••3``."""
    return _ends(plate, start=1, end=1)


def mask_handle(value: str) -> str:
    """``telegram:johnny`` → ``telegram: jo•••``."""
    platform, _, handle = value.partition(":")
    return f"{platform}: {_ends(handle, start=2, end=0)}"


def _ends(text: str, *, start: int, end: int) -> str:
    """Show at most ``start`` and ``end`` characters, together at most a third."""
    budget = min(start + end, len(text) // 3)
    head = min(start, budget)
    tail = min(end, budget - head)
    return text[:head] + HIDDEN + (text[len(text) - tail :] if tail else "")
