"""Database tables. Each area of the domain has its own module; importing
this package registers every table on ``SQLModel.metadata``."""

from uglymugs_app.models.audit import AuditEvent
from uglymugs_app.models.checks import CheckAttempt, CheckCount
from uglymugs_app.models.help import HelpContact
from uglymugs_app.models.membership import (
    CodePurpose,
    LoginThrottle,
    Member,
    MemberSession,
    MemberStatus,
    OneTimeCode,
    Role,
)
from uglymugs_app.models.police import (
    AppendOnlyError,
    PoliceAnswer,
    PoliceConsent,
    PoliceRequest,
)
from uglymugs_app.models.private_check import CheckTableRow
from uglymugs_app.models.push import PushDeliveryDay, PushOutbox, PushSubscription
from uglymugs_app.models.reads import WarningRead
from uglymugs_app.models.regions import Region, RegionContact, RegionRevision
from uglymugs_app.models.reports import (
    AuthorRole,
    Report,
    ReportIdentifier,
    ReportMessage,
    ReportNote,
    ReportStatus,
)
from uglymugs_app.models.retention import Objection, ObjectionStatus, ReportTally
from uglymugs_app.models.urgent import OnCallHours, UrgentContact
from uglymugs_app.models.verification import ApplicationMessage
from uglymugs_app.models.warnings import Warning, WarningIdentifier, WarningStatus

__all__ = [
    "CheckTableRow",
    "AppendOnlyError",
    "ApplicationMessage",
    "HelpContact",
    "PoliceAnswer",
    "PoliceConsent",
    "PoliceRequest",
    "AuditEvent",
    "AuthorRole",
    "CheckAttempt",
    "CheckCount",
    "CodePurpose",
    "LoginThrottle",
    "Member",
    "MemberSession",
    "MemberStatus",
    "OnCallHours",
    "Objection",
    "ObjectionStatus",
    "OneTimeCode",
    "PushDeliveryDay",
    "PushOutbox",
    "PushSubscription",
    "Region",
    "RegionContact",
    "RegionRevision",
    "Report",
    "ReportIdentifier",
    "ReportMessage",
    "ReportNote",
    "ReportStatus",
    "ReportTally",
    "Role",
    "UrgentContact",
    "Warning",
    "WarningIdentifier",
    "WarningRead",
    "WarningStatus",
]
