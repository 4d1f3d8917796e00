"""Database tables. Each area of the domain has its own module; importing
this package registers every table on ``SQLModel.metadata``."""

from uglymugs_app.models.audit import AuditEvent
from uglymugs_app.models.checks import CheckAttempt, CheckCount
from uglymugs_app.models.reports import (
    AuthorRole,
    Report,
    ReportIdentifier,
    ReportMessage,
    ReportStatus,
)
from uglymugs_app.models.warnings import Warning, WarningIdentifier, WarningStatus

__all__ = [
    "AuditEvent",
    "AuthorRole",
    "CheckAttempt",
    "CheckCount",
    "Report",
    "ReportIdentifier",
    "ReportMessage",
    "ReportStatus",
    "Warning",
    "WarningIdentifier",
    "WarningStatus",
]
