"""Push on this device: asked for only from her tap; devices and preferences.

The browser's side is in the scripts below; what they hand back (the
subscription's ``toJSON()``) goes straight to the service and is not kept in
any var. ``support`` only shapes the page; the server trusts none of it.
"""

import reflex as rx

from uglymugs_app.components.forms import picked
from uglymugs_app.i18n import translate
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.errors import ServiceError
from uglymugs_app.services.members import accounts
from uglymugs_app.services.push import device_settings as notify_devices
from uglymugs_app.services.push import subscriptions as push_subscriptions
from uglymugs_app.services.push.device_settings import DeviceRow
from uglymugs_app.services.push.sealing import SubscriptionSealer
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.state.auth import acting_actor, authorised, in_db, message_for
from uglymugs_app.state.ui import UiState

# What this browser can do: ios_install | unsupported | denied | ready | subscribed.
DETECT_JS = """(async () => {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent)
    || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia('(display-mode: standalone)').matches
    || navigator.standalone === true;
  if (ios && !standalone) return {support: 'ios_install'};
  if (!('serviceWorker' in navigator) || !('PushManager' in window)
      || !('Notification' in window)) return {support: 'unsupported'};
  if (Notification.permission === 'denied') return {support: 'denied'};
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = reg ? await reg.pushManager.getSubscription() : null;
  return sub ? {support: 'subscribed', endpoint: sub.endpoint,
                discreet: !!(window.umIsDiscreet && window.umIsDiscreet())} : {support: 'ready'};
})()"""

# Runs from her tap (the permission prompt needs it). The key is public.
SUBSCRIBE_JS = """(async () => {
  const key = document.getElementById('push-key').dataset.key;
  const raw = atob(key.replace(/-/g, '+').replace(/_/g, '/'));
  const applicationServerKey = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  if (await Notification.requestPermission() !== 'granted') return {denied: true};
  const reg = await navigator.serviceWorker.ready;
  const sub = await reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey});
  const ua = navigator.userAgent;
  const label = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone / iPad'
    : /Mac/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : 'Browser';
  return {subscription: sub.toJSON(), label,
          discreet: !!(window.umIsDiscreet && window.umIsDiscreet())};
})()"""

UNSUBSCRIBE_JS = """navigator.serviceWorker.getRegistration()
  .then((reg) => reg && reg.pushManager.getSubscription())
  .then((sub) => sub && sub.unsubscribe()).catch(() => {})"""


class NotificationsState(rx.State):
    support: str = ""
    this_device: int = 0  # which of her devices this browser is (0: none)
    devices: list[DeviceRow] = []
    regions: list[str] = []
    min_severity: str = "low"
    quiet_start: str = ""
    quiet_end: str = ""
    vapid_key: str = ""  # the application server key: public by design
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        actor = acting_actor()
        profile = await in_db(lambda db: accounts.my_profile(db, actor=actor))
        await self._reload_devices()
        first = self.devices[0] if self.devices else None
        self.regions = first.regions if first else profile.regions
        self.min_severity = first.min_severity if first else "low"
        self.quiet_start, _, self.quiet_end = (first.quiet if first else "").partition("–")
        self.vapid_key = current_secrets().vapid_public_key
        self.error = self.notice = ""
        return rx.call_script(DETECT_JS, callback=NotificationsState.detected)

    @rx.event
    @authorised(*VERIFIED)
    async def detected(self, result: dict):
        """The browser's answer to DETECT_JS; its endpoint is looked up, not kept."""
        result = result if isinstance(result, dict) else {}
        support = str(result.get("support", ""))
        known = ("ios_install", "unsupported", "denied", "ready", "subscribed")
        self.support, self.this_device = support if support in known else "unsupported", 0
        if support == "subscribed":
            actor, secrets = acting_actor(), current_secrets()
            endpoint = str(result.get("endpoint", ""))[:push_subscriptions.MAX_ENDPOINT_LENGTH]
            sealer, discreet = SubscriptionSealer.from_secrets(secrets), result.get("discreet")
            device = await in_db(lambda db: push_subscriptions.find_device(
                db, sealer=sealer, member_id=actor.member_id, endpoint=endpoint))
            if device and isinstance(discreet, bool) and device.discreet != discreet:
                # Set on this device while it was offline or before it subscribed.
                await in_db(lambda db: push_subscriptions.set_discreet(
                    db, sealer=sealer, member_id=actor.member_id, endpoint=endpoint,
                    discreet=discreet))
            # Removed from another device: this one may subscribe again.
            self.support, self.this_device = ("subscribed", device.id) if device else ("ready", 0)

    @rx.event
    @authorised(*VERIFIED)
    async def subscribed(self, result: dict):
        """The browser's answer to SUBSCRIBE_JS."""
        if not isinstance(result, dict) or result.get("denied"):
            self.support = "denied"
            return
        actor, secrets = acting_actor(), current_secrets()
        language = (await self.get_state(UiState)).language
        label = str(result.get("label", ""))[:60]
        subscription = result.get("subscription")
        try:
            preferences = self._preferences()
        except ServiceError as error:
            self.error = await message_for(self, error)
            return
        stored = await self._run(lambda db: notify_devices.subscribe_device(
            db, secrets=secrets, actor=actor, subscription=subscription, label=label,
            language=language, preferences=preferences,
            discreet=result.get("discreet") is True), "notify.subscribed")
        if stored is not None:
            self.support, self.this_device = "subscribed", stored.id

    @rx.event
    @authorised(*VERIFIED)
    async def save_preferences(self, form_data: dict):
        try:
            preferences = notify_devices.checked_preferences(
                regions=picked(form_data, "alert-region"),
                min_severity=str(form_data.get("min_severity", ""))[:8],
                quiet_start=str(form_data.get("quiet_start", ""))[:5],
                quiet_end=str(form_data.get("quiet_end", ""))[:5])
        except ServiceError as error:
            self.error, self.notice = await message_for(self, error), ""
            return
        self.regions, self.min_severity = preferences.regions, preferences.min_severity
        self.quiet_start, self.quiet_end = (
            (f"{preferences.quiet_start:%H:%M}", f"{preferences.quiet_end:%H:%M}")
            if preferences.quiet_start else ("", ""))
        actor, language = acting_actor(), (await self.get_state(UiState)).language
        await self._run(lambda db: notify_devices.apply_preferences(
            db, actor=actor, language=language, preferences=preferences), "notify.saved")

    @rx.event
    @authorised(*VERIFIED)
    async def remove_device(self, device_id: int):
        actor = acting_actor()
        await self._run(lambda db: push_subscriptions.delete_device(
            db, member_id=actor.member_id, device_id=int(device_id)), "notify.removed")
        if int(device_id) == self.this_device:
            self.support, self.this_device = "ready", 0
            return rx.call_script(UNSUBSCRIBE_JS)
        return None

    def _preferences(self) -> notify_devices.AlertPreferences:
        return notify_devices.checked_preferences(
            regions=self.regions, min_severity=self.min_severity,
            quiet_start=self.quiet_start, quiet_end=self.quiet_end)

    async def _reload_devices(self) -> None:
        actor = acting_actor()
        self.devices = await in_db(lambda db: notify_devices.my_devices(db, actor=actor))

    async def _run(self, work, notice_key: str):
        """Do the work; its result, or None after showing the error."""
        try:
            result = await in_db(work)
        except ServiceError as error:
            self.error, self.notice = await message_for(self, error), ""
            return None
        await self._reload_devices()
        self.error = ""
        self.notice = translate((await self.get_state(UiState)).language, notice_key)
        return result
