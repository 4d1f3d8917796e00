"""The neutral words of a personal or staff notification.

Read on a lock screen, maybe by someone else: never a name, a number, a
region or a word of the report. A discreet device gets "New note" for
everything, like warnings.
"""

from __future__ import annotations

from uglymugs_app.i18n import translate
from uglymugs_app.services.notifications.events import MemberEvent, StaffEvent
from uglymugs_app.services.push.payload import DISCREET_ICON, ICON

# Staff act within the day; a member's news is still news next week.
STAFF_TTL_SECONDS = 24 * 60 * 60
MEMBER_TTL_SECONDS = 7 * 24 * 60 * 60


def notification_payload(
    *, event: MemberEvent | StaffEvent, language: str, url: str, tag: str, discreet: bool
) -> dict[str, str]:
    """Title, body, url, tag and icon for one device (the keys the service worker reads)."""
    kind = "discreet" if discreet else event.value
    return {
        "title": translate(language, f"notify.{kind}.title"),
        "body": translate(language, f"notify.{kind}.body"),
        "url": url,
        "tag": tag,
        "icon": DISCREET_ICON if discreet else ICON,
    }
