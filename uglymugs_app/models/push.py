"""Web Push: a member's devices, the delivery outbox and delivery counters.

The push endpoint and its keys are personal data (they address one phone at
one push vendor), so they are stored sealed with the field key; a keyed hash
of the endpoint keeps it unique and findable without decrypting every row.

There are deliberately no foreign keys: member tables live elsewhere, and an
outbox row outlives a removed subscription (status ``gone``) until pruned.
"""

from datetime import date, datetime, time

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class OutboxStatus:
    """Life of an outbox entry; only ``pending`` and expired ``sending`` are claimable.

    ``held``: a warning kept back during the device's quiet hours until
    ``next_attempt_at`` (their end); then released as it is, or, when several
    waited for one device, as one summary entry while the others become
    ``merged`` (final: the summary told her about them).
    """

    PENDING = "pending"
    HELD = "held"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    GONE = "gone"
    MERGED = "merged"

    FINAL: tuple[str, ...] = (DELIVERED, FAILED, GONE, MERGED)
    # Not final yet: what a removed subscription's entries are taken out of.
    OPEN: tuple[str, ...] = (PENDING, HELD, SENDING)


class Channel:
    """How a subscription is reached; the sender picks the transport by it.

    Adding a channel (say SMS) means a subscription with that channel and a
    transport for it in the sender; the outbox stays as it is.
    """

    WEBPUSH = "webpush"
    EMAIL = "email"

    ALL: tuple[str, ...] = (WEBPUSH, EMAIL)


class PushSubscription(SQLModel, table=True):
    """One device (or e-mail address) of one member that agreed to be notified.

    ``channel`` says how it is reached. For ``webpush`` the endpoint and keys
    are the browser's; for ``email`` ``endpoint_sealed`` holds the address
    (sealed as ``push_subscription.email``), ``endpoint_index`` a keyed hash of
    the member and the address, and the key columns stay empty.
    """

    __tablename__ = "push_subscription"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(index=True)
    channel: str = Field(default=Channel.WEBPUSH, max_length=16)
    # HMAC of the endpoint URL under a key derived from the field key.
    endpoint_index: str = Field(max_length=64, unique=True)
    # Sealed by field_crypto (AES-GCM): the endpoint URL and the browser's key material.
    endpoint_sealed: str = Field(max_length=2048)
    p256dh_sealed: str = Field(max_length=256)
    auth_sealed: str = Field(max_length=128)
    # Chosen by her ("my work phone"); shown only to her.
    device_label: str = Field(default="", max_length=60)
    language: str = Field(default="en", max_length=8)
    regions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    min_severity: str = Field(default="low", max_length=16)
    # Quiet hours in Dutch local time; during them only high severity arrives.
    # Start after end means the quiet period runs over midnight.
    quiet_start: time | None = None
    quiet_end: time | None = None
    # The device is set to discreet: its notifications say only "New note",
    # with the notepad icon and no region.
    discreet: bool = False
    # A moderator's or admin's device that asked to be told when the queue
    # needs her (new, urgent, replies); never set for other roles' devices.
    staff_alerts: bool = False
    # Saved by an applicant from her status page: only her own news (the
    # decision on her application), never a warning, until she subscribes
    # it again as a member.
    personal_only: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    last_success_at: datetime | None = None


class PushOutbox(SQLModel, table=True):
    """One notification for one subscription, delivered at least once, recorded once."""

    __tablename__ = "push_outbox"
    __table_args__ = (
        UniqueConstraint("notification_key", "subscription_id", name="uq_push_outbox_once"),
        # The sender's claim query: claimable entries in due order.
        Index("ix_push_outbox_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # What is being notified, e.g. "warning:12:r1"; one entry per subscription.
    notification_key: str = Field(max_length=64)
    subscription_id: int = Field(index=True)
    # Web Push Topic header (and the notification tag): a later notification
    # with the same topic replaces an undelivered or shown earlier one.
    topic: str = Field(max_length=32)
    # Title, body, url, tag — never an identifier or a detail of the warning.
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    urgency: str = Field(default="normal", max_length=8)
    ttl_seconds: int = 0
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    next_attempt_at: datetime = Field(default_factory=utcnow)
    # Which sender claimed the entry (one token per claimed batch) and until when.
    claimed_by: str | None = Field(default=None, max_length=64, index=True)
    claimed_until: datetime | None = None
    last_status_code: int | None = None
    finished_at: datetime | None = None


class PushDeliveryDay(SQLModel, table=True):
    """Counters per day (UTC), kept when finished outbox entries are pruned."""

    __tablename__ = "push_delivery_day"

    day: date = Field(primary_key=True)
    delivered: int = 0
    failed: int = 0
    removed: int = 0
    retried: int = 0
