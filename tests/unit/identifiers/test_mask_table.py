"""Every published phone mask hides at least four digits, whatever the country.

With three hidden digits (1,000 candidates) a member could recover a UK or
Belgian mobile by checking candidates within her limits; four give 10,000.
"""

from __future__ import annotations

import phonenumbers
import pytest

from uglymugs_app.services.identifiers.masking import DOT, MIN_HIDDEN_DIGITS, hide_enough, mask

MOBILE, FIXED = phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE

# (country, E.164, what members see): typical mobile and fixed numbers.
TABLE = [
    ("NL", "+31612345678", "+31 6 12•• ••78"),
    ("NL", "+31201234567", "+31 20 12•• ••7"),
    ("BE", "+32470123456", "+32 470 1••• •6"),
    ("BE", "+3221234567", "+32 2 12•• ••7"),
    ("UK", "+447911123456", "+44 7911 1••• •6"),
    ("UK", "+442071234567", "+44 20 71•• ••67"),
    ("DE", "+4915123456789", "+49 1512 34•• ••9"),
    ("DE", "+4930123456", "+49 30 1••• •6"),
    ("RO", "+40721234567", "+40 721 2••• •7"),
    ("RO", "+40211234567", "+40 21 12•• ••7"),
    ("BG", "+359881234567", "+359 88 12•• ••7"),
    ("BG", "+3592123456", "+359 2 1••• •6"),
    ("PL", "+48512345678", "+48 512 3••• •8"),
    ("PL", "+48221234567", "+48 22 12•• ••7"),
    ("ES", "+34612345678", "+34 612 3••• •8"),
    ("ES", "+34912345678", "+34 912 3••• •8"),
    ("PT", "+351912345678", "+351 912 3••• •8"),
    ("PT", "+351212345678", "+351 21 23•• ••8"),
    ("TH", "+66812345678", "+66 81 23•• ••8"),
    ("TH", "+6621234567", "+66 2 12•• ••7"),
]


def _hidden_digits(masked: str) -> int:
    return masked.count(DOT)


@pytest.mark.parametrize(("country", "e164", "shown"), TABLE)
def test_mask_per_country(country, e164, shown):
    masked = mask(kind="phone", value=e164)
    assert masked == shown
    assert _hidden_digits(masked) >= MIN_HIDDEN_DIGITS
    # What shows is the number itself, in place: a member with it in her phone
    # recognises it.
    digits = e164[1:]
    visible = masked[1:].replace(" ", "")
    assert len(visible) == len(digits)
    assert all(v in (d, DOT) for v, d in zip(visible, digits, strict=True))


@pytest.mark.parametrize(
    "region",
    [
        "NL",
        "BE",
        "GB",
        "DE",
        "RO",
        "BG",
        "PL",
        "ES",
        "PT",
        "TH",
        "HU",
        "BR",
        "FR",
        "IT",
        "IE",
        "UA",
        "NG",
        "US",
    ],
)
@pytest.mark.parametrize("kind", [MOBILE, FIXED])
def test_example_numbers_of_many_countries_hide_four_digits(region, kind):
    number = phonenumbers.example_number_for_type(region, kind)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert _hidden_digits(mask(kind="phone", value=e164)) >= MIN_HIDDEN_DIGITS


@pytest.mark.parametrize(
    ("stored", "safe"),
    [
        # Masks published before the rule are made safe when shown.
        ("+44 7911 12•• •6", "+44 7911 12•• ••"),
        ("+32 470 12•• •6", "+32 470 12•• ••"),
        ("+31 6 12•• ••78", "+31 6 12•• ••78"),
    ],
)
def test_older_stored_masks_are_shown_with_four_digits_hidden(stored, safe):
    assert hide_enough(kind="phone", masked=stored) == safe
    assert hide_enough(kind="plate", masked="1•••3") == "1•••3"
