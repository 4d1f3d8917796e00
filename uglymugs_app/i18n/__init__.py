"""Message catalogues. Every UI string comes from here.

Catalogues are flat JSON files ``<code>.json`` of ``key -> text`` with
``{placeholder}`` fields. A feature may keep its own strings in a folder of
its own, ``<feature>/<code>.json``; a language's catalogue is the union of its
files (a key defined twice is an error). English is complete by definition
and is the fallback for any key a catalogue lacks.
"""

from __future__ import annotations

import json
import string
from functools import lru_cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).parent
FALLBACK = "en"
# Native names, so she can find her language without reading the current one.
LANGUAGES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "ro": "Română",
    "bg": "Български",
    "hu": "Magyar",
    "pl": "Polski",
    "es": "Español",
    "pt": "Português",
    "th": "ไทย",
}


@lru_cache
def catalogue(language: str) -> dict[str, str]:
    """The complete catalogue for a language, English filling any gap."""
    base = _load(FALLBACK)
    if language == FALLBACK or language not in LANGUAGES:
        return base
    return {**base, **_load(language)}


def catalogue_files(language: str) -> list[Path]:
    """The files of one language: the main one, then each feature's."""
    return [CATALOGUE_DIR / f"{language}.json", *sorted(CATALOGUE_DIR.glob(f"*/{language}.json"))]


def _load(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(language):
        texts = json.loads(path.read_text(encoding="utf-8"))
        twice = merged.keys() & texts.keys()
        if twice:
            raise ValueError(f"{path.name}: keys defined twice: {sorted(twice)}")
        merged.update(texts)
    return merged


def raw_catalogue(language: str) -> dict[str, str]:
    """The catalogue as written, without fallback (for completeness checks)."""
    return _load(language)


def translate(language: str, key: str, **values: object) -> str:
    text = catalogue(language).get(key, key)
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def supported(language: str | None) -> str:
    """A supported language code, or the fallback."""
    return language if language in LANGUAGES else FALLBACK


def negotiate(accept_language: str | None, default: str = FALLBACK) -> str:
    """Pick the best supported language from an Accept-Language header."""
    if not accept_language:
        return default
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else default
