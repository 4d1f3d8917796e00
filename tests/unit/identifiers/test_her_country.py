"""Her country: national numbers are read in it first, and in the Netherlands
too, by the check and by her reports alike."""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.reports import publish, submission
from tests.fixtures.server_lookup import check_identifier
from uglymugs_app.pages.report import form as report_form
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.identifiers.countries import default_country, reading_order
from uglymugs_app.services.members import accounts
from uglymugs_app.services.reports.submission import IdentifierInput, submit_report


@pytest.mark.parametrize(
    ("language", "country"),
    [
        ("ro", "RO"),
        ("bg", "BG"),
        ("hu", "HU"),
        ("pl", "PL"),
        ("es", "ES"),
        ("pt", "BR"),
        ("th", "TH"),
        ("nl", "NL"),
        ("en", "NL"),
        ("xx", "NL"),
    ],
)
def test_default_country_follows_her_language(language, country):
    assert default_country(language) == country


def test_the_netherlands_is_always_read_too():
    assert reading_order("RO") == ("RO", "NL")
    assert reading_order("NL") == ("NL",)
    assert reading_order("ZZ") == ("NL",)


def _member(session, language="ro"):
    member = accounts.create_account(
        session,
        working_name=f"M {uuid.uuid4().hex[:6]}",
        password="long enough secret",
        role="member",
        language=language,
        regions=["utrecht"],
    )
    return member, Actor(
        member_id=member.id, role="member", working_name=member.working_name, language=language
    )


def test_her_choice_wins_over_her_language_and_is_checked(session):
    member, actor = _member(session, "ro")
    assert accounts.my_phone_country(session, actor=actor) == "RO"
    profile = accounts.my_profile(session, actor=actor)
    accounts.update_preferences(
        session, actor=actor, profile=accounts.Profile("ro", profile.regions, phone_country="BG")
    )
    assert accounts.my_phone_country(session, actor=actor) == "BG"
    with pytest.raises(InvalidInput) as caught:
        accounts.update_preferences(
            session,
            actor=actor,
            profile=accounts.Profile("ro", profile.regions, phone_country="XX"),
        )
    assert caught.value.key == "account.country.invalid"


def test_a_national_number_she_reported_is_found_by_her_check(session, secrets, settings):
    """A Romanian worker reports her client's national number and checks it later
    typed the same way: one client, found; a Dutch member finds it by +40."""
    _, actor = _member(session, "ro")
    country = accounts.my_phone_country(session, actor=actor)
    made = submit_report(
        session,
        secrets=secrets,
        reporter_id=actor.member_id,
        submission=submission(
            client_id=uuid.uuid4(),
            phone_country=country,
            identifiers=[IdentifierInput("phone", "0721 234 567")],
        ),
    )
    warning = publish(session, secrets, settings, made.id)

    found = check_identifier(
        session,
        secrets=secrets,
        settings=settings,
        member_id=actor.member_id,
        raw="0721-234-567",
        country=country,
    )
    assert [w.id for w in found.matches] == [warning.id]
    assert [v.kind for v in found.matched] == ["phone"]
    assert found.matched[0].masked.startswith("+40 ")
    # Read as Dutch too, and the answer says which reading matched.
    assert {v.masked.split(" ")[0] for v in found.searched} == {"+40", "+31"}

    dutch = check_identifier(
        session,
        secrets=secrets,
        settings=settings,
        member_id=actor.member_id + 1,
        raw="+40 721 234 567",
    )
    assert [w.id for w in dutch.matches] == [warning.id]


def test_the_report_form_checks_a_row_by_her_country():
    form = {"id_value_0": "088 123 4567", "id_kind_0": "phone"}
    assert report_form.identifier_errors(form, "BG")[0] == ""
    assert (
        report_form.submission(
            {**form, "client_id": str(uuid.uuid4()), "incident_date": "2025-01-01"}, "BG"
        ).phone_country
        == "BG"
    )
