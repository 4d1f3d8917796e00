"""Police support: her consent per report, and the log of police requests.

The request log is append-only: a request and each answer given are rows that
are added, never changed or removed. The mapper guard below refuses an update
or delete through the ORM, so no handler can rewrite what police were told;
on PostgreSQL, triggers (migration 0005) refuse it for any SQL at all, on
these tables and on the audit log.
"""

from datetime import date, datetime

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class AppendOnlyError(RuntimeError):
    """Something tried to change or remove a police-request log entry."""


class PoliceConsent(SQLModel, table=True):
    """What the reporter allows for one report; no row means nothing beyond her wishes."""

    __tablename__ = "police_consent"

    report_id: int = Field(foreign_key="report.id", primary_key=True, ondelete="CASCADE")
    # A moderator may make a police-ready report (PDF) for her aangifte.
    police_report: bool = False
    # The report may be shared anonymously with police (incident data, masked ids).
    anonymous_sharing: bool = False
    # Ids of the thread messages she chose to include in the PDF (JSON list).
    thread_message_ids: str = Field(default="[]", max_length=4000)
    updated_at: datetime = Field(default_factory=utcnow)


class PoliceRequest(SQLModel, table=True):
    """A question from police, as the moderator recorded it. Append-only."""

    __tablename__ = "police_request"

    id: int | None = Field(default=None, primary_key=True)
    received_on: date
    unit: str = Field(max_length=120)
    officer: str = Field(max_length=120)
    case_number: str = Field(default="", max_length=60)
    # The reason and the identifier police asked about may name the client: sealed.
    reason_sealed: str = ""
    identifier_kind: str = Field(default="", max_length=10)
    identifier_sealed: str = ""
    recorded_by_id: int
    recorded_at: datetime = Field(default_factory=utcnow, index=True)


class PoliceAnswer(SQLModel, table=True):
    """What the organisation answered a request, and what it shared. Append-only."""

    __tablename__ = "police_answer"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="police_request.id", index=True)
    # The report the answer is about, when the check found one.
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    # What police were told and what was shared may describe her or him: sealed.
    answer_sealed: str = ""
    shared_sealed: str = ""
    # True when more than "a report exists" was shared: needed her consent,
    # which the server read from her record (never a box the moderator ticks).
    shared_details: bool = False
    recorded_by_id: int
    recorded_at: datetime = Field(default_factory=utcnow, index=True)


def _refuse(_mapper, _connection, _target) -> None:
    raise AppendOnlyError("the police request log is append-only")


APPEND_ONLY_TABLES = frozenset({"police_request", "police_answer"})


def _refuse_bulk(execute_state: ORMExecuteState) -> None:
    # ``session.exec(update(...))`` and ``delete(...)`` bypass the mapper events.
    if execute_state.is_update or execute_state.is_delete:
        target = getattr(execute_state.statement, "table", None)
        if getattr(target, "name", None) in APPEND_ONLY_TABLES:
            raise AppendOnlyError("the police request log is append-only")


for _table in (PoliceRequest, PoliceAnswer):
    event.listen(_table, "before_update", _refuse)
    event.listen(_table, "before_delete", _refuse)
event.listen(Session, "do_orm_execute", _refuse_bulk)
