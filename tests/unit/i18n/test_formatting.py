"""Dates, numbers and plurals follow each language's own rules (Babel/CLDR)."""

from datetime import date, datetime

import pytest

from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.i18n.formatting import format_date, format_number, plural, plural_category

STEM = "auth.login.throttled"


@pytest.mark.parametrize(
    ("count", "word"),
    [(1, "sekundę"), (3, "sekundy"), (5, "sekund"), (22, "sekundy"), (25, "sekund")],
)
def test_polish_has_three_plural_forms(count, word):
    assert f" {count} {word} " in plural("pl", STEM, count)


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 secundă"), (3, "3 secunde"), (20, "20 de secunde")]
)
def test_romanian_says_de_from_twenty(count, expected):
    assert expected in plural("ro", STEM, count)


def test_english_and_dutch_singular_and_plural():
    assert "1 second " in plural("en", STEM, 1)
    assert "2 seconds" in plural("en", STEM, 2)
    assert "1 seconde " in plural("nl", STEM, 1)


def test_thai_has_one_form():
    assert plural_category("th", 1) == "other"
    assert "รอ 1 วินาที" in plural("th", STEM, 1)


def test_numbers_use_the_languages_separators():
    assert format_number("en", 15122.5) == "15,122.5"
    assert format_number("nl", 15122.5) == "15.122,5"
    assert format_number("bg", 15122.5).replace("\u00a0", " ") == "15 122,5"


def test_dates_in_each_language():
    day = date(2025, 3, 14)
    assert format_date("nl", day) == "14 mrt 2025"
    assert format_date("en", datetime(2025, 3, 14, 23, 5)) == "14 Mar 2025"
    assert "มี.ค." in format_date("th", day)
    assert format_date("bg", day, style="long").startswith("14 март 2025")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_formats(language):
    assert format_date(language, date(2025, 1, 2))
    assert plural(language, STEM, 7).count("7") == 1
