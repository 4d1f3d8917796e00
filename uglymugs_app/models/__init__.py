"""Database tables. Each area of the domain has its own module; importing
this package registers every table on ``SQLModel.metadata``."""

from uglymugs_app.models.audit import AuditEvent

__all__ = ["AuditEvent"]
