"""The applicant's device, told when her application is decided or more is asked.

The same browser side as the notifications page (assets/notifications.js);
the device is stored for her own news only (``subscribe_applicant_device``).
What the browser hands back goes straight to the service, never into a var.
"""

import reflex as rx

from uglymugs_app.services.actors import Role
from uglymugs_app.services.push import device_settings as notify_devices
from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db
from uglymugs_app.state.auth import acting_actor, authorised, current_actor
from uglymugs_app.state.ui import UiState

DETECT = "window.umNotifications && window.umNotifications.detect()"
SUBSCRIBE = "window.umNotifications && window.umNotifications.subscribe()"
KNOWN = ("ios_install", "unsupported", "denied", "ready", "subscribed")


class StatusNotifyState(rx.State):
    support: str = ""
    vapid_key: str = ""  # the application server key: public by design
    error: str = ""
    notice: str = ""

    @rx.event
    async def load(self):
        # Not @authorised: a member sent on by ``StatusState.load`` must not be
        # sent to the login page by this one.
        actor = await current_actor(self)
        if actor is None or actor.role != Role.APPLICANT:
            return None
        self.vapid_key = current_secrets().vapid_public_key
        self.error = self.notice = ""
        return rx.call_script(DETECT, callback=StatusNotifyState.detected)

    @rx.event
    @authorised(Role.APPLICANT)
    async def detected(self, result: dict):
        """The browser's answer to ``detect()``; its endpoint is looked up, not kept."""
        result = result if isinstance(result, dict) else {}
        support = str(result.get("support", ""))
        self.support = support if support in KNOWN else "unsupported"
        if self.support == "subscribed":
            actor, secrets = acting_actor(), current_secrets()
            endpoint = str(result.get("endpoint", ""))[: push_subscriptions.MAX_ENDPOINT_LENGTH]
            device = await in_db(
                lambda db: notify_devices.find_own_device(
                    db, secrets=secrets, actor=actor, endpoint=endpoint
                )
            )
            self.support = "subscribed" if device else "ready"

    @rx.event
    @authorised(Role.APPLICANT)
    async def subscribed(self, result: dict):
        """The browser's answer to ``subscribe()``."""
        if not isinstance(result, dict) or result.get("denied"):
            self.support = "denied"
            return
        actor, secrets = acting_actor(), current_secrets()
        language = (await self.get_state(UiState)).language
        label = str(result.get("label", ""))[:60]
        subscription = result.get("subscription") or {}
        discreet = result.get("discreet") is True
        stored = await attempt(
            self,
            lambda db: notify_devices.subscribe_applicant_device(
                db,
                secrets=secrets,
                actor=actor,
                subscription=subscription,
                label=label,
                language=language,
                discreet=discreet,
            ),
        )
        if not stored.refused:
            self.support = "subscribed"
