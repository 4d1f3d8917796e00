"""What is left of erased reports for the organisation's figures, and the
objections of people who believe they are wrongly listed.

``ReportTally`` holds anonymous totals only: a count per week and code (an
incident type or a region), with nothing that leads back to one report.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class ReportTally(SQLModel, table=True):
    """Erased reports counted per figure, week (its Monday) and code."""

    __tablename__ = "report_tally"

    figure: str = Field(primary_key=True, max_length=32)
    week: date = Field(primary_key=True)
    code: str = Field(primary_key=True, max_length=32)
    count: int = 0


class ObjectionStatus(StrEnum):
    OPEN = "open"
    HANDLED = "handled"


class Objection(SQLModel, table=True):
    """Someone's objection to being listed, from the public objection page.

    The identifier, his reason and his contact are sealed; nothing here says
    whether the identifier is listed: moderators look that up when they
    handle it.
    """

    __tablename__ = "objection"

    id: int | None = Field(default=None, primary_key=True)
    identifier_kind: str = Field(max_length=10)
    identifier_sealed: str
    reason_sealed: str
    contact_sealed: str = ""
    status: str = Field(default=ObjectionStatus.OPEN, max_length=10, index=True)
    # What the moderator did: "retracted", "corrected" or "kept", and her note (sealed).
    outcome: str = Field(default="", max_length=12)
    note_sealed: str = ""
    handled_by_id: int | None = None
    handled_at: datetime | None = Field(default=None, index=True)
    received_at: datetime = Field(default_factory=utcnow, index=True)
