import phonenumbers
from hypothesis import given
from hypothesis import strategies as st

from uglymugs_app.services.identifiers.masking import DOT, mask, mask_email, mask_handle, mask_plate
from uglymugs_app.services.identifiers.normalisation import normalise

HIDDEN = DOT * 3


def shown(text: str) -> str:
    return text.replace(DOT, "")


def test_examples_from_the_rules():
    assert mask(kind="phone", value="+31612345678") == "+31 6 12•• ••78"
    assert mask(kind="email", value="jan@example.nl") == "j•••@example.nl"
    assert mask(kind="plate", value="12ABC3") == "1•••3"
    assert mask(kind="handle", value="telegram:johnny") == "telegram: jo•••"
    assert mask(kind="name", value="jan") == ""


@st.composite
def valid_phone_numbers(draw):
    region = draw(st.sampled_from(["NL", "GB", "RO", "BG", "HU", "PL", "ES", "PT", "TH", "DE"]))
    kind = draw(
        st.sampled_from(
            [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
        )
    )
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    # Vary the digits after the prefix so the property sees many numbers.
    tail = draw(st.text("0123456789", min_size=4, max_size=4))
    candidate = phonenumbers.PhoneNumber(
        country_code=example.country_code, national_number=int(national[:-4] + tail)
    )
    return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)


@given(valid_phone_numbers())
def test_phone_mask_shows_at_most_half_of_the_subscriber_digits(e164):
    number = phonenumbers.parse(e164)
    national = phonenumbers.national_significant_number(number)
    masked = mask(kind="phone", value=e164)
    revealed = [
        ch for ch in masked.replace(" ", "")[1 + len(str(number.country_code)) :] if ch.isdigit()
    ]
    hidden = masked.count(DOT)
    assert hidden >= 1
    # Shown + hidden digits are exactly the national number; at most four of
    # the subscriber digits show, and never more than are hidden.
    assert len(revealed) + hidden == len(national)
    area = phonenumbers.length_of_national_destination_code(number)
    area = area if area * 2 <= len(national) else 0
    subscriber_shown = len(revealed) - area
    assert subscriber_shown <= 4
    assert subscriber_shown <= hidden


@given(
    st.from_regex(r"[a-z0-9._]{1,40}", fullmatch=True),
    st.sampled_from(["example.nl", "gmail.com", "proton.me"]),
)
def test_email_mask_shows_at_most_one_character_and_a_third(local, domain):
    masked = mask_email(f"{local}@{domain}")
    local_shown = shown(masked.rpartition("@")[0])
    assert masked.endswith(f"@{domain}")
    assert len(local_shown) <= min(1, len(local) // 3)
    assert local.startswith(local_shown)
    assert HIDDEN in masked


@given(st.from_regex(r"[A-Z0-9]{2,10}", fullmatch=True))
def test_plate_mask_shows_at_most_first_and_last_and_a_third(plate):
    masked = mask_plate(plate)
    revealed = shown(masked)
    assert len(revealed) <= min(2, len(plate) // 3)
    assert masked.count(DOT) == 3
    if revealed:
        assert plate.startswith(revealed[0])


@given(
    st.sampled_from(["telegram", "kinky", "x"]),
    st.from_regex(r"[a-z0-9._\-]{1,64}", fullmatch=True),
)
def test_handle_mask_shows_at_most_two_characters_and_a_third(platform, handle):
    masked = mask_handle(f"{platform}:{handle}")
    revealed = shown(masked.partition(": ")[2])
    assert masked.startswith(f"{platform}: ")
    assert len(revealed) <= min(2, len(handle) // 3)
    assert handle.startswith(revealed)


@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_names_are_never_shown(raw):
    try:
        value = normalise(kind="name", raw=raw).value
    except Exception:
        return
    assert mask(kind="name", value=value) == ""


def test_hidden_run_does_not_reveal_length():
    assert mask_plate("AB12CD").count(DOT) == mask_plate("AB12CDEFGH").count(DOT)
