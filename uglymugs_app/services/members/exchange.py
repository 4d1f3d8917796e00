""" "Ask for more", both ways: the moderator's questions and her answers.

Each message is sealed like a report's narrative; the whole exchange is
deleted with the decision (or the application's expiry), as her evidence is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from uglymugs_app.models import ApplicationMessage, Member, MemberStatus, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.members.accounts import seal_ad_link
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

MESSAGE_FIELD = "application_message.body"
LINK_FIELD = "application_message.link"
MESSAGE_MAX = 1000
# She may answer while asked, add to a waiting application, or come back
# after it expired (then with new evidence: see ``answer``).
ANSWERABLE = (MemberStatus.MORE_INFO, MemberStatus.PENDING, MemberStatus.EXPIRED)


@dataclass(frozen=True)
class ExchangeEntry:
    from_staff: bool
    author: str  # the moderator's working name; "" for hers
    text: str
    link: str  # a new ad link she sent with her answer
    at: datetime


def message_text(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise InvalidInput("verification.message.missing")
    if len(text) > MESSAGE_MAX:
        raise InvalidInput("verification.message.too_long")
    return text


def add_question(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, member: Member, text: str
) -> None:
    """The moderator's question (not committed: the caller records the decision)."""
    session.add(
        ApplicationMessage(
            member_id=member.id or 0,
            from_staff=True,
            author_id=actor.member_id,
            body_sealed=_seal(secrets, MESSAGE_FIELD, text),
        )
    )


def answer(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    text: str,
    link: str = "",
    now: datetime | None = None,
) -> None:
    """Her answer: words, a new ad link, or both. It puts her application back
    in the queue; after expiry only a new link starts it again."""
    require(actor, Role.APPLICANT)
    member = session.get(Member, actor.member_id)
    if member is None or member.status not in ANSWERABLE:
        raise InvalidInput("verification.not_waiting")
    body = message_text(text, required=False)
    link = (link or "").strip()
    if not body and not link:
        raise InvalidInput("verification.answer.missing")
    if member.status == MemberStatus.EXPIRED and not link:
        raise InvalidInput("verification.answer.link_needed")
    if link:
        seal_ad_link(secrets, member, link)  # checks the link; keys for duplicates
    moment = now or utcnow()
    if member.status == MemberStatus.EXPIRED:
        member.applied_at = moment  # a new application: its wait starts now
    session.add(
        ApplicationMessage(
            member_id=member.id or 0,
            from_staff=False,
            body_sealed=_seal(secrets, MESSAGE_FIELD, body) if body else "",
            link_sealed=_seal(secrets, LINK_FIELD, link) if link else "",
        )
    )
    member.status = MemberStatus.PENDING
    member.moderator_message = ""
    member.application_active_at = moment
    session.add(member)
    session.commit()


def exchanges(
    session: Session, *, secrets: InstanceSecrets, member_ids: list[int]
) -> dict[int, list[ExchangeEntry]]:
    """The exchange of each application, oldest message first (one query each)."""
    if not member_ids:
        return {}
    rows = list(
        session.exec(
            select(ApplicationMessage)
            .where(col(ApplicationMessage.member_id).in_(member_ids))
            .order_by(col(ApplicationMessage.created_at), col(ApplicationMessage.id))
        )
    )
    author_ids = {r.author_id for r in rows if r.author_id is not None}
    names = dict(
        session.exec(
            select(Member.id, Member.working_name).where(col(Member.id).in_(author_ids))
        ).all()
        if author_ids
        else []
    )
    found: dict[int, list[ExchangeEntry]] = defaultdict(list)
    for row in rows:
        found[row.member_id].append(
            ExchangeEntry(
                from_staff=row.from_staff,
                author=names.get(row.author_id, "") if row.from_staff else "",
                text=_open(secrets, MESSAGE_FIELD, row.body_sealed),
                link=_open(secrets, LINK_FIELD, row.link_sealed),
                at=row.created_at,
            )
        )
    return dict(found)


def delete_exchange(session: Session, *, member_id: int) -> None:
    """With the decision or the expiry (not committed)."""
    session.exec(  # type: ignore[call-overload]
        delete(ApplicationMessage).where(col(ApplicationMessage.member_id) == member_id)
    )


def _seal(secrets: InstanceSecrets, field: str, text: str) -> str:
    return field_crypto.encrypt(secrets=secrets, field=field, plaintext=text)


def _open(secrets: InstanceSecrets, field: str, token: str) -> str:
    return field_crypto.decrypt(secrets=secrets, field=field, token=token) if token else ""
