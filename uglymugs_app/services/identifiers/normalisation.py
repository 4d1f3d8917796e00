"""One normalisation for every identifier, used when a report stores it and when
a check looks it up: the blind indexes only agree if both sides agree.

The same client must give the same value however she typed or pasted it:
``06-12345678``, ``+31 6 1234 5678``, ``0031612345678``, ``tel:+31612345678``,
``https://wa.me/31612345678`` and the number with the invisible direction
marks a chat app adds when copying are one number.

Values that were valid before this module existed keep exactly the stored
form they had (E.164 phones, lower-cased e-mail, ``platform:handle``, plates
in upper-case letters and digits), so blind indexes already in the database
still match. The one deliberate change is Gmail: dots and ``+tag`` are
folded, because Google documents that they do not change the mailbox;
``legacy_forms`` gives the value an older report stored, for the check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.countries import reading_order
from uglymugs_app.services.identifiers.kinds import MAX_RAW_LENGTH, Identifier, IdentifierKind
from uglymugs_app.services.identifiers.links import Unwrapped, unwrap
from uglymugs_app.vocabulary import HANDLE_PLATFORMS

# A paste is cut long before it reaches any parser: nobody's number is 1,000 characters.
MAX_PASTE = 4 * MAX_RAW_LENGTH
HANDLE_RE = re.compile(r"^[a-z0-9._\-+]{1,64}$")
PHONE_CHARS_RE = re.compile(r"^\+?[0-9()\-./\s]+$")
# Providers documented to ignore dots and "+tag" in the part before the "@".
DOT_BLIND_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def clean(raw: str | None) -> str:
    """NFKC (full-width digits become digits), digits of any script as 0-9, no
    invisible formatting or control characters (direction marks, zero-width
    spaces), one space between words."""
    text = unicodedata.normalize("NFKC", (raw or "")[:MAX_PASTE])
    kept = (
        _plain(ch) for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc")
    )
    return " ".join("".join(kept).translate(_DASHES).split())


def _plain(ch: str) -> str:
    """Any space is a space; Thai or Arabic-Indic digits are the digits 0-9."""
    if ch.isspace():
        return " "
    if not ch.isascii() and unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    return ch


def prepare(raw: str | None, kind: str = "identifier") -> Unwrapped:
    """Cleaned and unwrapped from a link; refuses empty or over-long input.

    The bound applies after cleaning, so direction marks a chat app added do
    not make a valid number too long.
    """
    prepared = unwrap(clean(raw))
    if not prepared.text or len(prepared.text) > MAX_RAW_LENGTH:
        raise IdentifierError(f"identifier.{kind}.invalid")
    return prepared


def is_phone_shaped(text: str) -> bool:
    """Only digits and the separators people put in numbers: she meant a number."""
    return bool(PHONE_CHARS_RE.match(text)) and any(ch.isdigit() for ch in text)


def phone_readings(text: str, *, country: str | None = None) -> list[str]:
    """Every valid E.164 reading of ``text``, the most likely first.

    A number with ``+`` or ``00`` has one reading. A national number is read
    in her country, then the Netherlands; a long number without a leading 0
    (as ``wa.me`` and exported contacts write them) also as international.
    """
    compact = text.replace(" ", "")
    if compact.startswith("00"):
        text = "+" + compact[2:]
    if text.startswith("+"):
        return _valid_e164(text, [None])
    readings = _valid_e164(text, reading_order(country))
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits.startswith("0") and len(digits) >= 10:
        readings += _valid_e164("+" + digits, [None])
    return list(dict.fromkeys(readings))


def normalise_phone(raw: str, *, country: str | None = None) -> str:
    """A phone number in E.164 (``+31612345678``); national numbers read as in
    her country first, then Dutch."""
    readings = phone_readings(prepare(raw, "phone").text, country=country)
    if not readings:
        raise IdentifierError("identifier.phone.invalid")
    return readings[0]


def normalise_email(raw: str) -> str:
    """An e-mail address, syntax-checked and lower-cased; Gmail dots and +tag folded."""
    local, _, domain = _plain_email(raw).rpartition("@")
    if domain in DOT_BLIND_DOMAINS:
        local, domain = local.split("+", 1)[0].replace(".", ""), DOT_BLIND_DOMAINS[domain]
        if not local:
            raise IdentifierError("identifier.email.invalid")
    return f"{local}@{domain}"


def normalise_handle(raw: str, *, platform: str) -> str:
    """``platform:handle`` with the handle lower-cased and a leading ``@`` dropped."""
    if platform not in HANDLE_PLATFORMS:
        raise IdentifierError("identifier.handle.platform")
    handle = prepare(raw, "handle").text.lower().lstrip("@")
    if not HANDLE_RE.match(handle):
        raise IdentifierError("identifier.handle.invalid")
    return f"{platform}:{handle}"


def normalise_plate(raw: str) -> str:
    """Upper-case letters and digits only: ``12-ABC-3`` and ``12abc3`` are ``12ABC3``."""
    # NFKD, as before: an accented letter keeps its base letter.
    text = unicodedata.normalize("NFKD", prepare(raw, "plate").text)
    plate = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
    if not 2 <= len(plate) <= 10:
        raise IdentifierError("identifier.plate.invalid")
    return plate


def normalise_name(raw: str) -> str:
    """The name he used, case-folded with whitespace collapsed (never matched)."""
    text = (raw or "").strip()
    name = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    if not name or len(text) > MAX_RAW_LENGTH or len(name) > 100:
        raise IdentifierError("identifier.name.invalid")
    return name


def normalise(
    *, kind: str, raw: str, platform: str | None = None, country: str | None = None
) -> Identifier:
    """Normalise ``raw`` as an identifier of ``kind``; raises ``IdentifierError``.

    ``country``: where a national phone number is read first (her setting).
    A link pasted into a handle row (``t.me/jan``) gives its own platform
    when she chose none.
    """
    try:
        identifier_kind = IdentifierKind(kind)
    except ValueError:
        raise IdentifierError("identifier.kind.invalid") from None
    if identifier_kind is IdentifierKind.PHONE:
        return Identifier(identifier_kind, normalise_phone(raw, country=country))
    if identifier_kind is IdentifierKind.HANDLE:
        linked = prepare(raw, "handle").platform
        return Identifier(identifier_kind, normalise_handle(raw, platform=platform or linked or ""))
    normaliser = {
        IdentifierKind.EMAIL: normalise_email,
        IdentifierKind.PLATE: normalise_plate,
        IdentifierKind.NAME: normalise_name,
    }[identifier_kind]
    return Identifier(identifier_kind, normaliser(raw))


def legacy_forms(identifiers: Iterable[Identifier], raw: str) -> list[Identifier]:
    """Values reports stored before Gmail folding, for the same input.

    ``jan.jansen@gmail.com`` was stored as typed; a check for it must still
    find those reports. Only e-mail changed; every other kind gives nothing.
    """
    if not any(i.kind is IdentifierKind.EMAIL for i in identifiers):
        return []
    try:
        unfolded = Identifier(IdentifierKind.EMAIL, _plain_email(raw))
    except IdentifierError:
        return []
    return [] if unfolded in identifiers else [unfolded]


def _plain_email(raw: str) -> str:
    text = prepare(raw, "email").text
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise IdentifierError("identifier.email.invalid") from None
    # Mail servers nearly all ignore case in the local part; one man, one value.
    return result.normalized.lower()


def _valid_e164(text: str, regions: Iterable[str | None]) -> list[str]:
    found = []
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            found.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return found
