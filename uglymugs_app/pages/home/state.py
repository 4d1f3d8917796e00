"""A member's start page: the newest warnings for her regions and whether this
device gets alerts. Her unread messages are ``UnreadState``'s; the check is
on its own page (the private check needs its table), linked from here.

The page is everyone's start, so ``load`` checks who asks itself: a visitor
or an applicant gets nothing and is not sent anywhere.
"""

import reflex as rx

from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.services.warnings import feed
from uglymugs_app.services.warnings.text import WarningText, warning_text
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import acting_actor, authorised, current_actor
from uglymugs_app.state.badge import app_badge
from uglymugs_app.state.ui import UiState

NEWEST = 3
DETECT = "window.umNotifications && window.umNotifications.detect()"
# What this browser said (assets/notifications.js), as the page words it.
DEVICE_STATES = ("on", "off", "ios_install", "unsupported", "denied")


class HomeState(rx.State):
    warnings: list[WarningText] = []
    unread_warnings: int = 0
    device: str = ""  # one of DEVICE_STATES; "" until the browser answered
    loaded: bool = False

    @rx.event
    async def load(self):
        actor = await current_actor(self)
        if actor is None or actor.role not in VERIFIED:
            self.reset()
            return None
        language = (await self.get_state(UiState)).language
        entries = await in_db(lambda db: feed.member_feed(db, actor=actor))
        self.warnings = [
            warning_text(entry.warning, language, unread=entry.unread)
            for entry in entries.entries[:NEWEST]
        ]
        self.unread_warnings, self.loaded = entries.unread, True
        return [
            app_badge(self.unread_warnings),
            rx.call_script(DETECT, callback=HomeState.detected),
        ]

    @rx.event
    @authorised(*VERIFIED)
    async def detected(self, result: dict):
        """The browser's answer; "on" only when the server knows this device as hers."""
        result = result if isinstance(result, dict) else {}
        support = str(result.get("support", ""))
        if support != "subscribed":
            # "ready": it could, but she has not turned alerts on here.
            self.device = support if support in ("ios_install", "unsupported", "denied") else "off"
            return
        actor, secrets = acting_actor(), current_secrets()
        endpoint = str(result.get("endpoint", ""))[: push_subscriptions.MAX_ENDPOINT_LENGTH]
        device = await in_db(
            lambda db: push_subscriptions.find_device(
                db, secrets=secrets, member_id=actor.member_id, endpoint=endpoint
            )
        )
        self.device = "on" if device is not None else "off"
