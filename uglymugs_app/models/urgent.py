"""Urgent contact: a worker in danger asks the organisation to contact her now,
and the weekly hours staff members are on call to answer.

An urgent contact is a report (a case) marked urgent before she has told
anything else; the row here says when she asked and whether the rest of the
form still has to come. Like the report, it names her only by the keyed
pseudonym (``field_crypto.member_ref``), which also counts her requests for
the rate limit.
"""

from datetime import datetime, time

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class UrgentContact(SQLModel, table=True):
    __tablename__ = "urgent_contact"

    report_id: int = Field(foreign_key="report.id", primary_key=True, ondelete="CASCADE")
    requester_ref: str = Field(max_length=64, index=True)
    requested_at: datetime = Field(default_factory=utcnow, index=True)
    # True until her report form arrives and fills in the same case.
    details_pending: bool = True


class OnCallHours(SQLModel, table=True):
    """One weekly stretch a moderator or admin is on call (Dutch local time).

    ``ends`` before ``starts`` runs over midnight into the next day.
    """

    __tablename__ = "on_call_hours"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True, ondelete="CASCADE")
    weekday: int  # 0 = Monday … 6 = Sunday, as date.weekday()
    starts: time
    ends: time
    created_at: datetime = Field(default_factory=utcnow)
