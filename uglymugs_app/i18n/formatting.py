"""Dates, numbers and plurals in her language, through Babel (CLDR data).

Plurals live in the catalogues as one key per CLDR plural category, under a
common stem::

    "auth.login.throttled.one":   "Wait {count} second and try again.",
    "auth.login.throttled.other": "Wait {count} seconds and try again."

English gives ``.one`` and ``.other``; both are what makes a stem a plural
(vocabularies have a plain code "other", e.g. ``incident.other``). Every
other catalogue gives the same keys plus the categories its own language needs (Polish ``.few`` and
``.many``, Romanian ``.few``, Spanish and Portuguese ``.many``; Thai only
uses ``.other`` but keeps ``.one`` for completeness). ``plural()`` asks
Babel which category ``count`` falls in and falls back to ``.other``. The
catalogue test checks each language has every category Babel lists for it.
The count is always available as ``{count}``, formatted for the language.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from uglymugs_app.i18n import catalogue, supported

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# English as written in Europe (14 Mar 2025), not the US default (Mar 14).
_LOCALES = {"en": "en_GB"}


@lru_cache
def locale(language: str) -> Locale:
    """The one Babel locale of a language code (unsupported codes: English)."""
    code = supported(language)
    return Locale.parse(_LOCALES.get(code, code))


def plural_categories(language: str) -> set[str]:
    """The plural categories a language's catalogue must give (always ``other``)."""
    return set(locale(language).plural_form.tags) | {"other"}


def plural_category(language: str, count: int | float) -> str:
    return locale(language).plural_form(count)


def format_number(language: str, number: int | float) -> str:
    """``1234.5`` as ``1.234,5`` in Dutch, ``1,234.5`` in English, and so on."""
    return format_decimal(number, locale=locale(language))


def format_date(language: str, moment: date | datetime, *, style: str = "medium") -> str:
    """A date the way her language writes it (``style``: short, medium, long, full)."""
    if isinstance(moment, datetime):
        moment = moment.date()
    return _babel_date(moment, format=style, locale=locale(language))


def format_datetime(language: str, moment: datetime, *, style: str = "short") -> str:
    return _babel_datetime(moment, format=style, locale=locale(language))


def format_month(language: str, year: int, month: int) -> str:
    """A month as her language names it: "March 2025", "maart 2025"."""
    return format_skeleton("yMMMM", date(year, month, 1), locale=locale(language))


def plural(language: str, stem: str, count: int, **values: object) -> str:
    """The text under ``stem.<category>`` for ``count``, with ``{count}`` filled."""
    texts = catalogue(supported(language))
    category = plural_category(language, count)
    text = texts.get(f"{stem}.{category}") or texts.get(f"{stem}.other") or stem
    return text.format(count=format_number(language, count), **values)


def plural_stems(keys: set[str] | dict[str, str]) -> set[str]:
    """Stems of the plural keys among English ``keys``: those with ``.one`` and
    ``.other`` (a vocabulary code "other", as in ``incident.other``, alone is not)."""
    return {
        key[: -len(".other")]
        for key in keys
        if key.endswith(".other") and key[: -len("other")] + "one" in keys
    }
