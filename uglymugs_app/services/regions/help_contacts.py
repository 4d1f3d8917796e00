"""The contacts the help pages show: configuration an admin edits in the app.

Missing contacts are added with the defaults below the first time they are
read, so a fresh installation shows the national numbers at once and the
admin only fills in the organisation's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from uglymugs_app.models import HelpContact, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.security import audit

# key -> (phone, web address, note); labels come from the catalogues (contact.<key>).
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "emergency": ("112", "", ""),
    "police": ("0900 8844", "https://www.politie.nl", ""),
    "sexual_violence": ("0800 0188", "https://centrumseksueelgeweld.nl", "24/7"),
    "organisation": ("", "", ""),
}
PHONE = re.compile(r"^\+?[0-9 ()-]{0,30}$")


@dataclass(frozen=True)
class ContactView:
    key: str
    phone: str
    url: str
    note: str


def help_contacts(session: Session) -> list[ContactView]:
    """The contacts in their order, defaults added where none is stored yet."""
    stored = {row.key: row for row in session.exec(select(HelpContact))}
    missing = [key for key in DEFAULTS if key not in stored]
    for key in missing:
        phone, url, note = DEFAULTS[key]
        stored[key] = HelpContact(
            key=key, position=list(DEFAULTS).index(key), phone=phone, url=url, note=note
        )
        session.add(stored[key])
    if missing:
        session.commit()
    rows = sorted(stored.values(), key=lambda row: (row.position, row.key))
    return [ContactView(row.key, row.phone, row.url, row.note) for row in rows]


def update_contact(
    session: Session, *, actor: Actor, key: str, phone: str, url: str, note: str
) -> ContactView:
    """An admin changes a contact; audited with before and after."""
    require(actor, Role.ADMIN)
    if key not in DEFAULTS:
        raise NotFound()
    phone, url, note = phone.strip(), url.strip(), note.strip()
    if not PHONE.match(phone) or len(note) > 200 or len(url) > 300:
        raise InvalidInput("contacts.invalid")
    if url and not url.startswith("https://"):
        raise InvalidInput("contacts.invalid")
    help_contacts(session)
    row = session.exec(select(HelpContact).where(col(HelpContact.key) == key)).one()
    before = {"phone": row.phone, "url": row.url, "note": row.note}
    row.phone, row.url, row.note = phone, url, note
    row.updated_at, row.updated_by_id = utcnow(), actor.member_id
    session.add(row)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="help_contact.update",
        subject_type="help_contact",
        subject_id=None,
        detail=key,
        before=before,
        after={"phone": phone, "url": url, "note": note},
    )
    session.commit()
    return ContactView(row.key, row.phone, row.url, row.note)
