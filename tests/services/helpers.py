"""Shortcuts for the moderation, warning and check tests."""

from tests.actors import acting
from tests.services.conftest import submission
from uglymugs_app.services.reports.submission import submit_report
from uglymugs_app.services.warnings.publishing import WarningDraft, publish_warning

MODERATOR = acting(100)
SUMMARY = "Violent client met in a hotel; took money by force. Do not meet alone."


def report(session, secrets, *, reporter_id=7, **overrides):
    return submit_report(session, secrets=secrets, submission=submission(**overrides),
                         reporter_id=reporter_id)


def publish(session, secrets, settings, report_id, *, now=None, **draft):
    values = {"summary": SUMMARY, "severity": "high"}
    values.update(draft)
    return publish_warning(session, secrets=secrets, settings=settings, actor=MODERATOR,
                           report_id=report_id,
                           draft=WarningDraft(**values), now=now)
