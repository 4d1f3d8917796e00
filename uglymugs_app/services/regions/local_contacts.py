"""Local help contacts of a region (wijkagent, the vice desk, a clinic):
admins add, change and remove them; the help page shows those of her regions.

The national numbers stay in ``help_contacts.py``; these are read through the
regions' directory, so a help page costs no query of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session

from uglymugs_app.models import Member, RegionContact, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.regions import directory
from uglymugs_app.services.regions.directory import LocalContact
from uglymugs_app.services.regions.editing import bump_revision, commit_and_forget
from uglymugs_app.services.regions.help_contacts import PHONE
from uglymugs_app.services.security import audit

# What a contact is; labels come from the catalogues (localcontact.kind.<kind>).
KINDS = (
    "neighbourhood_officer",  # wijkagent
    "vice_police",  # zedenpolitie desk
    "police_station",
    "health",
    "support",
    "other",
)
MAX_PER_REGION = 20


@dataclass(frozen=True)
class ContactInput:
    kind: str
    name: str
    phone: str
    url: str
    note: str


def add_contact(session: Session, *, actor: Actor, region_code: str, data: ContactInput) -> int:
    """A new contact at the end of the region's list; its id."""
    require(actor, Role.ADMIN)
    regions = directory.current(session)
    entry = regions.by_code.get(str(region_code))
    if entry is None:
        raise NotFound()
    if len(entry.contacts) >= MAX_PER_REGION:
        raise InvalidInput("localcontact.too_many")
    clean = _clean(data)
    row = RegionContact(
        region_code=entry.code,
        position=len(entry.contacts),
        updated_by_id=actor.member_id,
        **vars(clean),
    )
    session.add(row)
    session.flush()
    _changed(session, actor, "region_contact.added", row, None, vars(clean))
    return row.id or 0


def update_contact(session: Session, *, actor: Actor, contact_id: int, data: ContactInput) -> None:
    require(actor, Role.ADMIN)
    row = _contact(session, contact_id)
    clean = _clean(data)
    before = {name: getattr(row, name) for name in vars(clean)}
    for name, value in vars(clean).items():
        setattr(row, name, value)
    row.updated_at, row.updated_by_id = utcnow(), actor.member_id
    session.add(row)
    _changed(session, actor, "region_contact.changed", row, before, vars(clean))


def remove_contact(session: Session, *, actor: Actor, contact_id: int) -> None:
    require(actor, Role.ADMIN)
    row = _contact(session, contact_id)
    before = {"kind": row.kind, "name": row.name, "phone": row.phone, "url": row.url}
    session.delete(row)
    _changed(session, actor, "region_contact.removed", row, before, {})


def _contact(session: Session, contact_id: int) -> RegionContact:
    directory.current(session)  # a never-prepared database gets its defaults first
    row = session.get(RegionContact, contact_id) if isinstance(contact_id, int) else None
    if row is None:
        raise NotFound()
    return row


def _clean(data: ContactInput) -> ContactInput:
    kind, name = data.kind.strip(), " ".join(data.name.split())
    phone, url, note = data.phone.strip(), data.url.strip(), data.note.strip()
    if kind not in KINDS or len(name) > 120 or len(note) > 200 or len(url) > 300:
        raise InvalidInput("localcontact.invalid")
    if not PHONE.match(phone) or (url and not url.startswith("https://")):
        raise InvalidInput("localcontact.invalid")
    if not phone and not url:
        raise InvalidInput("localcontact.empty")
    return ContactInput(kind, name, phone, url, note)


def _changed(
    session: Session,
    actor: Actor,
    action: str,
    row: RegionContact,
    before: dict | None,
    after: dict,
) -> None:
    audit.record(
        session,
        actor_id=actor.member_id,
        action=action,
        subject_type="region_contact",
        subject_id=row.id,
        detail=row.region_code,
        before=before,
        after=after,
    )
    bump_revision(session)
    commit_and_forget(session)


def help_sections(
    session: Session, *, actor: Actor | None, chosen: str = ""
) -> list[tuple[str, tuple[LocalContact, ...]]]:
    """The local contacts the help page shows: of the region she picked there,
    else of the regions in her settings (signed in), each with its contacts.

    Public numbers: anyone may see any region's; her own regions only decide
    which are shown first.
    """
    regions = directory.current(session)
    if chosen:
        codes = [chosen] if chosen in regions.offered else []
    elif actor is not None:
        member = session.get(Member, actor.member_id)
        stored = json.loads(member.regions or "[]") if member is not None else []
        codes = [code for code in regions.offered if code in stored]
    else:
        codes = []
    return [(code, regions.by_code[code].contacts) for code in codes]
