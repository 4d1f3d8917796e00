"""Every identifier a report stores is found by the check, however she types or
pastes it; anything else gets a clear message, never an exception.

"Found" means: the value a report stores (``normalise``, as
``submit_report`` calls it) is one of the readings the check looks up
(``candidates``), so their blind indexes are equal. The end-to-end test at
the bottom goes through a real report, warning and check on a database.
"""

from __future__ import annotations

import json
import uuid

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.fixtures.reports import publish, submission
from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.i18n import catalogue
from uglymugs_app.services.errors import IdentifierError
from uglymugs_app.services.identifiers.candidates import candidates
from uglymugs_app.services.identifiers.countries import CLIENT_COUNTRIES
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.reports.submission import IdentifierInput, submit_report

REGIONS = ("NL", "BE", "DE", "GB", "RO", "BG", "HU", "PL", "ES", "PT", "BR", "TH")
INVISIBLE = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
FULL_WIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")
SURROUNDINGS = ("{}", "bel me op {}", "Call {} tonight", "{} (after 8)", "nummer: {}.")


@st.composite
def phones(draw):
    """(region, E.164) of a valid mobile or fixed number of one of the members' countries."""
    region = draw(st.sampled_from(REGIONS))
    kind = draw(
        st.sampled_from(
            [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
        )
    )
    example_number = phonenumbers.example_number_for_type(region, kind)
    national = str(example_number.national_number)
    tail = draw(st.text("0123456789", min_size=3, max_size=3))
    number = phonenumbers.PhoneNumber(
        country_code=example_number.country_code, national_number=int(national[:-3] + tail)
    )
    assume(phonenumbers.is_valid_number(number))
    return region, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@st.composite
def sprinkled(draw, text: str) -> str:
    """Invisible marks dropped between characters, as chat apps do when copying."""
    out = []
    for ch in text:
        out.append(ch)
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(out)


def _separated(digits: str, separator: str, every: int) -> str:
    return separator.join(digits[i : i + every] for i in range(0, len(digits), every))


@st.composite
def phone_variants(draw):
    """(stored, her country, a form she might type or paste)."""
    region, e164 = draw(phones())
    number = phonenumbers.parse(e164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits = e164[1:]
    separator = draw(st.sampled_from([" ", "-", ".", ""]))
    forms = {
        "e164": e164,
        "international": intl,
        "00": "00" + digits,
        "separated": "+" + _separated(digits, separator, draw(st.integers(2, 4))),
        "national": national,
        "tel": f"tel:{e164}",
        "sms": f"sms:{e164}?body=hoi",
        "wa.me": f"https://wa.me/{digits}",
        "wa.me bare": f"wa.me/{digits}",
        "whatsapp send": f"https://api.whatsapp.com/send?phone={digits}",
    }
    name = draw(st.sampled_from(sorted(forms)))
    form = forms[name]
    # A national number is read in her own country (and the Netherlands).
    country = region if name == "national" else draw(st.sampled_from(CLIENT_COUNTRIES))
    if draw(st.booleans()):
        form = form.translate(FULL_WIDTH)
    if name not in ("wa.me", "wa.me bare", "whatsapp send", "tel", "sms"):
        form = draw(st.sampled_from(SURROUNDINGS)).format(form)
    form = draw(sprinkled(form))
    stored = normalise(kind="phone", raw=national, country=region).value
    return stored, country, form


@given(phone_variants())
@example(("+31612345678", "NL", "\u202a+31 6 12345678\u202c"))
@example(("+31612345678", "NL", "０６１２３４５６７８"))
@example(("+40721234567", "RO", "0721 234 567"))
@example(("+66812345678", "TH", "๐๘๑ ๒๓๔ ๕๖๗๘"))  # Thai digits
@example(("+31612345678", "NL", "٠٦١٢٣٤٥٦٧٨"))  # Arabic-Indic digits
@settings(max_examples=200, deadline=None)
def test_every_form_of_a_stored_number_is_looked_up(case):
    stored, country, form = case
    assert stored in {c.value for c in candidates(form, country=country)}, form


@st.composite
def email_variants(draw):
    local = draw(st.from_regex(r"[a-z][a-z0-9_]{0,10}(\.[a-z0-9_]{1,6}){0,2}", fullmatch=True))
    domain = draw(st.sampled_from(["example.nl", "gmail.com", "googlemail.com", "proton.me"]))
    typed = f"{local}@{domain}"
    stored = normalise(kind="email", raw=typed)
    form_local = local
    if domain in ("gmail.com", "googlemail.com"):
        bare = local.replace(".", "")
        form_local = draw(st.sampled_from([bare, local, ".".join(bare)]))
        if draw(st.booleans()):
            form_local += "+" + draw(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True))
        domain = draw(st.sampled_from(["gmail.com", "googlemail.com"]))
    form = f"{form_local}@{domain}"
    form = "".join(ch.upper() if draw(st.booleans()) else ch for ch in form)
    form = draw(
        st.sampled_from(["{}", "mailto:{}", "mailto:{}?subject=hi", "mail {} please", "<{}>"])
    ).format(form)
    return stored, draw(sprinkled(form))


@given(email_variants())
@settings(max_examples=300, deadline=None)
def test_every_form_of_a_stored_email_is_looked_up(case):
    stored, form = case
    assert stored in candidates(form), form


# Dutch sidecodes, then a French and a German plate.
PLATE_SIDECODES = (
    r"[0-9]{2}-[A-Z]{3}-[0-9]",
    r"[A-Z]{2}-[0-9]{3}-[A-Z]",
    r"[0-9]-[A-Z]{3}-[0-9]{2}",
    r"[A-Z]-[0-9]{3}-[A-Z]{2}",
    r"[A-Z]{3}-[0-9]{2}-[A-Z]",
    r"[0-9]{2}-[A-Z]{2}-[0-9]{2}",
    r"[A-Z]{2}-[0-9]{2}-[A-Z]{2}",
    r"[0-9]-[A-Z]{3}-[0-9]{3}",
    r"[A-Z]{2} [0-9]{3} [A-Z]{2}",
    r"[A-Z] [A-Z]{2} [0-9]{4}",
)


@st.composite
def plate_variants(draw):
    typed = draw(st.one_of(*[st.from_regex(code, fullmatch=True) for code in PLATE_SIDECODES]))
    stored = normalise(kind="plate", raw=typed)
    separator = draw(st.sampled_from(["-", " ", "", "."]))
    groups = typed.replace(" ", "-").split("-")
    form = separator.join(groups)
    form = "".join(ch.lower() if draw(st.booleans()) else ch for ch in form)
    if draw(st.booleans()):
        form = form.translate(
            str.maketrans(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
                "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９",
            )
        )
    return stored, draw(sprinkled(form))


@given(plate_variants())
@settings(max_examples=300, deadline=None)
def test_every_form_of_a_stored_plate_is_looked_up(case):
    stored, form = case
    assert stored in candidates(form), form


@st.composite
def handle_variants(draw):
    handle = draw(st.from_regex(r"[a-z][a-z0-9_]{2,20}", fullmatch=True))
    stored = normalise(kind="handle", raw=handle, platform="telegram")
    shown = "".join(ch.upper() if draw(st.booleans()) else ch for ch in handle)
    form = draw(st.sampled_from(["{}", "@{}", "t.me/{}", "https://t.me/{}", "contact @{} now"]))
    return stored, draw(sprinkled(form.format(shown)))


@given(handle_variants())
@settings(max_examples=200, deadline=None)
def test_every_form_of_a_stored_handle_is_looked_up(case):
    stored, form = case
    assert stored in candidates(form), form


MESSAGES = catalogue("en")


@given(
    st.text(max_size=300),
    st.sampled_from([None, "phone", "email", "handle", "plate"]),
    st.sampled_from(CLIENT_COUNTRIES),
)
@example("06-1234", None, "NL")
@example("hello there friend", None, "NL")
@example("call 0612345678 or 0687654321", None, "NL")
@settings(max_examples=600, deadline=None)
def test_anything_else_gets_a_message_never_an_exception(text, kind, country):
    try:
        found = candidates(text, kind=kind, country=country)
    except IdentifierError as error:
        assert error.key in MESSAGES, error.key
        return
    assert found


@pytest.mark.parametrize(
    ("raw", "kind", "platform", "stored_before"),
    [
        # What reports stored before this normalisation: the blind indexes in the
        # database were computed over these values and must not change.
        ("06-12345678", "phone", None, "+31612345678"),
        ("+31 (0)6 12345678", "phone", None, "+31612345678"),
        ("0031612345678", "phone", None, "+31612345678"),
        ("020-1234567", "phone", None, "+31201234567"),
        ("+44 7911 123456", "phone", None, "+447911123456"),
        ("+359 88 123 4567", "phone", None, "+359881234567"),
        ("  Jan.Jansen@Example.NL ", "email", None, "jan.jansen@example.nl"),
        ("BAD.CLIENT@example.nl", "email", None, "bad.client@example.nl"),
        ("@Johnny_B", "handle", "telegram", "telegram:johnny_b"),
        (" 12-abc-3 ", "plate", None, "12ABC3"),
        ("12-ÉBC-3", "plate", None, "12EBC3"),
        ("  Jan   DE  Vries ", "name", None, "jan de vries"),
    ],
)
def test_values_valid_before_keep_their_stored_form(raw, kind, platform, stored_before):
    assert normalise(kind=kind, raw=raw, platform=platform).value == stored_before


def test_gmail_reports_stored_before_folding_are_still_found():
    typed = "Jan.Jansen+ads@gmail.com"
    folded = normalise(kind="email", raw=typed).value
    assert folded == "janjansen@gmail.com"
    looked_up = {c.value for c in candidates(typed)}
    assert {"janjansen@gmail.com", "jan.jansen+ads@gmail.com"} <= looked_up


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("0721 234 567", "RO", "+40721234567"),
        ("088 123 4567", "BG", "+359881234567"),
        ("0612345678", "NL", "+31612345678"),
        ("081 234 5678", "TH", "+66812345678"),
    ],
)
def test_the_report_form_reads_national_numbers_in_her_country(typed, country, stored):
    assert normalise(kind="phone", raw=typed, country=country).value == stored


@given(phone_variants())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_published_warning_is_found_by_the_check(session, secrets, settings, case):
    stored, country, form = case
    made = submit_report(
        session,
        secrets=secrets,
        reporter_id=1,
        submission=submission(
            client_id=uuid.uuid4(), identifiers=[IdentifierInput("phone", stored)]
        ),
    )
    warning = publish(session, secrets, settings, made.id)
    result = check_identifier(
        session,
        secrets=secrets,
        settings=settings,
        member_id=uuid.uuid4().int % 10**9,
        raw=form,
        country=country,
    )
    assert warning.id in [w.id for w in result.matches], json.dumps(form)
    assert result.matched and result.matched[0].kind == "phone"


def test_a_summary_naming_a_folded_gmail_address_as_typed_is_refused():
    from uglymugs_app.services.errors import InvalidInput
    from uglymugs_app.services.warnings.summary_check import Identifying, check_summary

    stored = normalise(kind="email", raw="J.an+ads@gmail.com")
    with pytest.raises(InvalidInput) as caught:
        check_summary(
            "He wrote from j.an+ads@gmail.com.",
            details=Identifying(identifiers=[stored], narrative=""),
        )
    assert caught.value.key == "moderation.text.identifier"
