"""Objections: a person who believes he is wrongly listed asks for a review.

The client is a data subject too (the licence of such a list requires that
he can object). The public side must never become a check for clients: the
answer to an objection is the same whether or not his identifier is listed,
and receiving one does no lookup at all, so neither its words nor its
timing can differ. Moderators see the matching warnings only when they
handle it; then they retract the warning, remove the identifier from it, or
keep it, with a note. Objections from one address are throttled; every step
is audited (without the identifier); a handled objection is erased after
``Settings.objection_retention_days``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from uglymugs_app.models import Objection, ObjectionStatus, Warning, WarningIdentifier
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS, Identifier, IdentifierKind
from uglymugs_app.services.identifiers.normalisation import normalise
from uglymugs_app.services.security import audit, field_crypto, throttle
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings import lifecycle
from uglymugs_app.services.warnings.lifecycle import WarningCorrection
from uglymugs_app.settings import Settings

MAX_REASON = 2000
MAX_CONTACT = 200
OUTCOMES = ("retracted", "corrected", "kept")
_FIELDS = {
    "identifier": "objection.identifier",
    "reason": "objection.reason",
    "contact": "objection.contact",
    "note": "objection.note",
}


@dataclass(frozen=True)
class ObjectionInput:
    """The public form: which identifier, why, and optionally how to reach him."""

    kind: str
    identifier: str
    reason: str
    platform: str | None = None
    contact: str = ""


@dataclass(frozen=True)
class ListedWarning:
    """A warning naming the objected identifier; ``identifier_id`` is its row."""

    warning_id: int
    report_id: int
    status: str
    summary: str
    identifier_id: int
    masked: str


@dataclass(frozen=True)
class ObjectionView:
    id: int
    kind: str
    identifier: str
    reason: str
    contact: str
    received_at: datetime
    status: str
    outcome: str
    note: str
    listed: list[ListedWarning]


def objection_keys(*, secrets: InstanceSecrets, address: str | None) -> list[str]:
    """The throttle key of objections from one address (none if unknown)."""
    return throttle.address_keys(session_key=secrets.session_key, kind="objection", address=address)


def submit_objection(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    address: str | None,
    objection: ObjectionInput,
) -> None:
    """Receive an objection for the moderators' queue; commits.

    Raises ``IdentifierError``/``InvalidInput`` for a form that cannot be
    read and ``LoginThrottled`` after too many from one address; neither
    depends on whether the identifier is listed, and nothing is looked up.
    """
    if objection.kind not in MATCHABLE_KINDS:
        raise InvalidInput("objection.kind.invalid")
    identifier = normalise(
        kind=objection.kind, raw=objection.identifier, platform=objection.platform
    )
    reason = objection.reason.strip()
    contact = objection.contact.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput("objection.reason.invalid")
    if len(contact) > MAX_CONTACT:
        raise InvalidInput("objection.contact.invalid")
    throttle.begin_attempt(
        session, settings=settings, keys=objection_keys(secrets=secrets, address=address)
    )
    row = Objection(
        identifier_kind=identifier.kind.value,
        identifier_sealed=_seal(secrets, "identifier", identifier.value),
        reason_sealed=_seal(secrets, "reason", reason),
        contact_sealed=_seal(secrets, "contact", contact) if contact else "",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor_id=None,
        action="objection.receive",
        subject_type="objection",
        subject_id=row.id,
        after={"kind": row.identifier_kind, "contact": bool(contact)},
    )
    session.commit()


def objection_queue(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    status: str = ObjectionStatus.OPEN,
    limit: int = 50,
) -> list[ObjectionView]:
    """Objections in ``status``, oldest first, each with the warnings naming it."""
    require(actor, *STAFF)
    if status not in tuple(ObjectionStatus):
        raise InvalidInput("objection.status.invalid")
    order = (
        col(Objection.received_at)
        if status == ObjectionStatus.OPEN
        else col(Objection.handled_at).desc()
    )
    rows = session.exec(
        select(Objection).where(Objection.status == status).order_by(order).limit(limit)
    ).all()
    return [_view(session, secrets, row) for row in rows]


def retract_listed(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    objection_id: int,
    warning_id: int,
    note: str,
) -> None:
    """Uphold the objection: retract a warning that names his identifier."""
    require(actor, *STAFF)
    note = _note(note)
    row, listed = _listed(session, secrets, objection_id, warning_id)
    lifecycle.retract_warning(session, actor=actor, warning_id=listed.warning_id, reason=note)
    _handle(session, secrets, actor, row, "retracted", note)


def remove_listed_identifier(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    objection_id: int,
    warning_id: int,
    note: str,
) -> None:
    """Uphold it in part: the warning stays, without his identifier."""
    require(actor, *STAFF)
    note = _note(note)
    row, listed = _listed(session, secrets, objection_id, warning_id)
    lifecycle.correct_warning(
        session,
        secrets=secrets,
        actor=actor,
        warning_id=listed.warning_id,
        correction=WarningCorrection(remove_identifier_ids=[listed.identifier_id]),
        reason=note,
    )
    _handle(session, secrets, actor, row, "corrected", note)


def keep_listing(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, objection_id: int, note: str
) -> None:
    """Close the objection without changing a warning (not upheld, or nothing listed)."""
    require(actor, *STAFF)
    note = _note(note)
    _handle(session, secrets, actor, _open_row(session, objection_id), "kept", note)


def prune_objections(session: Session, *, settings: Settings, now: datetime | None = None) -> int:
    """Erase objections handled longer ago than their retention; commits."""
    moment = now or utcnow()
    result = session.exec(
        delete(Objection).where(
            col(Objection.status) == ObjectionStatus.HANDLED,
            col(Objection.handled_at) <= moment - timedelta(days=settings.objection_retention_days),
        )
    )
    session.commit()
    return result.rowcount or 0


def _handle(
    session: Session,
    secrets: InstanceSecrets,
    actor: Actor,
    row: Objection,
    outcome: str,
    note: str,
) -> None:
    row.status, row.outcome = ObjectionStatus.HANDLED, outcome
    row.note_sealed = _seal(secrets, "note", note)
    row.handled_by_id, row.handled_at = actor.member_id, utcnow()
    session.add(row)
    audit.record(
        session,
        actor_id=actor.member_id,
        action="objection.handle",
        subject_type="objection",
        subject_id=row.id,
        after={"outcome": outcome},
    )
    session.commit()


def _note(note: str) -> str:
    """Checked before anything changes: the warning's change and the
    objection's outcome carry the same note."""
    text = " ".join(note.split())
    if not text or len(text) > 500:
        raise InvalidInput("moderation.reason.invalid")
    return text


