"""Push on this device: asked for only from her tap; devices and preferences.

The browser's side is in assets/notifications.js; what it hands back (the
subscription's ``toJSON()``) goes straight to the service and is not kept in
any var. ``support`` only shapes the page; the server trusts none of it.
"""

import reflex as rx

from uglymugs_app.services.actors import STAFF, VERIFIED
from uglymugs_app.services.members import accounts
from uglymugs_app.services.notifications import staff_devices
from uglymugs_app.services.push import device_settings as notify_devices
from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.push.device_settings import DeviceRow
from uglymugs_app.services.regions.directory import current
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.actions import attempt, in_db, say
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.field_errors import look_here
from uglymugs_app.state.form_data import picked
from uglymugs_app.state.ui import UiState

# The browser's side lives in assets/notifications.js (loaded with the shell).
DETECT = "window.umNotifications && window.umNotifications.detect()"
# Runs from her tap, in the click itself: the permission prompt needs it.
SUBSCRIBE = "window.umNotifications && window.umNotifications.subscribe()"
UNSUBSCRIBE = "window.umNotifications && window.umNotifications.unsubscribe()"
# Why turning notifications on failed, as the browser tells it (notifications.js).
FAILURES = ("offline", "blocked", "service", "other")
FAILED_ID = "notify-me-error"


