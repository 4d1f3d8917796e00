"""Registration, passwords, preferences, own data and deletion."""

import json

import pytest

from tests.fixtures.people import PASSWORD, actor_of
from uglymugs_app.models import Member, Report
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.members import accounts
from uglymugs_app.services.members.accounts import Profile
from uglymugs_app.services.security.passwords import hash_password, verify_password


def apply(session, secrets, settings, **overrides):
    values = dict(
        working_name="Bella",
        password=PASSWORD,
        language="nl",
        regions=["utrecht", "zeeland"],
        gender="woman",
        work_kinds=["window"],
        evidence_kind="ad_link",
        evidence="https://ads.example/bella",
    )
    values.update(overrides)
    return accounts.register_applicant(session, secrets=secrets, settings=settings, **values)


def test_registration_makes_a_pending_applicant_with_sealed_evidence(session, secrets, settings):
    member = apply(session, secrets, settings)
    assert (member.role, member.status) == ("applicant", "pending")
    assert member.password_hash.startswith("$argon2id$")
    assert "ads.example" not in member.evidence_sealed
    assert json.loads(member.regions) == ["utrecht", "zeeland"]


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"password": "short"}, "account.password.too_short"),
        ({"password": "x" * 129}, "account.password.too_long"),
        ({"working_name": "x"}, "account.name.invalid"),
        ({"regions": []}, "account.regions.invalid"),
        ({"regions": ["atlantis"]}, "account.regions.invalid"),
        ({"language": "xx"}, "account.language.invalid"),
        ({"work_kinds": ["pirate"]}, "account.work.invalid"),
        ({"evidence": "not a link"}, "verification.link.invalid"),
        ({"evidence_kind": "vouch", "evidence": "AAAA"}, "verification.vouch.disabled"),
    ],
)
def test_bad_registration_input_names_the_problem(session, secrets, settings, overrides, key):
    with pytest.raises(InvalidInput) as caught:
        apply(session, secrets, settings, **overrides)
    assert caught.value.key == key
    assert session.query(Member).count() == 0


def test_working_names_are_unique_regardless_of_case_and_spaces(session, secrets, settings):
    apply(session, secrets, settings)
    with pytest.raises(InvalidInput) as caught:
        apply(session, secrets, settings, working_name="  bELLA ")
    assert caught.value.key == "account.name.unavailable"


def test_whole_country_is_a_region_choice(session, secrets, settings):
    member = apply(session, secrets, settings, regions=["whole-country"])
    assert json.loads(member.regions) == ["whole-country"]


def test_old_hash_parameters_are_upgraded_on_verify():
    from passlib.hash import argon2

    weak = argon2.using(type="ID", rounds=1, memory_cost=1024).hash(PASSWORD)
    ok, new_hash = verify_password(PASSWORD, weak)
    assert ok and new_hash and new_hash != weak
    assert verify_password("wrong password!", hash_password(PASSWORD)) == (False, None)
    assert verify_password(PASSWORD, None) == (False, None)


def test_preferences_password_export_and_deletion(session, member, secrets):
    from uglymugs_app.services.security.field_crypto import member_ref

    accounts.update_preferences(
        session,
        actor=member,
        profile=Profile("nl", ["whole-country"], "trans_woman", ["escort", "online"]),
    )
    with pytest.raises(InvalidInput):
        accounts.change_password(session, actor=member, current="not mine at all", new="x" * 12)
    accounts.change_password(session, actor=member, current=PASSWORD, new="a new long secret")
    session.add(
        Report(
            client_id=__import__("uuid").uuid4(),
            reporter_ref=member_ref(secrets=secrets, member_id=member.member_id),
            incident_date=__import__("datetime").date(2025, 1, 1),
            part_of_day="night",
            region="utrecht",
            place_kind="hotel",
        )
    )
    session.commit()

    data = accounts.export_my_data(session, secrets=secrets, actor=member)
    assert data["language"] == "nl" and data["work_kinds"] == ["escort", "online"]
    assert len(data["reports"]) == 1
    assert "password_hash" not in json.dumps(data) and "argon2" not in json.dumps(data)

    with pytest.raises(InvalidInput):
        accounts.delete_my_account(session, secrets=secrets, actor=member, password=PASSWORD)
    accounts.delete_my_account(session, secrets=secrets, actor=member, password="a new long secret")
    assert session.get(Member, member.member_id) is None
    report = session.query(Report).one()
    # The report stays (its warning keeps protecting others), no longer linked to her.
    assert report.reporter_ref != member_ref(secrets=secrets, member_id=member.member_id)
    assert report.reporter_ref is not None and report.reporter_sealed == ""


def test_create_account_refuses_unknown_roles(session):
    with pytest.raises(InvalidInput):
        accounts.create_account(session, working_name="Zed", password=PASSWORD, role="god")
    assert (
        actor_of(
            accounts.create_account(session, working_name="Zed", password=PASSWORD, role="outreach")
        ).role
        == "outreach"
    )
