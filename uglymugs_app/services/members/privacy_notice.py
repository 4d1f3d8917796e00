"""The privacy notice's figures, from the settings, and the one rule of
registration about it: she says she has read it.

The durations the notice states are the ones housekeeping enforces: each is
read from the settings where a setting exists, else the documented default
(README, "Retention").
"""

from __future__ import annotations

from dataclasses import dataclass

from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.settings import Settings

# Reports (with their identifier indexes, narrative, thread and notes) are
# deleted this long after their warning expired or was retracted, or after the
# report was declined or closed: the default where no setting says otherwise.
DEFAULT_REPORT_RETENTION_DAYS = 365


@dataclass(frozen=True)
class NoticeFigures:
    report_months: int
    warning_years: int
    idle_days: int
    outbox_days: int

    def values(self) -> dict[str, str]:
        """The catalogue placeholders of the notice (``{report_months}`` ...)."""
        return {name: str(value) for name, value in vars(self).items()}


def notice_figures(settings: Settings) -> NoticeFigures:
    days = int(getattr(settings, "report_retention_days", DEFAULT_REPORT_RETENTION_DAYS))
    return NoticeFigures(
        report_months=max(1, round(days / 30.4)),
        warning_years=max(1, round(settings.warning_lifetime_days / 365)),
        idle_days=max(1, settings.session_idle_minutes // (60 * 24)),
        outbox_days=settings.push_outbox_retention_days,
    )


def require_notice_read(ticked: bool) -> None:
    """Registration goes ahead only when she ticked that she read the notice."""
    if not ticked:
        raise InvalidInput("privacy.read.missing")
