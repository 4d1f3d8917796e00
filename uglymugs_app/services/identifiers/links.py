"""Identifiers as they arrive from other apps: links and text around them.

A worker copies from a chat, an ad site or her call log: ``tel:+31...``,
``https://wa.me/316...``, ``t.me/jan``, ``mailto:jan@...?subject=...`` or a
whole message ("bel me op 06 12345678"). Each becomes the bare value, with
the kind (and platform) the link says it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.kinds import IdentifierKind

_SCHEMES = {
    "tel": IdentifierKind.PHONE,
    "sms": IdentifierKind.PHONE,
    "smsto": IdentifierKind.PHONE,
    "callto": IdentifierKind.PHONE,
    "mailto": IdentifierKind.EMAIL,
}
# Sites whose address names an account (or, for WhatsApp, a phone number).
_SITES = {
    "wa.me": "whatsapp",
    "api.whatsapp.com": "whatsapp",
    "web.whatsapp.com": "whatsapp",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "instagram.com": "instagram",
    "x.com": "x",
    "twitter.com": "x",
    "tiktok.com": "tiktok",
    "onlyfans.com": "onlyfans",
    "snapchat.com": "snapchat",
    "facebook.com": "facebook",
}
_SITE_RE = re.compile(r"^(?:https?://)?(?:www\.|m\.|mobile\.)?([a-z0-9.-]+)(/\S*)?$", re.I)
# Pieces of a longer text that can each be one identifier; links and e-mail
# first, so the digits inside them are not taken for a phone number.
_PIECES = (
    re.compile(r"(?:https?://|\b(?:wa|t)\.me/|\b(?:tel|sms|smsto|callto|mailto):)\S+", re.I),
    re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[a-z]{2,}", re.I),
    re.compile(r"(?<![\w+])\+?\(?\d[\d \-./()]{4,}\d(?!\w)"),
    re.compile(r"(?<![\w@])@[a-z0-9._\-]{2,64}", re.I),
    re.compile(
        r"(?<![\w-])(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9]{1,3}(?:-[a-z0-9]{1,3}){2}"
        r"(?![\w-])",
        re.I,
    ),
)
_TRAILING = ".,;:!?)]}>\"'"
_PAIRS = {("<", ">"), ("(", ")"), ("[", "]"), ('"', '"'), ("'", "'"), ("“", "”")}


@dataclass(frozen=True)
class Unwrapped:
    """The bare value, with the kind and platform its link form said (if any)."""

    text: str
    kind: IdentifierKind | None = None
    platform: str | None = None


def unwrap(text: str) -> Unwrapped:
    """The identifier inside a ``tel:``/``sms:``/``mailto:`` link or a site address."""
    while len(text) >= 2 and (text[0], text[-1]) in _PAIRS:
        text = text[1:-1].strip()  # <jan@example.nl>, "06 12345678"
    scheme, colon, rest = text.partition(":")
    if colon and scheme.lower() in _SCHEMES:
        value = unquote(rest.split("?", 1)[0].split(";", 1)[0]).strip().lstrip("/")
        return Unwrapped(value, _SCHEMES[scheme.lower()])
    site = _SITE_RE.match(text)
    platform = _SITES.get(site.group(1).lower()) if site else None
    if site is None or platform is None:
        return Unwrapped(text)
    parts = urlsplit(text if "://" in text else "https://" + text)
    phone = parse_qs(parts.query).get("phone", [""])[0]
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if platform == "snapchat" and segments[:1] == ["add"]:
        segments = segments[1:]
    value = phone or (segments[0] if segments else "")
    if platform == "whatsapp" or value.startswith("+"):
        digits = "".join(ch for ch in value if ch.isdigit())
        return Unwrapped("+" + digits if digits else "", IdentifierKind.PHONE)
    return Unwrapped(value.lstrip("@"), IdentifierKind.HANDLE, platform)


def single_piece(text: str) -> str | None:
    """The one identifier-like piece in a longer text; None when there is none.

    Two different pieces ("his number 06... and mine 06...") are refused:
    guessing which one she meant could check the wrong man.
    """
    rest, found = text, []
    for pattern in _PIECES:
        for match in pattern.finditer(rest):
            found.append(match.group(0).rstrip(_TRAILING))
        rest = pattern.sub(" ", rest)
    distinct = list(dict.fromkeys(piece for piece in found if piece))
    if len(distinct) > 1:
        raise IdentifierError("identifier.several")
    return distinct[0] if distinct else None
