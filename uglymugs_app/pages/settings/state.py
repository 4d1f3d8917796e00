"""The discreet-icon choice, kept on this device (assets/shell.js applies it);
her notifications on this device follow it."""

import reflex as rx

from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import in_db
from uglymugs_app.state.auth import current_actor

# This device's push endpoint, if it has one (assets/notifications.js).
ENDPOINT = "window.umNotifications && window.umNotifications.endpoint()"


class DeviceSettingsState(rx.State):
    # Mirrors the key shell.js reads before the app starts.
    discreet: str = rx.LocalStorage("0", name="um.discreet")

    @rx.event
    def set_discreet(self, on: bool):
        self.discreet = "1" if on else "0"
        flag = "true" if on else "false"
        # Then her notifications on this device follow the same choice.
        return [
            rx.call_script(f"window.umSetDiscreet && window.umSetDiscreet({flag})"),
            rx.call_script(ENDPOINT, callback=DeviceSettingsState.discreet_device),
        ]

    @rx.event
    async def discreet_device(self, found: dict):
        """Tell the server whether this device's notifications are discreet."""
        endpoint = str((found or {}).get("endpoint", "") if isinstance(found, dict) else "")
        actor = await current_actor(self)
        if not endpoint or actor is None:
            return  # not signed in, or no notifications on this device
        discreet, secrets = self.discreet == "1", current_secrets()
        await in_db(
            lambda db: push_subscriptions.set_discreet(
                db,
                secrets=secrets,
                member_id=actor.member_id,
                endpoint=endpoint[: push_subscriptions.MAX_ENDPOINT_LENGTH],
                discreet=discreet,
            )
        )
