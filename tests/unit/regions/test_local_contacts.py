"""Local help contacts: admins add, change and remove them (audited); the help
page shows those of her regions, or of the region she picks."""

from __future__ import annotations

import pytest
from sqlmodel import select

from uglymugs_app.models import AuditEvent
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.regions import directory, editing
from uglymugs_app.services.regions.local_contacts import (
    MAX_PER_REGION,
    ContactInput,
    add_contact,
    help_sections,
    remove_contact,
    update_contact,
)

OFFICER = ContactInput(
    "neighbourhood_officer", "Wijkagent Utrecht-Centrum", "0900 8844", "", "ma-vr"
)
VICE = ContactInput("vice_police", "Zedenpolitie Midden-Nederland", "+31 30 000 0000", "", "")


def test_an_admins_contact_shows_on_the_help_page_of_her_region(session, admin, member):
    contact_id = add_contact(session, actor=admin, region_code="utrecht", data=OFFICER)
    add_contact(session, actor=admin, region_code="utrecht", data=VICE)
    [(code, contacts)] = help_sections(session, actor=member)
    assert code == "utrecht"
    assert [(c.id, c.kind, c.name, c.phone) for c in contacts][0] == (
        contact_id,
        "neighbourhood_officer",
        "Wijkagent Utrecht-Centrum",
        "0900 8844",
    )
    assert [c.kind for c in contacts] == ["neighbourhood_officer", "vice_police"]
    assert help_sections(session, actor=None) == []  # a visitor picks a region
    [(picked, listed)] = help_sections(session, actor=None, chosen="utrecht")
    assert picked == "utrecht" and len(listed) == 2
    assert help_sections(session, actor=None, chosen="atlantis") == []


def test_change_and_remove_are_audited_and_seen_at_once(session, admin, member):
    contact_id = add_contact(session, actor=admin, region_code="utrecht", data=OFFICER)
    moved = ContactInput("neighbourhood_officer", "Wijkagent Lombok", "030 123 4567", "", "")
    update_contact(session, actor=admin, contact_id=contact_id, data=moved)
    [(_code, contacts)] = help_sections(session, actor=member)
    assert contacts[0].name == "Wijkagent Lombok" and contacts[0].phone == "030 123 4567"
    remove_contact(session, actor=admin, contact_id=contact_id)
    [(_code, contacts)] = help_sections(session, actor=member)
    assert contacts == ()
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-3:] == [
        "region_contact.added",
        "region_contact.changed",
        "region_contact.removed",
    ]
    with pytest.raises(NotFound):
        remove_contact(session, actor=admin, contact_id=contact_id)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (ContactInput("pimp", "X", "112", "", ""), "localcontact.invalid"),
        (ContactInput("other", "X", "call me", "", ""), "localcontact.invalid"),
        (ContactInput("other", "X", "", "http://politie.nl", ""), "localcontact.invalid"),
        (ContactInput("other", "X", "", "javascript:alert(1)", ""), "localcontact.invalid"),
        (ContactInput("other", "X" * 121, "112", "", ""), "localcontact.invalid"),
        (ContactInput("other", "Nobody", "", "", "note"), "localcontact.empty"),
    ],
)
def test_contacts_are_checked(session, admin, data, key):
    with pytest.raises(InvalidInput) as refused:
        add_contact(session, actor=admin, region_code="utrecht", data=data)
    assert refused.value.key == key


def test_a_region_holds_a_bounded_number_of_contacts(session, admin):
    for _ in range(MAX_PER_REGION):
        add_contact(session, actor=admin, region_code="limburg", data=VICE)
    with pytest.raises(InvalidInput, match="localcontact.too_many"):
        add_contact(session, actor=admin, region_code="limburg", data=VICE)


def test_a_retired_region_keeps_its_contacts_off_the_help_page(session, admin, member):
    add_contact(session, actor=admin, region_code="utrecht", data=OFFICER)
    editing.retire_region(session, actor=admin, code="utrecht")
    assert help_sections(session, actor=member) == []
    assert help_sections(session, actor=None, chosen="utrecht") == []
    assert len(directory.current(session).by_code["utrecht"].contacts) == 1  # kept, for later


@pytest.mark.parametrize("who", ["member", "moderator", "outreach"])
def test_only_an_admin_edits_contacts(session, request, admin, who):
    contact_id = add_contact(session, actor=admin, region_code="utrecht", data=OFFICER)
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        add_contact(session, actor=actor, region_code="utrecht", data=VICE)
    with pytest.raises(PermissionDenied):
        update_contact(session, actor=actor, contact_id=contact_id, data=VICE)
    with pytest.raises(PermissionDenied):
        remove_contact(session, actor=actor, contact_id=contact_id)
    [(_code, contacts)] = help_sections(session, actor=None, chosen="utrecht")
    assert [c.name for c in contacts] == ["Wijkagent Utrecht-Centrum"]
