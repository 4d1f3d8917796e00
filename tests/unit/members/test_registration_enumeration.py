"""Item 7: the application form does not tell anyone who is a member."""

from __future__ import annotations

import pytest

from tests.fixtures.people import PASSWORD
from uglymugs_app.i18n import translate
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.members import accounts
from uglymugs_app.services.security.throttle import LoginThrottled


def apply(session, secrets, settings, name, **overrides):
    values = dict(
        working_name=name,
        password=PASSWORD,
        language="en",
        regions=["utrecht"],
        evidence_kind="ad_link",
        evidence="https://ads.example/someone",
        address="10.0.0.7",
    )
    values.update(overrides)
    return accounts.register_applicant(session, secrets=secrets, settings=settings, **values)


def answer(session, secrets, settings, name, **overrides) -> str:
    with pytest.raises(InvalidInput) as caught:
        apply(session, secrets, settings, name, **overrides)
    return caught.value.key


def test_7_taken_and_free_names_get_the_same_answer(session, secrets, settings, member):
    # An incomplete form says what is missing, whichever name it carries.
    for broken in ({"evidence": "not a link"}, {"password": "short"}, {"regions": []}):
        assert answer(session, secrets, settings, "ROXY", **broken) == answer(
            session, secrets, settings, "Nobody Yet", **broken
        )
    # A complete one with a member's name: refused in words that do not say why.
    key = answer(session, secrets, settings, " roxy ")
    assert key == "account.name.unavailable"
    for language in ("en", "nl"):
        text = translate(language, key).lower()
        assert not any(word in text for word in ("taken", "exists", "in gebruik", "bestaat"))


def test_7_applications_are_throttled_per_address(session, secrets, settings):
    settings.registration_free_attempts_per_address = 3
    # The free tries and the one that starts the first wait.
    for number in range(4):
        apply(session, secrets, settings, f"Newcomer {number}")
    with pytest.raises(LoginThrottled):
        apply(session, secrets, settings, "Newcomer 9")
    # Refusals for a taken name count too: that is what a prober collects.
    assert apply(session, secrets, settings, "Elsewhere", address="10.0.0.8").id
