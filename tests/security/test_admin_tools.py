"""The admin's tools called by people who are not admins: a member, an outreach
worker and a moderator send each regions and people handler aimed arguments
(their own promotion, the admin's suspension and two-factor reset, a renamed,
retired or added region, a changed contact) over the socket. Nothing changes.
The same events from the admin do change things: the payloads are the real ones.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlmodel import select

from tests.security.roles import Actors
from tests.security.sentinels import Seeded

ATTACKERS = ("member", "outreach", "moderator")


def _state(module: str, name: str) -> str:
    from importlib import import_module

    return getattr(import_module(f"uglymugs_app.pages.{module}.state"), name).get_full_name()


def _regions() -> str:
    return _state("admin_regions", "RegionsAdminState")


def _people() -> str:
    return _state("people", "PeopleState")


@pytest.fixture
def target_region() -> tuple[str, int]:
    """A region of this test with one contact: (code, contact id)."""
    from tests.actors import acting
    from uglymugs_app.models import Role
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.regions import editing, local_contacts

    admin = acting(1, Role.ADMIN)
    with session_scope() as session:
        code = editing.add_region(
            session, actor=admin, names={"en": f"Target {uuid.uuid4().hex[:6]}"}
        )
        contact_id = local_contacts.add_contact(
            session,
            actor=admin,
            region_code=code,
            data=local_contacts.ContactInput("vice_police", "Zeden", "0900 8844", "", ""),
        )
    return code, contact_id


def _facts(code: str, member_ids: list[int]) -> dict:
    """What an attacker would want changed: the region, its contacts, people."""
    from uglymugs_app.models import Member, Region, RegionContact
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        region = session.get(Region, code)
        contacts = session.exec(select(RegionContact).where(RegionContact.region_code == code))
        people = [session.get(Member, member_id) for member_id in member_ids]
        return {
            "names": json.loads(region.names),
            "retired": region.retired_at is not None,
            "contacts": sorted((c.id, c.name, c.phone) for c in contacts),
            "regions": session.exec(select(Region.code)).all(),
            "people": [(m.role, m.status, m.totp_enabled) for m in people],
        }


def _forge_all(client, code: str, contact_id: int, own_id: int, admin_id: int) -> None:
    regions, people = _regions(), _people()
    client.call(f"{regions}.setvar", {"var_name": "chosen", "value": code})
    client.call(f"{regions}.choose", {"code": code})
    client.call(f"{regions}.save_names", {"form_data": {"name_en": "Hacked", "name_th": "x"}})
    client.call(f"{regions}.retire", {"code": code})
    client.call(f"{regions}.add_region", {"form_data": {"name_en": f"Evil {code}"}})
    contact = {"kind": "other", "name": "Call me", "phone": "0612345678", "url": "", "note": ""}
    client.call(f"{regions}.add_contact", {"form_data": contact})
    client.call(
        f"{regions}.save_contact", {"form_data": {**contact, "contact_id": str(contact_id)}}
    )
    client.call(f"{regions}.remove_contact", {"contact_id": str(contact_id)})
    client.call(f"{people}.change_role", {"form_data": {"member_id": str(own_id), "role": "admin"}})
    client.call(
        f"{people}.reset_two_factor", {"form_data": {"member_id": str(admin_id), "reason": "x"}}
    )
    client.call(
        f"{people}.change_status",
        {"form_data": {"member_id": str(admin_id), "action": "suspend", "reason": "x"}},
    )
    client.call(f"{people}.find", {"form_data": {"show": "staff", "sort": "name", "search": ""}})


@pytest.mark.parametrize("role", ATTACKERS)
def test_non_admins_change_nothing_with_the_admins_tools(
    role: str, actors: Actors, seeded: Seeded, target_region
):
    code, contact_id = target_region
    own_id, admin_id = seeded.actors[role][0], seeded.actors["admin"][0]
    before = _facts(code, [own_id, admin_id])
    client = actors(role)
    start = len(client.updates)
    _forge_all(client, code, contact_id, own_id, admin_id)
    assert _facts(code, [own_id, admin_id]) == before
    sent = json.dumps(client.updates[start:], ensure_ascii=False)
    assert seeded.actors["admin"][1] not in sent, "the people list reached a non-admin"


def test_the_same_events_from_the_admin_take_effect(actors: Actors, seeded: Seeded, target_region):
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import create_account

    code, contact_id = target_region
    with session_scope() as session:
        helper = create_account(
            session, working_name=f"help{uuid.uuid4().hex[:6]}", password="x" * 12, role="member"
        ).id
    admin = actors("admin")
    regions, people = _regions(), _people()
    admin.call(f"{regions}.choose", {"code": code})
    admin.call(f"{regions}.save_names", {"form_data": {"name_en": "Renamed", "name_th": "ใหม่"}})
    admin.call(f"{regions}.remove_contact", {"contact_id": str(contact_id)})
    admin.call(
        f"{people}.change_role", {"form_data": {"member_id": str(helper), "role": "outreach"}}
    )
    facts = _facts(code, [helper])
    assert facts["names"] == {"en": "Renamed", "th": "ใหม่"}
    assert facts["contacts"] == []
    assert facts["people"] == [("outreach", "active", False)]
