"""Members, their sessions, single-use codes and the login throttle.

No legal name, e-mail or phone number: a member is a working name, a password
hash and her choices. Secrets are stored only as hashes (session tokens,
codes) or sealed (TOTP secret, evidence link), never in plain text.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class Role(StrEnum):
    APPLICANT = "applicant"
    MEMBER = "member"
    OUTREACH = "outreach"
    MODERATOR = "moderator"
    ADMIN = "admin"


class MemberStatus(StrEnum):
    PENDING = "pending"  # applicant waiting for a moderator
    MORE_INFO = "more_info"  # a moderator asked her for more
    REJECTED = "rejected"
    EXPIRED = "expired"  # no activity for too long: evidence deleted, she may apply again
    ACTIVE = "active"
    SUSPENDED = "suspended"


class CodePurpose(StrEnum):
    INVITE = "invite"  # outreach worker -> newcomer: verified at once
    VOUCH = "vouch"  # verified member -> newcomer: still reviewed
    RESET = "reset"  # moderator -> member who forgot her password
    SETUP = "setup"  # console -> the first admin
    RECOVERY = "recovery"  # TOTP recovery codes of staff


class Member(SQLModel, table=True):
    __tablename__ = "member"
    # SQLite would otherwise hand a deleted member's id to the next account,
    # and with it whatever still names that id (devices, keyed references).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    working_name: str = Field(max_length=40)
    # casefolded working name: "Roxy" and "roxy" are one name.
    name_key: str = Field(max_length=40, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    role: str = Field(default=Role.APPLICANT, max_length=12, index=True)
    status: str = Field(default=MemberStatus.PENDING, max_length=12, index=True)
    language: str = Field(default="en", max_length=8)
    regions: str = Field(default="[]", max_length=400)  # JSON list of region codes
    gender: str = Field(default="", max_length=16)
    work_kinds: str = Field(default="[]", max_length=200)  # JSON list
    # Where her clients' numbers without a country code come from ("" = the
    # country of her language); the check and her reports read them so.
    phone_country: str = Field(default="", max_length=2)
    # Verification: what she offered, sealed; deleted once decided.
    evidence_kind: str = Field(default="", max_length=12)  # "ad_link" | "invite" | "vouch"
    evidence_sealed: str = ""
    vouched_by_id: int | None = None
    # Keyed hashes (services/members/evidence.py), never the link or code: the
    # same ad or code on another account is flagged; the site's for search.
    evidence_key: str = Field(default="", max_length=64, index=True)
    evidence_site_key: str = Field(default="", max_length=64, index=True)
    # "I'm handling this": one moderator at a time; lapses after a setting.
    claimed_by_id: int | None = Field(default=None, index=True)
    claimed_at: datetime | None = None
    # The last thing either side did on the application (expiry counts from it).
    application_active_at: datetime | None = Field(default_factory=utcnow, index=True)
    moderator_message: str = Field(default="", max_length=1000)
    applied_at: datetime = Field(default_factory=utcnow, index=True)
    decided_at: datetime | None = None
    decided_by_id: int | None = None
    decision_seconds: int | None = None  # application to decision, for the statistics
    status_reason: str = Field(default="", max_length=500)  # suspension reason
    totp_sealed: str = ""  # sealed base32 secret, pending until totp_enabled
    totp_enabled: bool = False
    totp_last_step: int = 0  # a code is accepted once
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None


class MemberSession(SQLModel, table=True):
    """A login on one device; the browser keeps the token, we keep its SHA-256."""

    __tablename__ = "member_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    member_id: int = Field(foreign_key="member.id", index=True, ondelete="CASCADE")
    # False while staff have yet to enrol two-factor: the session opens nothing else.
    complete: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow, index=True)


class OneTimeCode(SQLModel, table=True):
    """Invite, vouch, reset, setup and recovery codes: hashed, single use, expiring."""

    __tablename__ = "one_time_code"

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=10, index=True)
    code_hash: str = Field(max_length=64, unique=True, index=True)
    issued_by_id: int | None = Field(default=None, index=True)
    member_id: int | None = Field(default=None, index=True)  # whom a reset/recovery is for
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime | None = Field(default=None, index=True)
    used_at: datetime | None = None
    used_by_id: int | None = None


class LoginThrottle(SQLModel, table=True):
    """Failed logins per account and per address (keyed hashes, never the address)."""

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=80)
    failures: int = 0
    last_failure_at: datetime = Field(default_factory=utcnow)
    blocked_until: datetime | None = None