class NotificationsState(rx.State):
    support: str = ""
    this_device: int = 0  # which of her devices this browser is (0: none)
    devices: list[DeviceRow] = []
    staff_alerts: list[int] = []  # her devices that get staff alerts (staff only)
    regions: list[str] = []
    min_severity: str = "low"
    quiet_start: str = ""
    quiet_end: str = ""
    vapid_key: str = ""  # the application server key: public by design
    error: str = ""
    notice: str = ""
    failed: str = ""  # why "Notify me" did not work, beside the button

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        actor = acting_actor()
        profile = await in_db(lambda db: accounts.my_profile(db, actor=actor))
        await self._reload_devices()
        # Her devices' preferences, or her e-mail address's when she has no device.
        first = await in_db(lambda db: notify_devices.current_preferences(db, actor=actor))
        self.regions = first.regions if first else profile.regions
        self.min_severity = first.min_severity if first else "low"
        self.quiet_start, _, self.quiet_end = (first.quiet if first else "").partition("–")
        self.vapid_key = current_secrets().vapid_public_key
        self.error = self.notice = self.failed = ""
        return rx.call_script(DETECT, callback=NotificationsState.detected)

    @rx.event
    @authorised(*VERIFIED)
    async def detected(self, result: dict):
        """The browser's answer to ``detect()``; its endpoint is looked up, not kept."""
        result = result if isinstance(result, dict) else {}
        support = str(result.get("support", ""))
        known = ("ios_install", "unsupported", "denied", "ready", "subscribed")
        self.support, self.this_device = support if support in known else "unsupported", 0
        if support == "subscribed":
            actor, secrets = acting_actor(), current_secrets()
            endpoint = str(result.get("endpoint", ""))[: push_subscriptions.MAX_ENDPOINT_LENGTH]
            discreet = result.get("discreet")
            device = await in_db(
                lambda db: push_subscriptions.find_device(
                    db, secrets=secrets, member_id=actor.member_id, endpoint=endpoint
                )
            )
            if device and isinstance(discreet, bool) and device.discreet != discreet:
                # Set on this device while it was offline or before it subscribed.
                await in_db(
                    lambda db: push_subscriptions.set_discreet(
                        db,
                        secrets=secrets,
                        member_id=actor.member_id,
                        endpoint=endpoint,
                        discreet=discreet,
                    )
                )
            # Removed from another device, or saved as an applicant for her own
            # news only: this one may subscribe (again) for warnings.
            if device and not device.personal_only:
                self.support, self.this_device = "subscribed", device.id
            else:
                self.support, self.this_device = "ready", 0

    @rx.event
    @authorised(*VERIFIED)
    async def subscribed(self, result: dict):
        """The browser's answer to ``subscribe()``."""
        if not isinstance(result, dict) or result.get("failed"):
            # Nothing changed on the server: she is told why, in her language.
            why = result.get("failed") if isinstance(result, dict) else "other"
            self.failed = await say(self, f"notify.failed.{why if why in FAILURES else 'other'}")
            return look_here(FAILED_ID)
        self.failed = ""
        if result.get("denied"):
            self.support = "denied"
            return
        actor, secrets = acting_actor(), current_secrets()
        language = (await self.get_state(UiState)).language
        label = str(result.get("label", ""))[:60]
        subscription = result.get("subscription") or {}
        discreet = result.get("discreet") is True
        regions, min_severity = self.regions, self.min_severity
        quiet_start, quiet_end = self.quiet_start, self.quiet_end

        def subscribe(db):
            # The preferences on the page, checked again before they are kept.
            preferences = notify_devices.checked_preferences(
                regions=regions,
                min_severity=min_severity,
                quiet_start=quiet_start,
                quiet_end=quiet_end,
                choices=current(db).member_choices,
            )
            return notify_devices.subscribe_device(
                db,
                secrets=secrets,
                actor=actor,
                subscription=subscription,
                label=label,
                language=language,
                preferences=preferences,
                discreet=discreet,
            )

        stored = await self._change(subscribe, "notify.subscribed")
        if not stored.refused:
            self.support, self.this_device = "subscribed", stored.value.id

    @rx.event
    @authorised(*VERIFIED)
    async def save_preferences(self, form_data: dict):
        actor, language = acting_actor(), (await self.get_state(UiState)).language

        def save(db):
            preferences = notify_devices.checked_preferences(
                regions=picked(form_data, "alert-region"),
                min_severity=str(form_data.get("min_severity", ""))[:8],
                quiet_start=str(form_data.get("quiet_start", ""))[:5],
                quiet_end=str(form_data.get("quiet_end", ""))[:5],
                choices=current(db).member_choices,
            )
            notify_devices.apply_preferences(
                db, actor=actor, language=language, preferences=preferences
            )
            return preferences

        saved = await self._change(save, "notify.saved")
        if saved.refused:
            return
        preferences = saved.value
        self.regions, self.min_severity = preferences.regions, preferences.min_severity
        self.quiet_start, self.quiet_end = (
            (f"{preferences.quiet_start:%H:%M}", f"{preferences.quiet_end:%H:%M}")
            if preferences.quiet_start
            else ("", "")
        )

    @rx.event
    @authorised(*VERIFIED)
    async def remove_device(self, device_id: int):
        actor = acting_actor()
        await self._change(
            lambda db: push_subscriptions.delete_device(
                db, member_id=actor.member_id, device_id=int(device_id)
            ),
            "notify.removed",
        )
        if int(device_id) == self.this_device:
            self.support, self.this_device = "ready", 0
            return rx.call_script(UNSUBSCRIBE)
        return None

    @rx.event
    @authorised(*STAFF)
    async def set_staff_alerts(self, on: bool):
        """Staff alerts on this device (a moderator's or admin's own, subscribed one)."""
        actor, device_id = acting_actor(), self.this_device
        if not device_id:
            return
        await self._change(
            lambda db: staff_devices.set_staff_alerts(
                db, actor=actor, device_id=int(device_id), on=on is True
            ),
            "staff_alerts.saved",
        )

    async def _reload_devices(self) -> None:
        actor = acting_actor()

        def read(db):
            return (
                notify_devices.my_devices(db, actor=actor),
                staff_devices.staff_alert_devices(db, actor=actor),
            )

        self.devices, self.staff_alerts = await in_db(read)

    async def _change(self, work, notice_key: str):
        """Change her devices; the list shows them afresh once it is done."""
        changed = await attempt(self, work, notice=notice_key)
        if not changed.refused:
            await self._reload_devices()
        return changed
