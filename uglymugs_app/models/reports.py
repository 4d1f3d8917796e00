"""Reports (meldingen): what a worker tells the organisation, and the thread.

Nothing here identifies the client or tells her story in plain text: the
narrative, the place, the appearance she described, her wishes and every
identifier are sealed (``*_sealed`` columns, see ``services/field_crypto``);
identifiers are found through keyed blind indexes only.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import IndexedIdentifier, utcnow


class ReportStatus(StrEnum):
    RECEIVED = "received"
    IN_CONVERSATION = "in_conversation"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"
    CLOSED = "closed"
    # She withdrew it herself (My reports); it is erased sooner than others.
    WITHDRAWN = "withdrawn"
    # Past its retention: emptied by housekeeping; only its number and its
    # handling times stay (see services/reports/retention.py).
    ERASED = "erased"


class AuthorRole(StrEnum):
    REPORTER = "reporter"
    MODERATOR = "moderator"


class Report(SQLModel, table=True):
    __tablename__ = "report"

    id: int | None = Field(default=None, primary_key=True)
    # Made on her device before the first submit: a retry returns this report.
    client_id: uuid.UUID = Field(unique=True, index=True)
    # Keyed pseudonyms (field_crypto.member_ref), never member ids: a leaked
    # database must not tell who reported which client. The sealed id lets the
    # app (with the key) reach her, e.g. to notify her of a reply.
    reporter_ref: str | None = Field(default=None, max_length=64, index=True)
    submitter_ref: str | None = Field(default=None, max_length=64, index=True)
    reporter_sealed: str = ""
    status: str = Field(default=ReportStatus.RECEIVED, max_length=20, index=True)
    urgent: bool = Field(default=False, index=True)
    # Two or more independent reporters named one of its identifiers.
    repeat: bool = False
    incident_date: date
    part_of_day: str = Field(max_length=12)
    region: str = Field(max_length=32, index=True)
    place_kind: str = Field(max_length=20)
    incident_types: str = Field(default="[]", max_length=400)  # JSON list of codes
    area_sealed: str = ""
    narrative_sealed: str = ""
    appearance_sealed: str = ""
    wishes_sealed: str = ""
    decline_reason_sealed: str = ""
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    first_moderator_reply_at: datetime | None = None
    published_at: datetime | None = None
    # When its handling ended: closed, declined or withdrawn (the retention clock).
    closed_at: datetime | None = None
    # Case work: the moderator handling it ("I'm handling this"), a staff
    # member's id like an audit event's actor; None while it waits in the queue.
    handler_id: int | None = Field(default=None, index=True)
    handled_since: datetime | None = None


class ReportIdentifier(IndexedIdentifier, table=True):
    __tablename__ = "report_identifier"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    value_sealed: str


class ReportMessage(SQLModel, table=True):
    __tablename__ = "report_message"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    author_role: str = Field(max_length=10)
    author_id: int | None = None
    body_sealed: str
    created_at: datetime = Field(default_factory=utcnow)
    read_by_reporter: bool = False
    read_by_moderator: bool = False


class ReportNote(SQLModel, table=True):
    """A moderator's internal note on a case: never shown to the reporter, never
    in her reports or the police report. Sealed like the narrative."""

    __tablename__ = "report_note"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    author_id: int | None = None
    body_sealed: str
    created_at: datetime = Field(default_factory=utcnow)
