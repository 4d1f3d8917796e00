"""Helpers shared by the table modules."""

from datetime import UTC, date, datetime
from typing import Protocol

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Aware UTC: SQLModel's datetime columns refuse naive values."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_date(value: date | datetime | str) -> date:
    """A day as the database hands it back (SQLite: ``'YYYY-MM-DD…'`` text)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class _Row(Protocol):
    id: int | None


def stored_id(row: _Row) -> int:
    """The id of a row the database has numbered (loaded, or added and flushed).

    Table models declare ``id: int | None`` because a new row has none until
    its INSERT; past that point this says so once instead of at every use.
    """
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id before it is flushed")
    return row.id


class IndexedIdentifier(SQLModel):
    """What a report's and a warning's identifier rows share: the kind and the
    keyed blind index (with the id of the key that made it) a check looks up."""

    kind: str = Field(max_length=10)
    key_id: str = Field(max_length=16)
    blind_index: str = Field(max_length=64, index=True)
