"""Everything an input to the check could be: looked up, not guessed.

``jan123`` could be a plate or an account name, ``0721 234 567`` a Romanian
mobile or a Dutch landline. Choosing one reading would answer "no reports"
about the other man. So every plausible reading is returned, each
normalised exactly as a report stores it, and the check looks them all up.
She can narrow it with the kind selector.
"""

from __future__ import annotations

import re

from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS, Identifier, IdentifierKind
from uglymugs_app.services.identifiers.links import single_piece
from uglymugs_app.services.identifiers.normalisation import (
    clean,
    is_phone_shaped,
    legacy_forms,
    normalise,
    phone_readings,
    prepare,
)
from uglymugs_app.vocabulary import HANDLE_PLATFORMS

# Letters and digits, in at most four groups split by a space, dash or dot:
# every Dutch sidecode and the common European formats (B-123-ABC, M AB 1234).
_PLATE_RE = re.compile(r"^[a-z0-9]{1,8}(?:[\s\-.][a-z0-9]{1,4}){0,3}$", re.I)


def candidates(
    raw: str, *, kind: str | None = None, platform: str | None = None, country: str | None = None
) -> list[Identifier]:
    """The identifiers ``raw`` could be, most likely first; never empty.

    ``kind`` (her selector) limits the readings to one kind; ``platform``
    a handle to one platform; ``country`` is where national numbers are
    read first. Raises ``IdentifierError`` with a message key when the
    input is no identifier of any checkable kind.
    """
    if kind:
        _checkable(kind)
    text = clean(raw)
    if not text:
        raise IdentifierError("identifier.empty")
    found = _readings(text, kind, platform, country)
    if not found and " " in text:
        piece = single_piece(text)
        if piece:
            text, found = piece, _readings(piece, kind, platform, country)
    if not found:
        raise IdentifierError(_why_not(text, kind))
    return found + legacy_forms(found, text)


def _checkable(kind: str) -> None:
    try:
        chosen = IdentifierKind(kind)
    except ValueError:
        raise IdentifierError("identifier.kind.invalid") from None
    if chosen not in MATCHABLE_KINDS:
        raise IdentifierError("identifier.kind.not_checkable")


def _readings(
    text: str, kind: str | None, platform: str | None, country: str | None
) -> list[Identifier]:
    try:
        linked = prepare(text)
    except IdentifierError:
        return []
    value = linked.text
    kinds = [IdentifierKind(kind)] if kind else _plausible_kinds(value, linked.kind)
    if linked.kind and linked.kind not in kinds:
        return []  # a mailto: link is no phone number, whatever she selected
    found: list[Identifier] = []
    for each in kinds:
        if each is IdentifierKind.PHONE:
            found += [Identifier(each, e164) for e164 in phone_readings(value, country=country)]
        elif each is IdentifierKind.HANDLE:
            chosen = platform or linked.platform
            found += _each_platform(value, [chosen] if chosen else HANDLE_PLATFORMS)
        else:
            try:
                found.append(normalise(kind=each, raw=value))
            except IdentifierError:
                pass
    return list(dict.fromkeys(found))


def _plausible_kinds(text: str, linked: IdentifierKind | None) -> list[IdentifierKind]:
    if linked:
        return [linked]
    if "@" in text.lstrip("@"):
        return [IdentifierKind.EMAIL]
    if text.startswith("@"):
        return [IdentifierKind.HANDLE]
    if is_phone_shaped(text):
        # Digits only: a number she mistyped must say so, not become an
        # account name that is "not reported".
        return [IdentifierKind.PHONE]
    kinds = []
    compact = re.sub(r"[\s\-.]", "", text)
    if (
        _PLATE_RE.match(text)
        and 4 <= len(compact) <= 8
        and any(ch.isdigit() for ch in compact)
        and any(ch.isalpha() for ch in compact)
    ):
        kinds.append(IdentifierKind.PLATE)
    kinds.append(IdentifierKind.HANDLE)
    return kinds


def _each_platform(text: str, platforms) -> list[Identifier]:
    """The handle on each platform: normalised once, the platform is only a prefix."""
    try:
        first = normalise(kind="handle", raw=text, platform=platforms[0])
    except IdentifierError:
        return []
    handle = first.value.partition(":")[2]
    return [Identifier(IdentifierKind.HANDLE, f"{name}:{handle}") for name in platforms]


def _why_not(text: str, kind: str | None) -> str:
    """The message key that tells her best what to correct."""
    if kind:
        return f"identifier.{kind}.invalid"
    if "@" in text.lstrip("@"):
        return "identifier.email.invalid"
    if is_phone_shaped(text) or prepare_kind(text) is IdentifierKind.PHONE:
        return "identifier.phone.invalid"
    return "identifier.kind.invalid"


def prepare_kind(text: str) -> IdentifierKind | None:
    """The kind a link form names (``tel:`` → phone), if the text is one."""
    try:
        return prepare(text).kind
    except IdentifierError:
        return None
