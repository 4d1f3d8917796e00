import pytest

from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.candidates import candidates
from uglymugs_app.services.identifiers.kinds import IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise


@pytest.mark.parametrize(
    "raw",
    [
        "06-12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "06 12 34 56 78",
        "(06) 1234-5678",
        "+31 (0)6 12345678",
    ],
)
def test_dutch_mobile_formats_are_one_number(raw):
    assert normalise(kind="phone", raw=raw).value == "+31612345678"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("020-1234567", "+31201234567"),
        ("+44 7911 123456", "+447911123456"),
        ("0044 7911 123456", "+447911123456"),
        ("+40 721 234 567", "+40721234567"),
        ("+359 88 123 4567", "+359881234567"),
    ],
)
def test_landline_and_foreign_numbers(raw, expected):
    assert normalise(kind="phone", raw=raw).value == expected


@pytest.mark.parametrize("raw", ["12345", "06-1234", "+31 6 1234 56789 0", "call me", "", " "])
def test_invalid_phone_numbers_are_refused_with_a_message_key(raw):
    with pytest.raises(IdentifierError) as caught:
        normalise(kind="phone", raw=raw)
    assert caught.value.key == "identifier.phone.invalid"


def test_error_never_carries_the_value():
    with pytest.raises(IdentifierError) as caught:
        normalise(kind="phone", raw="06-1234")
    assert "1234" not in str(caught.value)


def test_email_is_lower_cased_whole():
    assert normalise(kind="email", raw="  Jan.Jansen@Example.NL ").value == "jan.jansen@example.nl"


@pytest.mark.parametrize("raw", ["jan@", "@example.nl", "jan at example.nl", "jan@@x.nl"])
def test_invalid_email(raw):
    with pytest.raises(IdentifierError) as caught:
        normalise(kind="email", raw=raw)
    assert caught.value.key == "identifier.email.invalid"


@pytest.mark.parametrize("raw", ["12-ABC-3", "12abc3", "12 abc 3", " 12-abc-3 "])
def test_plates_need_no_dashes(raw):
    assert normalise(kind="plate", raw=raw).value == "12ABC3"


def test_plate_too_short_or_long():
    for raw in ["-", "A", "ABCDEFGHIJK1"]:
        with pytest.raises(IdentifierError):
            normalise(kind="plate", raw=raw)


def test_handle_keeps_platform_and_drops_at_sign():
    assert (
        normalise(kind="handle", raw="@Johnny_B", platform="telegram").value == "telegram:johnny_b"
    )


def test_handle_needs_a_known_platform():
    with pytest.raises(IdentifierError) as caught:
        normalise(kind="handle", raw="johnny", platform="myspace")
    assert caught.value.key == "identifier.handle.platform"


def test_name_is_casefolded_and_collapsed():
    assert normalise(kind="name", raw="  Jan   DE  Vries ").value == "jan de vries"


def test_unknown_kind():
    with pytest.raises(IdentifierError) as caught:
        normalise(kind="shoe_size", raw="44")
    assert caught.value.key == "identifier.kind.invalid"


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        ("06-12345678", {IdentifierKind.PHONE}),
        ("+44 7911 123456", {IdentifierKind.PHONE}),
        ("jan@example.nl", {IdentifierKind.EMAIL}),
        ("@johnny", {IdentifierKind.HANDLE}),
        ("johnny_b", {IdentifierKind.HANDLE}),
        ("12-ABC-3", {IdentifierKind.PLATE, IdentifierKind.HANDLE}),
        ("12abc3", {IdentifierKind.PLATE, IdentifierKind.HANDLE}),
        ("jan123", {IdentifierKind.PLATE, IdentifierKind.HANDLE}),
        ("AB 12 CD", {IdentifierKind.PLATE}),
    ],
)
def test_every_plausible_kind_is_a_candidate(raw, kinds):
    assert {c.kind for c in candidates(raw)} == kinds


def test_empty_input_asks_for_something():
    with pytest.raises(IdentifierError) as caught:
        candidates(" \u200e ")
    assert caught.value.key == "identifier.empty"
