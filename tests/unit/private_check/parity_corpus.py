"""The shared corpus for normalisation parity (browser vs server).

``python -m tests.unit.private_check.parity_corpus`` writes
tests/unit/private_check/phone_parity.json: numbers of ten countries, each written the ways
members paste them, with the readings and masks the server gives. The
browser bundle must give the same, byte for byte (test_parity.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from tests.fixtures.server_lookup import described
from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.candidates import candidates

CORPUS = Path(__file__).resolve().parent / "phone_parity.json"
COUNTRIES = ("NL", "BE", "DE", "GB", "RO", "BG", "HU", "PL", "ES", "TH")
TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE)
# Her country setting for each written form: a national number reads differently.
SETTINGS = ("NL", "RO", "TH")


def _numbers(country: str) -> list[phonenumbers.PhoneNumber]:
    found = []
    for kind in TYPES:
        example = phonenumbers.example_number_for_type(country, kind)
        if example is None:
            continue
        national = str(example.national_number)
        for step in range(18):
            # Vary the last digits: most stay valid, some do not (both are compared).
            tail = str((int(national[-3:]) + 137 * step) % 1000).zfill(3)
            found.append(phonenumbers.parse(f"+{example.country_code}{national[:-3]}{tail}"))
    return found


def _written(number: phonenumbers.PhoneNumber) -> list[str]:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return [
        e164,
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        national,
        "00" + e164[1:],
        phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),
        f"https://wa.me/{e164[1:]}",
        "\u202a" + national.replace(" ", "-") + "\u202c",
        f"bel me op {national}",
    ]


def expected(raw: str, country: str) -> dict:
    """What the server makes of ``raw``: its readings and masks, or the refusal."""
    try:
        found = candidates(raw, country=country)
    except IdentifierError as error:
        return {"error": error.key}
    return {
        "readings": [f"{i.kind.value}:{i.value}" for i in found],
        "masked": [f"{d.kind} {d.masked}" for d in described(found)],
    }


def build() -> list[dict]:
    cases = []
    for country in COUNTRIES:
        for index, number in enumerate(_numbers(country)):
            for form, raw in enumerate(_written(number)):
                setting = SETTINGS[(index + form) % len(SETTINGS)]
                cases.append({"raw": raw, "country": setting, **expected(raw, setting)})
    return cases


if __name__ == "__main__":
    cases = build()
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    CORPUS.write_text(f"[\n{lines}\n]\n")
    print(f"{len(cases)} cases written to {CORPUS}")
