"""The verification queue at the scale of a backlog: pages, search, counts.

A page reads one page of applicants and, for those only, their vouchers,
claimants and duplicate flags in one query each. The ad link is opened only
for the application a moderator has taken (``verification.open_application``);
the queue shows its site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, or_
from sqlalchemy import select as select_row
from sqlmodel import Session, col, select

from uglymugs_app.models import Member, MemberStatus, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.members import evidence
from uglymugs_app.services.members.accounts import EVIDENCE_FIELD
from uglymugs_app.services.members.claims import OPEN_STATUSES, claim_cutoff, holder
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings

VIEWS = ("all", "pending", "more_info", "unclaimed", "mine")
SEARCH_MAX = 100


@dataclass(frozen=True)
class QueueEntry:
    member_id: int
    working_name: str
    status: str
    applied_at: datetime
    active_at: datetime | None
    evidence_kind: str
    site: str  # the ad site, e.g. "ads.example"; the link only once she takes it
    regions: list[str]
    vouched_by: str
    claimed_by: str  # "" when nobody (or a lapsed claim) holds it
    claimed_by_me: bool
    duplicates: list[evidence.Duplicate] = field(default_factory=list)


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    total: int  # applications matching the view and search
    counts: dict[str, int]  # per view, without the search
    offset: int
    limit: int


def queue_page(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    view: str = "all",
    search: str = "",
    offset: int = 0,
    now: datetime | None = None,
) -> QueuePage:
    """One page of open applications, oldest first, with the counts per view.

    ``search`` finds a working name (any part of it) or an ad site
    ("ads.example", or a whole link to an ad there).
    """
    require(actor, *STAFF)
    moment = now or utcnow()
    view = view if view in VIEWS else "all"
    limit = max(1, settings.verification_page_size)
    offset = max(0, int(offset))
    conditions = [*_open_conditions(), *_view_conditions(view, actor, settings, moment)]
    conditions += _search_conditions(secrets, search)
    total = session.exec(select(func.count()).select_from(Member).where(*conditions)).one()
    if offset >= total > 0:
        offset = (total - 1) // limit * limit
    members = list(
        session.exec(
            select(Member)
            .where(*conditions)
            .order_by(col(Member.applied_at), col(Member.id))
            .offset(offset)
            .limit(limit)
        )
    )
    return QueuePage(
        entries=entries_for(session, secrets, settings, actor, members, moment),
        total=total,
        counts=queue_counts(session, settings=settings, actor=actor, now=moment),
        offset=offset,
        limit=limit,
    )


def queue_counts(
    session: Session, *, settings: Settings, actor: Actor, now: datetime | None = None
) -> dict[str, int]:
    """Open applications per view: all, pending, more_info, unclaimed, mine."""
    require(actor, *STAFF)
    live = _live_claim(settings, now or utcnow())
    row = session.execute(
        select_row(
            func.count(),
            func.sum(case((col(Member.status) == MemberStatus.PENDING, 1), else_=0)),
            func.sum(case((col(Member.status) == MemberStatus.MORE_INFO, 1), else_=0)),
            func.sum(case((live, 0), else_=1)),
            func.sum(case((and_(live, col(Member.claimed_by_id) == actor.member_id), 1), else_=0)),
        ).where(*_open_conditions())
    ).one()
    return dict(zip(VIEWS, (int(value or 0) for value in row), strict=True))


def queue_version(session: Session) -> str:
    """Changes whenever the queue does (an application in or out, a claim, an
    answer): the live queue compares it every few seconds and reloads on change."""
    row = session.execute(
        select_row(
            func.count(),
            func.max(Member.application_active_at),
            func.count(col(Member.claimed_by_id)),
            func.sum(col(Member.claimed_by_id)),
            func.max(Member.claimed_at),
            func.max(Member.id),
        ).where(*_open_conditions())
    ).one()
    return "|".join(str(value) for value in row)


def opened_link(secrets: InstanceSecrets, member: Member) -> str:
    if not member.evidence_sealed:
        return ""
    return field_crypto.decrypt(secrets=secrets, field=EVIDENCE_FIELD, token=member.evidence_sealed)


def entries_for(
    session: Session,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    members: list[Member],
    moment: datetime,
) -> list[QueueEntry]:
    holders = {m.id: holder(m, settings, moment) for m in members}
    people = {m.vouched_by_id for m in members if m.vouched_by_id} | {
        h for h in holders.values() if h
    }
    names = dict(
        session.exec(select(Member.id, Member.working_name).where(col(Member.id).in_(people))).all()
        if people
        else []
    )
    duplicates = evidence.duplicates_of(session, members)
    entries = []
    for member in members:
        held_by = holders[member.id]
        link = opened_link(secrets, member) if member.evidence_kind == "ad_link" else ""
        entries.append(
            QueueEntry(
                member_id=member.id or 0,
                working_name=member.working_name,
                status=member.status,
                applied_at=member.applied_at,
                active_at=member.application_active_at,
                evidence_kind=member.evidence_kind,
                site=evidence.site_of(link) if link else "",
                regions=json.loads(member.regions),
                vouched_by=names.get(member.vouched_by_id, "") if member.vouched_by_id else "",
                claimed_by=names.get(held_by, "") if held_by else "",
                claimed_by_me=held_by == actor.member_id,
                duplicates=duplicates.get(member.id or 0, []),
            )
        )
    return entries


def _open_conditions() -> list:
    return [col(Member.role) == Role.APPLICANT, col(Member.status).in_(OPEN_STATUSES)]


def _live_claim(settings: Settings, moment: datetime):
    return and_(
        col(Member.claimed_by_id).is_not(None),
        col(Member.claimed_at) > claim_cutoff(settings, moment),
    )


def _view_conditions(view: str, actor: Actor, settings: Settings, moment: datetime) -> list:
    live = _live_claim(settings, moment)
    if view in (MemberStatus.PENDING, MemberStatus.MORE_INFO):
        return [col(Member.status) == view]
    if view == "unclaimed":
        return [~live]
    if view == "mine":
        return [live, col(Member.claimed_by_id) == actor.member_id]
    return []


def _search_conditions(secrets: InstanceSecrets, search: str) -> list:
    text = " ".join((search or "").split())[:SEARCH_MAX].casefold()
    if not text:
        return []
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    by_name = col(Member.name_key).like(f"%{escaped}%", escape="\\")
    site = evidence.site_of(text) if "." in text else ""
    if not site:
        return [by_name]
    return [or_(by_name, col(Member.evidence_site_key) == evidence.site_key(secrets, site))]
