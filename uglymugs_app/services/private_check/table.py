"""The check table: built from the sealed identifiers of active warnings.

For every identifier of every active warning the server computes the OPRF
output (it knows these values: they are in the reports) and stores a row of
a short tag and the warning id sealed under a key, both derived from that
output. A member's device downloads the rows; only an input whose OPRF
output it obtained (one blinded evaluation, counted against her limits)
finds a row and opens it.

The rows follow the warnings: a publication or correction refreshes that
warning's rows; a retraction or expiry deletes its identifier rows, and
their table rows with them; what is served is joined with the active
warnings, so an expired warning leaves the table at the moment it expires,
before any housekeeping. A new OPRF key makes every row stale:
``ensure_current`` (before serving and in housekeeping) and ``rebuild``
(the rotation command) build them again under the new key.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, func, select

from uglymugs_app.models import CheckTableRow, ReportIdentifier, Warning, WarningIdentifier
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import VERIFIED, Actor, require
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS, Identifier, IdentifierKind
from uglymugs_app.services.private_check import oprf
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.lifecycle import active_clause


@dataclass(frozen=True)
class CheckTable:
    """What a member's device gets: the key to verify proofs against and the rows.

    ``rows``: ``[tag (hex), sealed warning id (base64)]``, in tag order (so
    the order says nothing about when a warning was published).
    """

    key_id: str
    public_key: str  # base64
    rows: list[list[str]]
    version: str  # changes whenever what is served changes (``table_version``)


def table_for_member(
    session: Session, *, actor: Actor, secrets: InstanceSecrets, now: datetime | None = None
) -> CheckTable:
    """The current table, for a verified member; stale rows are rebuilt first."""
    require(actor, *VERIFIED)
    moment = now or utcnow()
    ensure_current(session, secrets=secrets, now=moment)
    rows = session.exec(
        select(CheckTableRow.tag, CheckTableRow.box)
        .join(WarningIdentifier, col(WarningIdentifier.id) == col(CheckTableRow.identifier_id))
        .join(Warning, col(Warning.id) == col(WarningIdentifier.warning_id))
        .where(CheckTableRow.key_id == secrets.oprf_key_id, active_clause(moment))
        .order_by(col(CheckTableRow.tag), col(CheckTableRow.box))
    ).all()
    return CheckTable(
        key_id=secrets.oprf_key_id,
        public_key=base64.b64encode(oprf.public_key(secrets.oprf_seed)).decode(),
        rows=[[tag, sealed] for tag, sealed in rows],
        version=table_version(session, secrets=secrets, now=moment),
    )


def table_version(
    session: Session, *, secrets: InstanceSecrets, now: datetime | None = None
) -> str:
    """A cheap fingerprint of the served table: the key, the rows written and
    deleted, and the visible warnings (an expiry changes what is served)."""
    moment = now or utcnow()
    count, newest = session.exec(
        select(func.count(), func.max(CheckTableRow.id)).where(
            CheckTableRow.key_id == secrets.oprf_key_id
        )
    ).one()
    visible, changed = session.exec(
        select(func.count(), func.max(Warning.updated_at)).where(active_clause(moment))
    ).one()
    return f"{secrets.oprf_key_id}:{count}:{newest}:{visible}:{changed}"


def refresh_warning(
    session: Session,
    *,
    secrets: InstanceSecrets,
    warning_id: int,
    now: datetime | None = None,
    opened: dict[tuple[str, str], Identifier] | None = None,
) -> int:
    """Rebuild one warning's rows under the current key (none once it is not
    active); the caller commits. ``opened``: the report's identifier values by
    (key id, blind index) when the caller has them open already (publishing).
    Returns the rows written."""
    identifiers = session.exec(
        select(WarningIdentifier).where(WarningIdentifier.warning_id == warning_id)
    ).all()
    ids = [stored_id(row) for row in identifiers]
    if ids:
        session.exec(delete(CheckTableRow).where(col(CheckTableRow.identifier_id).in_(ids)))
    warning = session.exec(
        select(Warning).where(Warning.id == warning_id, active_clause(now or utcnow()))
    ).first()
    if warning is None or not identifiers:
        return 0
    values = opened if opened is not None else _opened_values(session, secrets, warning.report_id)
    seed, written = secrets.oprf_seed, 0
    for row in identifiers:
        identifier = values.get((row.key_id, row.blind_index))
        if identifier is None:
            continue
        output = oprf.output_for(seed, identifier)
        session.add(
            CheckTableRow(
                identifier_id=stored_id(row),
                key_id=secrets.oprf_key_id,
                tag=oprf.tag_of(output),
                box=base64.b64encode(oprf.seal_warning_id(output, warning_id)).decode(),
            )
        )
        written += 1
    return written


def drop_warning(session: Session, *, warning_id: int) -> None:
    """Take a warning's rows out (retraction, expiry) before its identifier
    rows go; the caller commits."""
    ids = select(WarningIdentifier.id).where(WarningIdentifier.warning_id == warning_id)
    session.exec(delete(CheckTableRow).where(col(CheckTableRow.identifier_id).in_(ids)))


def ensure_current(
    session: Session, *, secrets: InstanceSecrets, now: datetime | None = None
) -> int:
    """Build the rows any active warning lacks under the current key, and drop
    rows of other keys. Cheap when nothing is missing (one query)."""
    moment = now or utcnow()
    missing = session.exec(
        select(WarningIdentifier.warning_id)
        .join(Warning, col(Warning.id) == col(WarningIdentifier.warning_id))
        .outerjoin(
            CheckTableRow,
            (col(CheckTableRow.identifier_id) == col(WarningIdentifier.id))
            & (col(CheckTableRow.key_id) == secrets.oprf_key_id),
        )
        .where(
            active_clause(moment),
            col(CheckTableRow.id).is_(None),
            col(WarningIdentifier.kind).in_([kind.value for kind in MATCHABLE_KINDS]),
        )
        .distinct()
    ).all()
    stale = session.exec(
        delete(CheckTableRow).where(col(CheckTableRow.key_id) != secrets.oprf_key_id)
    ).rowcount
    written = sum(
        refresh_warning(session, secrets=secrets, warning_id=warning_id, now=moment)
        for warning_id in sorted(set(missing))
    )
    if missing or stale:
        session.commit()
    return written


def rebuild(session: Session, *, secrets: InstanceSecrets, now: datetime | None = None) -> int:
    """Every row again under the current key (after a key rotation); commits."""
    session.exec(delete(CheckTableRow))
    warning_ids = session.exec(select(Warning.id).where(active_clause(now or utcnow()))).all()
    written = sum(
        refresh_warning(session, secrets=secrets, warning_id=int(w), now=now)
        for w in warning_ids
        if w is not None
    )
    session.commit()
    return written


def _opened_values(
    session: Session, secrets: InstanceSecrets, report_id: int
) -> dict[tuple[str, str], Identifier]:
    """The report's identifier values by (key id, blind index): a warning row
    has the index of the report row it was published from."""
    rows = session.exec(select(ReportIdentifier).where(ReportIdentifier.report_id == report_id))
    return {
        (row.key_id, row.blind_index): Identifier(
            IdentifierKind(row.kind),
            field_crypto.decrypt(
                secrets=secrets, field="report_identifier.value", token=row.value_sealed
            ),
        )
        for row in rows
    }