def _open_row(session: Session, objection_id: int) -> Objection:
    row = session.get(Objection, objection_id)
    if row is None or row.status != ObjectionStatus.OPEN:
        raise NotFound()
    return row


def _listed(
    session: Session, secrets: InstanceSecrets, objection_id: int, warning_id: int
) -> tuple[Objection, ListedWarning]:
    """The open objection and its listing in ``warning_id``: a moderator can act
    through an objection only on a warning that names its identifier."""
    row = _open_row(session, objection_id)
    for listed in _listings(session, secrets, row):
        if listed.warning_id == warning_id and listed.status == "active":
            return row, listed
    raise NotFound()


def _listings(session: Session, secrets: InstanceSecrets, row: Objection) -> list[ListedWarning]:
    identifier = Identifier(IdentifierKind(row.identifier_kind), _open(secrets, "identifier", row))
    pairs = set(field_crypto.blind_indexes(secrets=secrets, identifier=identifier))
    found = session.exec(
        select(Warning, WarningIdentifier)
        .join(WarningIdentifier)
        .where(col(WarningIdentifier.blind_index).in_([index for _, index in pairs]))
        .order_by(col(Warning.id), col(WarningIdentifier.id))
    ).all()
    return [
        ListedWarning(
            warning_id=stored_id(warning),
            report_id=warning.report_id,
            status=warning.status,
            summary=warning.summary,
            identifier_id=stored_id(item),
            masked=item.masked,
        )
        for warning, item in found
        if (item.key_id, item.blind_index) in pairs
    ]


def _view(session: Session, secrets: InstanceSecrets, row: Objection) -> ObjectionView:
    return ObjectionView(
        id=stored_id(row),
        kind=row.identifier_kind,
        identifier=_open(secrets, "identifier", row),
        reason=_open(secrets, "reason", row),
        contact=_open(secrets, "contact", row),
        received_at=row.received_at,
        status=row.status,
        outcome=row.outcome,
        note=_open(secrets, "note", row),
        listed=_listings(session, secrets, row) if row.status == ObjectionStatus.OPEN else [],
    )


def _seal(secrets: InstanceSecrets, name: str, text: str) -> str:
    return field_crypto.encrypt(secrets=secrets, field=_FIELDS[name], plaintext=text)


def _open(secrets: InstanceSecrets, name: str, row: Objection) -> str:
    token = getattr(row, f"{name}_sealed")
    return field_crypto.decrypt(secrets=secrets, field=_FIELDS[name], token=token) if token else ""
