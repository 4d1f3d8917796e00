"""The notifications page's use of ``push_subscriptions``: her preferences as
the form sends them, checked; her devices as rows to show.

The subscription from the browser is validated by ``save_subscription``; this
only shapes what the page sends and shows. No endpoint or key is returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from sqlmodel import Session

from uglymugs_app.services.actors import Actor, Role, require
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.settings import Settings
from uglymugs_app.vocabulary import SEVERITIES


@dataclass(frozen=True)
class AlertPreferences:
    regions: list[str]
    min_severity: str = "low"
    quiet_start: time | None = None
    quiet_end: time | None = None


@dataclass(frozen=True)
class DeviceRow:
    id: int
    label: str
    regions: list[str]
    min_severity: str
    quiet: str  # "22:00–07:00" or ""


def checked_preferences(
    *,
    regions: list[str],
    min_severity: str,
    quiet_start: str,
    quiet_end: str,
    choices: Sequence[str],
) -> AlertPreferences:
    """Preferences from the form; ``InvalidInput`` names the first problem.

    ``choices``: the regions a member may choose now
    (``services.regions.directory.current(session).member_choices``).
    """
    chosen = [region for region in choices if region in regions]
    if not chosen or len(chosen) != len(set(regions)):
        raise InvalidInput("notify.regions.invalid")
    if min_severity not in SEVERITIES:
        raise InvalidInput("notify.severity.invalid")
    start, end = _time(quiet_start), _time(quiet_end)
    if (start is None) != (end is None) or (start is not None and start == end):
        raise InvalidInput("notify.quiet.invalid")
    return AlertPreferences(chosen, min_severity, start, end)


def subscribe_device(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    subscription: dict,
    label: str,
    language: str,
    preferences: AlertPreferences,
    discreet: bool = False,
) -> DeviceRow:
    """Store this device's ``PushSubscription.toJSON()`` for her (``discreet``: as the
    device is set)."""
    try:
        keys = subscription.get("keys") or {}
        device = push_subscriptions.save_subscription(
            session,
            secrets=secrets,
            member_id=actor.member_id,
            endpoint=str(subscription["endpoint"]),
            p256dh=str(keys["p256dh"]),
            auth=str(keys["auth"]),
            language=language,
            regions=preferences.regions,
            min_severity=preferences.min_severity,
            quiet_start=preferences.quiet_start,
            quiet_end=preferences.quiet_end,
            device_label=label,
            discreet=discreet,
        )
    except (KeyError, TypeError, AttributeError, push_subscriptions.InvalidSubscriptionError):
        raise InvalidInput("notify.subscription.invalid") from None
    return _row(device)


def subscribe_applicant_device(
    session: Session,
    *,
    secrets: InstanceSecrets,
    actor: Actor,
    subscription: dict,
    label: str,
    language: str,
    discreet: bool = False,
    settings: Settings | None = None,
) -> DeviceRow:
    """Store an applicant's device for her own news only (the decision on her
    application): no regions, and never a warning, even once she is a member,
    until she subscribes it again on the notifications page."""
    require(actor, Role.APPLICANT)
    try:
        keys = subscription.get("keys") or {}
        device = push_subscriptions.save_subscription(
            session,
            secrets=secrets,
            member_id=actor.member_id,
            endpoint=str(subscription["endpoint"]),
            p256dh=str(keys["p256dh"]),
            auth=str(keys["auth"]),
            language=language,
            regions=[],
            device_label=label,
            discreet=discreet,
            personal_only=True,
            settings=settings,
        )
    except (KeyError, TypeError, AttributeError, push_subscriptions.InvalidSubscriptionError):
        raise InvalidInput("notify.subscription.invalid") from None
    return _row(device)


def find_own_device(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, endpoint: str
) -> push_subscriptions.Device | None:
    """Her device with this endpoint ("is this phone already told?")."""
    return push_subscriptions.find_device(
        session, secrets=secrets, member_id=actor.member_id, endpoint=endpoint
    )


def apply_preferences(
    session: Session, *, actor: Actor, language: str, preferences: AlertPreferences
) -> None:
    """The same preferences for every device of hers, and her e-mail address."""
    devices = push_subscriptions.list_devices(session, member_id=actor.member_id, channel=None)
    for device in devices:
        push_subscriptions.update_preferences(
            session,
            member_id=actor.member_id,
            device_id=device.id,
            language=language,
            regions=preferences.regions,
            min_severity=preferences.min_severity,
            quiet_start=preferences.quiet_start,
            quiet_end=preferences.quiet_end,
            device_label=device.device_label,
        )


def current_preferences(session: Session, *, actor: Actor) -> DeviceRow | None:
    """The preferences her devices and e-mail address share (None when she has neither)."""
    rows = push_subscriptions.list_devices(session, member_id=actor.member_id, channel=None)
    return _row(rows[0]) if rows else None


def my_devices(session: Session, *, actor: Actor) -> list[DeviceRow]:
    return [_row(d) for d in push_subscriptions.list_devices(session, member_id=actor.member_id)]


def _row(device: push_subscriptions.Device) -> DeviceRow:
    quiet = (
        f"{device.quiet_start:%H:%M}–{device.quiet_end:%H:%M}"
        if device.quiet_start and device.quiet_end
        else ""
    )
    return DeviceRow(
        id=device.id,
        label=device.device_label,
        regions=list(device.regions),
        min_severity=device.min_severity,
        quiet=quiet,
    )


def _time(text: str) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text[:5])
    except ValueError:
        raise InvalidInput("notify.quiet.invalid") from None
