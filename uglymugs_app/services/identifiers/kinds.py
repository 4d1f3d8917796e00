"""Normalising the identifiers of a client: phone, e-mail, handle, plate, name.

The same client must give the same normalised value however she typed it,
because the blind index is computed over it: ``06-12345678``,
``+31 6 1234 5678`` and ``0031612345678`` are one number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.vocabulary import HANDLE_PLATFORMS

DEFAULT_REGION = "NL"
MAX_RAW_LENGTH = 254
_HANDLE_RE = re.compile(r"^[a-z0-9._\-+]{1,64}$")
_PHONE_CHARS_RE = re.compile(r"^[0-9+()\-./\s]+$")
_PLATE_RAW_RE = re.compile(r"^[A-Za-z0-9]{1,8}([\s\-][A-Za-z0-9]{1,4}){0,3}$")


class IdentifierKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    PLATE = "plate"
    NAME = "name"


# Kinds that can link reports and be checked; a first name is too common to
# say two reports are about one man, and is never published.
MATCHABLE_KINDS = (
    IdentifierKind.PHONE, IdentifierKind.EMAIL, IdentifierKind.HANDLE, IdentifierKind.PLATE,
)


@dataclass(frozen=True)
class Identifier:
    """A normalised identifier. For a handle ``value`` is ``platform:handle``."""

    kind: IdentifierKind
    value: str


def normalise_phone(raw: str) -> str:
    """A phone number in E.164 (``+31612345678``); Dutch unless it says otherwise."""
    text = _bounded(raw, "phone")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise IdentifierError("identifier.phone.invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise IdentifierError("identifier.phone.invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str:
    """An e-mail address, validated for syntax only and lower-cased whole."""
    text = _bounded(raw, "email")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise IdentifierError("identifier.email.invalid") from None
    # Mail servers nearly all ignore case in the local part; one man, one value.
    return result.normalized.lower()


def normalise_handle(raw: str, *, platform: str) -> str:
    """``platform:handle`` with the handle lower-cased and a leading ``@`` dropped."""
    if platform not in HANDLE_PLATFORMS:
        raise IdentifierError("identifier.handle.platform")
    handle = unicodedata.normalize("NFKC", _bounded(raw, "handle")).lower().lstrip("@")
    if not _HANDLE_RE.match(handle):
        raise IdentifierError("identifier.handle.invalid")
    return f"{platform}:{handle}"


def normalise_plate(raw: str) -> str:
    """Upper-case letters and digits only: ``12-ABC-3`` and ``12abc3`` are ``12ABC3``."""
    text = unicodedata.normalize("NFKD", _bounded(raw, "plate"))
    plate = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
    if not 2 <= len(plate) <= 10:
        raise IdentifierError("identifier.plate.invalid")
    return plate


def normalise_name(raw: str) -> str:
    """The name he used, case-folded with whitespace collapsed."""
    name = " ".join(unicodedata.normalize("NFKC", _bounded(raw, "name")).split()).casefold()
    if not name or len(name) > 100:
        raise IdentifierError("identifier.name.invalid")
    return name


def normalise(*, kind: str, raw: str, platform: str | None = None) -> Identifier:
    """Normalise ``raw`` as an identifier of ``kind``; raises ``IdentifierError``."""
    try:
        identifier_kind = IdentifierKind(kind)
    except ValueError:
        raise IdentifierError("identifier.kind.invalid") from None
    if identifier_kind is IdentifierKind.HANDLE:
        return Identifier(identifier_kind, normalise_handle(raw, platform=platform or ""))
    normaliser = {
        IdentifierKind.PHONE: normalise_phone,
        IdentifierKind.EMAIL: normalise_email,
        IdentifierKind.PLATE: normalise_plate,
        IdentifierKind.NAME: normalise_name,
    }[identifier_kind]
    return Identifier(identifier_kind, normaliser(raw))


def detect_kind(raw: str) -> IdentifierKind | None:
    """Guess what she pasted into the check box: phone, e-mail, plate or handle.

    A guess for the form to preselect; she can correct it. Returns None for
    empty input. Digits-only text is a phone number (Dutch plates always have
    letters); letters and digits in dash-separated groups, or six of them
    together (every Dutch sidecode has six), are a plate; the rest a handle.
    """
    text = raw.strip()
    if not text:
        return None
    if text.startswith("@"):
        return IdentifierKind.HANDLE
    if "@" in text:
        return IdentifierKind.EMAIL
    digits = sum(ch.isdigit() for ch in text)
    if _PHONE_CHARS_RE.match(text) and digits >= 6:
        return IdentifierKind.PHONE
    compact = re.sub(r"[\s\-]", "", text)
    has_letter = any(ch.isalpha() for ch in compact)
    plate_shaped = _PLATE_RAW_RE.match(text) and (compact != text or len(compact) == 6)
    if plate_shaped and 4 <= len(compact) <= 8 and digits and has_letter:
        return IdentifierKind.PLATE
    return IdentifierKind.HANDLE


def _bounded(raw: str, kind: str) -> str:
    text = (raw or "").strip()
    if not text or len(text) > MAX_RAW_LENGTH:
        raise IdentifierError(f"identifier.{kind}.invalid")
    return text
