"""Admins add, rename, retire and restore regions; nobody else can; every
reader follows at once, and a retired region stays readable where it was used."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from tests.fixtures.reports import submission
from uglymugs_app.models import AuditEvent, Member
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members.accounts import Profile, update_preferences
from uglymugs_app.services.regions import directory, editing
from uglymugs_app.services.reports.submission import submit_report
from uglymugs_app.services.warnings.lifecycle import validate_regions

NINE = {
    "nl": "Amsterdam",
    "en": "Amsterdam",
    "ro": "Amsterdam",
    "bg": "Амстердам",
    "hu": "Amszterdam",
    "pl": "Amsterdam",
    "es": "Ámsterdam",
    "pt": "Amsterdã",
    "th": "อัมสเตอร์ดัม",
}


def test_an_added_region_is_offered_at_once_in_her_language(session, admin):
    code = editing.add_region(session, actor=admin, names=NINE)
    assert code == "amsterdam"
    regions = directory.current(session)
    assert "amsterdam" in regions.offered and "amsterdam" in regions.member_choices
    assert regions.name("amsterdam", "th") == "อัมสเตอร์ดัม"
    assert regions.name("amsterdam", "bg") == "Амстердам"
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "region_admin.added")).one()
    assert event.actor_id == admin.member_id and event.detail == "amsterdam"


def test_a_second_region_of_the_same_name_gets_its_own_code(session, admin):
    editing.add_region(session, actor=admin, names={"en": "Den Haag"})
    assert editing.add_region(session, actor=admin, names={"en": "Den  Haag"}) == "den-haag-2"
    assert editing.add_region(session, actor=admin, names={"en": "Ñoño Región"}) == "nono-region"


@pytest.mark.parametrize(
    ("names", "key"),
    [
        ({"nl": "Amsterdam"}, "regionadmin.name.missing"),
        ({"en": "   "}, "regionadmin.name.missing"),
        ({"en": "x" * 81}, "regionadmin.name.too_long"),
    ],
)
def test_names_are_checked(session, admin, names, key):
    with pytest.raises(InvalidInput) as refused:
        editing.add_region(session, actor=admin, names=names)
    assert refused.value.key == key


def test_renaming_keeps_the_code_and_drops_empty_names(session, admin):
    editing.rename_region(
        session, actor=admin, code="utrecht", names={"en": "Utrecht", "th": "อูเทรคต์", "nl": " "}
    )
    regions = directory.current(session)
    assert regions.name("utrecht", "th") == "อูเทรคต์"
    assert regions.name("utrecht", "nl") == "Utrecht"  # English where a language has none
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "region_admin.renamed")
    ).one()
    assert json.loads(event.before)["names"]["nl"] == "Utrecht"
    assert json.loads(event.after)["names"] == {"en": "Utrecht", "th": "อูเทรคต์"}


def test_a_retired_region_is_no_longer_offered_but_still_named(session, secrets, admin, member):
    editing.retire_region(session, actor=admin, code="zeeland")
    regions = directory.current(session)
    assert "zeeland" not in regions.offered and "zeeland" not in regions.member_choices
    assert "zeeland" in regions.known
    assert regions.name("zeeland", "nl") == "Zeeland"
    with pytest.raises(InvalidInput, match="report.region.invalid"):
        submit_report(
            session, secrets=secrets, submission=submission(region="zeeland"), reporter_id=7
        )
    session.rollback()
    with pytest.raises(InvalidInput, match="moderation.regions.invalid"):
        validate_regions(session, ["zeeland"])
    with pytest.raises(InvalidInput, match="account.regions.invalid"):
        update_preferences(session, actor=member, profile=Profile("en", ["zeeland"]))
    session.rollback()
    editing.restore_region(session, actor=admin, code="zeeland")
    assert "zeeland" in directory.current(session).offered
    assert validate_regions(session, ["zeeland"]) == ["zeeland"]


def test_the_whole_country_and_the_last_region_stay(session, admin):
    with pytest.raises(InvalidInput, match="regionadmin.whole_country"):
        editing.retire_region(session, actor=admin, code="whole-country")
    offered = directory.current(session).offered
    for code in offered[:-1]:
        editing.retire_region(session, actor=admin, code=code)
    with pytest.raises(InvalidInput, match="regionadmin.last"):
        editing.retire_region(session, actor=admin, code=offered[-1])


def test_an_unknown_region_is_not_found(session, admin):
    with pytest.raises(NotFound):
        editing.rename_region(session, actor=admin, code="atlantis", names={"en": "Atlantis"})


@pytest.mark.parametrize("who", ["member", "moderator", "outreach"])
def test_only_an_admin_changes_regions(session, request, who):
    actor = request.getfixturevalue(who)
    for change in (
        lambda: editing.add_region(session, actor=actor, names={"en": "Hack"}),
        lambda: editing.rename_region(session, actor=actor, code="utrecht", names={"en": "X"}),
        lambda: editing.retire_region(session, actor=actor, code="utrecht"),
        lambda: editing.restore_region(session, actor=actor, code="utrecht"),
        lambda: editing.regions_for_admin(session, actor=actor),
    ):
        with pytest.raises(PermissionDenied):
            change()
    regions = directory.current(session)
    assert "hack" not in regions.known and regions.name("utrecht", "en") == "Utrecht"
    assert not session.exec(select(AuditEvent).where(AuditEvent.subject_type == "region")).all()


def test_a_member_keeps_a_retired_region_until_she_saves(session, admin, member):
    editing.retire_region(session, actor=admin, code="utrecht")
    stored = session.get(Member, member.member_id)
    assert json.loads(stored.regions) == ["utrecht"]  # nothing rewritten behind her back
    update_preferences(session, actor=member, profile=Profile("en", ["limburg"]))
    assert json.loads(session.get(Member, member.member_id).regions) == ["limburg"]
