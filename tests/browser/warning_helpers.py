"""Warnings published straight into the served app's database."""

from __future__ import annotations

import uuid
from datetime import timedelta

from tests.actors import acting
from tests.fixtures.reports import submission
from uglymugs_app.services.reports.submission import IdentifierInput

SUMMARY = "Violent client met in a hotel; took money by force. Do not meet alone."


def publish_in(
    region: str, phone: str, *, severity: str = "high", days_ago: int = 0, summary: str = SUMMARY
) -> int:
    """A report in ``region`` naming ``phone``, published; returns the warning id."""
    from uglymugs_app.models.common import utcnow
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import submit_report
    from uglymugs_app.services.security.instance_secrets import current_secrets
    from uglymugs_app.services.warnings.publishing import WarningDraft, publish_warning
    from uglymugs_app.settings import get_settings

    secrets, settings = current_secrets(), get_settings()
    with session_scope() as session:
        made = submit_report(
            session,
            secrets=secrets,
            reporter_id=1,
            submission=submission(
                client_id=uuid.uuid4(), region=region, identifiers=[IdentifierInput("phone", phone)]
            ),
        )
        view = publish_warning(
            session,
            secrets=secrets,
            settings=settings,
            actor=acting(1),
            report_id=made.id,
            draft=WarningDraft(summary=summary, severity=severity),
            now=utcnow() - timedelta(days=days_ago),
        )
    return view.id


def unique_phone() -> str:
    """A valid Dutch mobile number no other test uses."""
    return "06-1" + str(uuid.uuid4().int)[:7]


def identifiers_of(warning_id: int) -> list[str]:
    """The kinds of identifier a stored warning still names."""
    from sqlmodel import select

    from uglymugs_app.models import WarningIdentifier
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        return list(
            session.exec(
                select(WarningIdentifier.kind).where(WarningIdentifier.warning_id == warning_id)
            )
        )
