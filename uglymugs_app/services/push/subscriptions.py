"""A member's push devices: store, list, change preferences, remove.

What the settings page calls. Nothing returned here carries the endpoint or
the keys: a ``Device`` is safe to show (and to put in a Reflex var).
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlsplit

from sqlalchemy import delete
from sqlmodel import Session, col, select

from uglymugs_app.i18n import supported
from uglymugs_app.models.membership import Member, MemberStatus
from uglymugs_app.models.push import Channel, OutboxStatus, PushOutbox, PushSubscription
from uglymugs_app.services.security import field_crypto
from uglymugs_app.services.security.field_crypto import PUSH_AUTH, PUSH_ENDPOINT, PUSH_P256DH
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings, get_settings
from uglymugs_app.vocabulary import SEVERITIES

MAX_REGIONS = 40
MAX_ENDPOINT_LENGTH = 1024


class InvalidSubscriptionError(ValueError):
    """The browser sent a subscription or preference the server will not store."""


@dataclass(frozen=True)
class Device:
    """One subscribed device as the settings page shows it."""

    id: int
    device_label: str
    language: str
    regions: tuple[str, ...]
    min_severity: str
    quiet_start: time | None
    quiet_end: time | None
    created_at: datetime
    last_success_at: datetime | None
    discreet: bool = False
    # Saved by an applicant for her own news only: no warnings reach it.
    personal_only: bool = False


def _device(row: PushSubscription) -> Device:
    return Device(
        id=row.id or 0,
        device_label=row.device_label,
        language=row.language,
        regions=tuple(row.regions),
        min_severity=row.min_severity,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        created_at=row.created_at,
        last_success_at=row.last_success_at,
        discreet=row.discreet,
        personal_only=row.personal_only,
    )


def _b64url(value: str, *, expected: int, name: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as error:
        raise InvalidSubscriptionError(f"{name} is not base64url") from error
    if len(raw) != expected:
        raise InvalidSubscriptionError(f"{name} has the wrong length")
    return value.rstrip("=")


def validate_endpoint(endpoint: str, *, settings: Settings) -> str:
    """Accept only https URLs of a known push service (or a local test receiver)."""
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise InvalidSubscriptionError("endpoint too long")
    parts = urlsplit(endpoint)
    if parts.scheme != "https" and not (settings.push_allow_http and parts.scheme == "http"):
        raise InvalidSubscriptionError("endpoint must use https")
    host = (parts.hostname or "").lower()
    allowed = any(
        host.endswith(entry) if entry.startswith(".") else host == entry
        for entry in settings.push_endpoint_hosts
    )
    if not allowed or parts.username or parts.password:
        raise InvalidSubscriptionError("endpoint is not a known push service")
    return endpoint


def _preferences(
    *, language: str, regions: Sequence[str], min_severity: str
) -> tuple[str, list[str]]:
    if min_severity not in SEVERITIES:
        raise InvalidSubscriptionError("unknown severity")
    clean = sorted({region.strip() for region in regions if region.strip()})
    if len(clean) > MAX_REGIONS or any(len(region) > 64 for region in clean):
        raise InvalidSubscriptionError("too many or too long regions")
    return supported(language), clean


def save_subscription(
    session: Session,
    *,
    secrets: InstanceSecrets,
    member_id: int,
    endpoint: str,
    p256dh: str,
    auth: str,
    language: str,
    regions: Sequence[str],
    min_severity: str = "low",
    quiet_start: time | None = None,
    quiet_end: time | None = None,
    device_label: str = "",
    discreet: bool = False,
    personal_only: bool = False,
    settings: Settings | None = None,
) -> Device:
    """Store this device's subscription, or update it if the endpoint is known.

    A known endpoint passes to ``member_id``: the phone now belongs to whoever
    subscribed it last. ``personal_only``: for her own news, never a warning
    (an applicant's device); subscribing it again without it lets warnings
    in. Flushes but does not commit.
    """
    validate_endpoint(endpoint, settings=settings or get_settings())
    p256dh = _b64url(p256dh, expected=65, name="p256dh")
    auth = _b64url(auth, expected=16, name="auth")
    language, clean_regions = _preferences(
        language=language, regions=regions, min_severity=min_severity
    )
    index = field_crypto.endpoint_index(secrets=secrets, endpoint=endpoint)
    row = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint_index == index)
    ).first()
    if row is None:
        row = PushSubscription(
            member_id=member_id,
            endpoint_index=index,
            endpoint_sealed=_seal(secrets, PUSH_ENDPOINT, endpoint),
            p256dh_sealed="",
            auth_sealed="",
        )
    row.member_id = member_id
    row.p256dh_sealed = _seal(secrets, PUSH_P256DH, p256dh)
    row.auth_sealed = _seal(secrets, PUSH_AUTH, auth)
    row.language = language
    row.regions = clean_regions
    row.min_severity = min_severity
    row.quiet_start, row.quiet_end = quiet_start, quiet_end
    row.device_label = device_label.strip()[:60]
    row.discreet = bool(discreet)
    row.personal_only = bool(personal_only)
    session.add(row)
    session.flush()
    return _device(row)


def set_discreet(
    session: Session,
    *,
    secrets: InstanceSecrets,
    member_id: int,
    endpoint: str,
    discreet: bool,
) -> bool:
    """Set whether the device with this endpoint, if it is hers, gets discreet notifications.

    The choice is made on the device (its settings page), so the device names
    itself by its endpoint. False (and nothing changed) when it is not hers.
    """
    row = _her_device(session, secrets, member_id, endpoint)
    if row is None:
        return False
    row.discreet = bool(discreet)
    session.add(row)
    session.flush()
    return True


def list_devices(
    session: Session, *, member_id: int, channel: str | None = Channel.WEBPUSH
) -> list[Device]:
    """Her subscribed devices, oldest first: of one channel (her push devices by
    default), or of every channel (``None``: her e-mail address too)."""
    query = select(PushSubscription).where(PushSubscription.member_id == member_id)
    if channel is not None:
        query = query.where(PushSubscription.channel == channel)
    rows = session.exec(query.order_by(col(PushSubscription.id))).all()
    return [_device(row) for row in rows]


def find_device(
    session: Session, *, secrets: InstanceSecrets, member_id: int, endpoint: str
) -> Device | None:
    """The device with this endpoint if it is hers ("is this phone subscribed?")."""
    row = _her_device(session, secrets, member_id, endpoint)
    return _device(row) if row else None


def _her_device(
    session: Session, secrets: InstanceSecrets, member_id: int, endpoint: str
) -> PushSubscription | None:
    """Her subscription with this endpoint, found by its keyed index; None when
    the endpoint is unknown or another member's."""
    return session.exec(
        select(PushSubscription).where(
            PushSubscription.endpoint_index
            == field_crypto.endpoint_index(secrets=secrets, endpoint=endpoint),
            PushSubscription.member_id == member_id,
        )
    ).first()


def update_preferences(
    session: Session,
    *,
    member_id: int,
    device_id: int,
    language: str,
    regions: Sequence[str],
    min_severity: str,
    quiet_start: time | None,
    quiet_end: time | None,
    device_label: str,
) -> Device | None:
    """Change one of her devices' preferences; None if it is not hers."""
    row = session.get(PushSubscription, device_id)
    if row is None or row.member_id != member_id:
        return None
    row.language, row.regions = _preferences(
        language=language, regions=regions, min_severity=min_severity
    )
    row.min_severity = min_severity
    row.quiet_start, row.quiet_end = quiet_start, quiet_end
    row.device_label = device_label.strip()[:60]
    session.add(row)
    session.flush()
    return _device(row)


def forget_subscriptions(session: Session, subscription_ids: Sequence[int]) -> None:
    """Remove subscriptions with every outbox entry addressed to them."""
    if not subscription_ids:
        return
    session.execute(delete(PushOutbox).where(col(PushOutbox.subscription_id).in_(subscription_ids)))
    session.execute(delete(PushSubscription).where(col(PushSubscription.id).in_(subscription_ids)))


def delete_device(session: Session, *, member_id: int, device_id: int) -> bool:
    """Remove one of her devices; False if it is not hers."""
    row = session.get(PushSubscription, device_id)
    if row is None or row.member_id != member_id:
        return False
    forget_subscriptions(session, [device_id])
    return True


def delete_member_devices(session: Session, *, member_id: int) -> int:
    """Remove all her devices (account closed or membership revoked)."""
    ids = session.exec(
        select(PushSubscription.id).where(PushSubscription.member_id == member_id)
    ).all()
    forget_subscriptions(session, [i for i in ids if i is not None])
    return len(ids)


def prune_rejected_devices(session: Session) -> int:
    """Remove the devices of rejected applicants once nothing is left to send them.

    They stay only to hear the decision (``verification``); a warning never
    reaches them (``enqueue_for_warning`` takes active members only). Flushes
    but does not commit; returns the devices removed.
    """
    waiting = select(PushOutbox.subscription_id).where(
        col(PushOutbox.status).in_(OutboxStatus.OPEN)
    )
    ids = session.exec(
        select(PushSubscription.id)
        .join(Member, col(Member.id) == col(PushSubscription.member_id))
        .where(
            Member.status == MemberStatus.REJECTED,
            col(PushSubscription.id).not_in(waiting),
        )
    ).all()
    forget_subscriptions(session, [i for i in ids if i is not None])
    return len(ids)


def replace_endpoint(
    session: Session,
    *,
    secrets: InstanceSecrets,
    old_endpoint: str,
    old_auth: str,
    endpoint: str,
    p256dh: str,
    auth: str,
    settings: Settings | None = None,
) -> bool:
    """Move a subscription to the new endpoint the browser made for it.

    Called from the service worker's ``pushsubscriptionchange`` with no login:
    knowing the old endpoint together with its auth secret proves the caller
    is that device. False (and nothing changed) when they do not match.
    """
    row = session.exec(
        select(PushSubscription).where(
            PushSubscription.endpoint_index
            == field_crypto.endpoint_index(secrets=secrets, endpoint=old_endpoint)
        )
    ).first()
    if row is None:
        return False
    stored_auth = field_crypto.decrypt(secrets=secrets, field=PUSH_AUTH, token=row.auth_sealed)
    if not hmac.compare_digest(stored_auth.encode(), old_auth.rstrip("=").encode()):
        return False
    validate_endpoint(endpoint, settings=settings or get_settings())
    new_index = field_crypto.endpoint_index(secrets=secrets, endpoint=endpoint)
    clash = session.exec(
        select(PushSubscription.id).where(PushSubscription.endpoint_index == new_index)
    ).first()
    if clash is not None and clash != row.id:
        forget_subscriptions(session, [clash])
    row.endpoint_index = new_index
    row.endpoint_sealed = _seal(secrets, PUSH_ENDPOINT, endpoint)
    row.p256dh_sealed = _seal(secrets, PUSH_P256DH, _b64url(p256dh, expected=65, name="p256dh"))
    row.auth_sealed = _seal(secrets, PUSH_AUTH, _b64url(auth, expected=16, name="auth"))
    session.add(row)
    session.flush()
    return True


def _seal(secrets: InstanceSecrets, field: str, value: str) -> str:
    return field_crypto.encrypt(secrets=secrets, field=field, plaintext=value)
