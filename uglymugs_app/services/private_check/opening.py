"""What her device gets when she opens the check: the table, every warning a
check can find, and her country for reading national numbers.

The warnings come with the table so that showing an answer asks the server
nothing: a request made only after a match would tell the server there was
one (and which warning). Every active warning is already open to every
verified member (the feed's whole-country view), so this gives her nothing
she could not read; it is held in the page's memory only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from uglymugs_app.models import Warning, WarningIdentifier
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import VERIFIED, Actor, require
from uglymugs_app.services.identifiers.kinds import MATCHABLE_KINDS
from uglymugs_app.services.members.accounts import my_phone_country
from uglymugs_app.services.private_check.table import (
    CheckTable,
    table_for_member,
    table_version,
)
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.lifecycle import WarningView, active_clause, warning_views


@dataclass(frozen=True)
class OpenedCheck:
    table: CheckTable
    warnings: list[WarningView]
    country: str


def open_check(
    session: Session, *, actor: Actor, secrets: InstanceSecrets, now: datetime | None = None
) -> OpenedCheck:
    """The check page's data for a verified member."""
    require(actor, *VERIFIED)
    moment = now or utcnow()
    table = table_for_member(session, actor=actor, secrets=secrets, now=moment)
    findable = select(WarningIdentifier.warning_id).where(
        col(WarningIdentifier.kind).in_([kind.value for kind in MATCHABLE_KINDS])
    )
    warnings = session.exec(
        select(Warning)
        .where(active_clause(moment), col(Warning.id).in_(findable))
        .order_by(col(Warning.id))
    ).all()
    return OpenedCheck(
        table=table,
        warnings=warning_views(session, list(warnings)),
        country=my_phone_country(session, actor=actor),
    )


def reopened_if_changed(
    session: Session,
    *,
    actor: Actor,
    secrets: InstanceSecrets,
    version: str,
    now: datetime | None = None,
) -> OpenedCheck | None:
    """The check page's data again when the table changed since ``version``
    (a warning published, corrected, retracted or expired, a new key); None
    when it did not. Asked at every check, match or not, so a page left open
    never checks against an old table.

    Only the version is read here (two aggregate queries). Missing rows are
    built by ``open_check`` (through ``table_for_member``), which runs
    whenever the version moved: a warning that became visible, changed or
    went, or a new key, all move it. Building them at every check as well
    cost a quarter of the server's time per check (an anti-join and a
    DELETE)."""
    require(actor, *VERIFIED)
    moment = now or utcnow()
    if table_version(session, secrets=secrets, now=moment) == version:
        return None
    return open_check(session, actor=actor, secrets=secrets, now=moment)
