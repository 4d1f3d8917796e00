"""What a check leaves behind: a daily total and the member's recent check times.

Never the searched value, not even as a blind index.
"""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class CheckCount(SQLModel, table=True):
    __tablename__ = "check_count"

    day: date = Field(primary_key=True)
    count: int = 0


class CheckAttempt(SQLModel, table=True):
    """One row per check for the rate limit; rows older than a day are pruned."""

    __tablename__ = "check_attempt"
    # Her hour and day counts read only this index (every check asks them).
    __table_args__ = (Index("ix_check_attempt_member_at", "member_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int
    at: datetime = Field(default_factory=utcnow, index=True)
