"""The app icon's unread count, where the Badging API exists (installed PWAs)."""

import reflex as rx
from reflex.event import EventSpec


def app_badge(count: int) -> EventSpec:
    """Show ``count`` on the app icon, or clear it at zero (assets/notifications.js)."""
    number = max(0, int(count))
    return rx.call_script(f"window.umNotifications && window.umNotifications.setBadge({number})")
