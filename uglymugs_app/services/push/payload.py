"""What a warning's push notification says, and the headers that steer it.

The text is read on a lock screen, maybe by the person she is with: it names
only the region ("New warning: Utrecht"), in her language, and never a
detail or identifier of the warning. A device set to discreet gets even less:
"New note" with the notepad icon, no region, no word of a warning. Tapping
it opens the warning in the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from uglymugs_app import routes
from uglymugs_app.i18n import catalogue, translate
from uglymugs_app.vocabulary import WHOLE_COUNTRY

# Two days: a warning is still useful tomorrow, but a phone that was off for a
# week should not light up with stale alerts.
WARNING_TTL_SECONDS = 2 * 24 * 60 * 60
# Everything a payload may hold; the service worker reads only these.
PAYLOAD_KEYS = frozenset({"title", "body", "url", "tag", "icon"})
ICON = "/icons/icon-192.png"
DISCREET_ICON = "/icons/notes-192.png"


@dataclass(frozen=True)
class WarningNotification:
    """The notification for one warning in one language, plus its delivery headers."""

    payload: dict[str, str]
    topic: str
    urgency: str
    ttl_seconds: int


def warning_url(warning_id: int) -> str:
    """Where tapping the notification leads (a route of the app, never external)."""
    return routes.warning_url(warning_id)


def warning_topic(warning_id: int) -> str:
    """The Web Push ``Topic`` and notification ``tag`` shared by every version of a warning.

    A correction sent under the same topic replaces an undelivered earlier
    message at the push service and a shown one on the phone.
    """
    # RFC 8030: at most 32 characters of the URL-safe base64 alphabet.
    return f"warning-{warning_id}"


def region_label(*, language: str, region: str, name: str = "") -> str:
    """A region's name in her language: ``name`` as the regions' directory
    gives it, else the catalogue's, else the code as given."""
    if region == WHOLE_COUNTRY:
        return translate(language, "push.region.whole_country")
    if name:
        return name
    key = f"region.{region}"
    return translate(language, key) if key in catalogue(language) else region


def build_warning_notification(
    *,
    warning_id: int,
    severity: str,
    region: str,
    language: str,
    correction: bool = False,
    discreet: bool = False,
    region_name: str = "",
) -> WarningNotification:
    """Build the notification for one warning as one member will see it.

    ``discreet``: for a device set to discreet, a neutral note that names
    neither a warning nor a region. Urgency and lifetime stay the warning's.
    """
    if discreet:
        kind = "discreet"
    elif correction:
        kind = "updated_warning"
    elif severity == "high":
        kind = "urgent_warning"
    else:
        kind = "new_warning"
    label = "" if discreet else region_label(language=language, region=region, name=region_name)
    topic = warning_topic(warning_id)
    payload = {
        "title": translate(language, f"push.{kind}.title", region=label),
        "body": translate(language, f"push.{kind}.body"),
        "url": warning_url(warning_id),
        "tag": topic,
        "icon": DISCREET_ICON if discreet else ICON,
    }
    return WarningNotification(
        payload=payload,
        topic=topic,
        urgency="high" if severity == "high" else "normal",
        ttl_seconds=WARNING_TTL_SECONDS,
    )
