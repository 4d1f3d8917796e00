"""Which country a phone number without a country code comes from.

A member sets the country most of her clients' national numbers come from;
until she does, her language decides. A Romanian worker in Amsterdam types
``0721 234 567`` for a Romanian client: read as Dutch, that is a different
man (or no number at all), and the check would answer "no reports" wrongly.
So every national number is read in her country first and in the
Netherlands too (the app serves workers in the Netherlands).
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from uglymugs_app.services.identifiers.kinds import DEFAULT_REGION

# Portuguese in this app is Brazilian Portuguese: many Portuguese-speaking
# workers in the Netherlands are Brazilian, and their clients text from home
# numbers as often as Dutch ones. A worker from Portugal picks PT once.
LANGUAGE_COUNTRY = {
    "nl": "NL",
    "en": "NL",
    "ro": "RO",
    "bg": "BG",
    "hu": "HU",
    "pl": "PL",
    "es": "ES",
    "pt": "BR",
    "th": "TH",
}

# The countries she can choose from: the Netherlands, its neighbours and the
# countries members and their clients most often come from.
CLIENT_COUNTRIES = (
    "NL",
    "BE",
    "DE",
    "FR",
    "GB",
    "IE",
    "RO",
    "BG",
    "HU",
    "PL",
    "CZ",
    "SK",
    "UA",
    "ES",
    "PT",
    "IT",
    "BR",
    "CO",
    "DO",
    "VE",
    "TH",
    "PH",
    "NG",
    "GH",
    "MA",
    "TR",
    "SR",
)


def default_country(language: str) -> str:
    """The country her language suggests (the Netherlands when unknown)."""
    return LANGUAGE_COUNTRY.get(language, DEFAULT_REGION)


def member_country(*, chosen: str, language: str) -> str:
    """Her own choice when she made one, else the country of her language."""
    return chosen if chosen in CLIENT_COUNTRIES else default_country(language)


def reading_order(country: str | None) -> tuple[str, ...]:
    """The countries a national number is read in: hers first, then the Netherlands."""
    first = country if country in CLIENT_COUNTRIES else DEFAULT_REGION
    return tuple(dict.fromkeys((first, DEFAULT_REGION)))


def country_name(country: str, language: str) -> str:
    """The country's name in her language (from CLDR, so no catalogue entries)."""
    try:
        return Locale.parse(language).territories.get(country, country)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en").territories.get(country, country)
