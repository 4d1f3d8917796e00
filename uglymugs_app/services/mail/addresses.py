"""Her address for notifications by e-mail: add (or replace), show masked, remove.

What the notifications page calls. The address is checked for its form only
(no look-up of the domain: that would tell a DNS server she uses the app) and
kept as she typed it, apart from the domain's case. Nothing returned here
carries the address: ``EmailRow.masked`` shows a few characters of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from uglymugs_app.i18n import translate
from uglymugs_app.models.common import utcnow
from uglymugs_app.models.push import Channel, OutboxStatus, PushSubscription
from uglymugs_app.services.actors import VERIFIED, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.identifiers.masking import mask_email
from uglymugs_app.services.push.device_settings import AlertPreferences
from uglymugs_app.services.push.outbox import insert_entries
from uglymugs_app.services.push.payload import DISCREET_ICON, ICON
from uglymugs_app.services.push.subscriptions import forget_subscriptions
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings

MAX_ADDRESS_LENGTH = 254
# A test nobody received within the hour is no test of anything any more.
TEST_TTL_SECONDS = 60 * 60


@dataclass(frozen=True)
class EmailRow:
    """Her notification address as her page shows it."""

    id: int
    masked: str
    discreet: bool


def checked_address(raw: str) -> str:
    """The address as it will be used; ``InvalidInput`` when it is not one."""
    text = (raw or "").strip()
    if not text or len(text) > MAX_ADDRESS_LENGTH:
        raise InvalidInput("email_channel.invalid")
    try:
        found = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput("email_channel.invalid") from None
    local, _, domain = found.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def _her_rows(session: Session, member_id: int) -> list[PushSubscription]:
    return list(
        session.exec(
            select(PushSubscription)
            .where(
                PushSubscription.member_id == member_id,
                PushSubscription.channel == Channel.EMAIL,
            )
            .order_by(col(PushSubscription.id))
        )
    )


def _row(secrets: InstanceSecrets, row: PushSubscription) -> EmailRow:
    address = field_crypto.decrypt(
        secrets=secrets, field=field_crypto.NOTIFY_EMAIL, token=row.endpoint_sealed
    )
    return EmailRow(id=row.id or 0, masked=mask_email(address), discreet=row.discreet)


def set_address(
    session: Session,
    *,
    secrets: InstanceSecrets,
    settings: Settings,
    actor: Actor,
    address: str,
    language: str,
    preferences: AlertPreferences,
    discreet: bool = False,
) -> EmailRow:
    """Give her notifications an e-mail address; one per member, a new one replaces it.

    The address gets the same preferences as her devices (regions, minimum
    severity, quiet hours). Flushes but does not commit.
    """
    require(actor, *VERIFIED)
    if not settings.email_enabled:
        raise InvalidInput("email_channel.off")
    clean = checked_address(address)
    forget_subscriptions(session, [row.id for row in _her_rows(session, actor.member_id) if row.id])
    row = PushSubscription(
        member_id=actor.member_id,
        channel=Channel.EMAIL,
        endpoint_index=field_crypto.email_index(
            secrets=secrets, member_id=actor.member_id, address=clean.lower()
        ),
        endpoint_sealed=field_crypto.encrypt(
            secrets=secrets, field=field_crypto.NOTIFY_EMAIL, plaintext=clean
        ),
        p256dh_sealed="",
        auth_sealed="",
        device_label="",
        language=language,
        regions=list(preferences.regions),
        min_severity=preferences.min_severity,
        quiet_start=preferences.quiet_start,
        quiet_end=preferences.quiet_end,
        discreet=bool(discreet),
    )
    session.add(row)
    session.flush()
    return _row(secrets, row)


def my_address(session: Session, *, secrets: InstanceSecrets, actor: Actor) -> EmailRow | None:
    """Her notification address, masked; None when she gave none."""
    require(actor, *VERIFIED)
    rows = _her_rows(session, actor.member_id)
    return _row(secrets, rows[-1]) if rows else None


def remove_address(session: Session, *, actor: Actor, email_id: int) -> None:
    """Stop e-mail notifications; ``NotFound`` when the id is not her address."""
    require(actor, *VERIFIED)
    if email_id not in {row.id for row in _her_rows(session, actor.member_id)}:
        raise NotFound()
    forget_subscriptions(session, [email_id])


def send_test(
    session: Session, *, actor: Actor, email_id: int, now: datetime | None = None
) -> bool:
    """Queue a test notification to her address; False if one was queued this minute.

    Sent at once, whatever her quiet hours: she asked for it.
    """
    require(actor, *VERIFIED)
    rows = [row for row in _her_rows(session, actor.member_id) if row.id == email_id]
    if not rows:
        raise NotFound()
    now = now or utcnow()
    entry = {
        "notification_key": f"test:{now:%Y%m%d%H%M}",
        "topic": "test",
        "payload": test_payload(language=rows[0].language, discreet=rows[0].discreet),
        "urgency": "normal",
        "ttl_seconds": TEST_TTL_SECONDS,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
    }
    return insert_entries(session, entry, [email_id]) > 0


def test_payload(*, language: str, discreet: bool) -> dict[str, str]:
    """The words of a test notification (the discreet ones for a discreet address)."""
    title, body = (
        ("push.discreet.title", "push.discreet.body")
        if discreet
        else ("email_channel.test.title", "email_channel.test.body")
    )
    return {
        "title": translate(language, title),
        "body": translate(language, body),
        "url": "/notifications",
        "tag": "test",
        "icon": DISCREET_ICON if discreet else ICON,
    }
