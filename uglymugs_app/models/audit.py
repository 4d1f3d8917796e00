"""The audit log: every moderator and admin action, append-only."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=64, index=True)
    subject_type: str = Field(default="", max_length=32)
    subject_id: int | None = None
    # A short, identifier-free note; never a phone number, never a narrative.
    detail: str = Field(default="", max_length=500)
    # JSON summaries of the changed fields before and after; identifier-free.
    before: str = Field(default="", max_length=2000)
    after: str = Field(default="", max_length=2000)
