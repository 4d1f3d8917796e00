"""Helpers shared by the table modules."""

from datetime import UTC, date, datetime


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
