"""Which warnings a member has seen: the feed's unread markers and the app badge.

Only the pair (member, warning) and when: deleted with her account or the
warning (cascade), so it outlives neither.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class WarningRead(SQLModel, table=True):
    __tablename__ = "warning_read"

    member_id: int = Field(foreign_key="member.id", primary_key=True, ondelete="CASCADE")
    warning_id: int = Field(
        foreign_key="warning.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    read_at: datetime = Field(default_factory=utcnow)
