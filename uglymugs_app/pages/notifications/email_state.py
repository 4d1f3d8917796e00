"""Her address for notifications by e-mail, on the notifications page.

The address she types goes from the form straight to the service and is
never kept in a var: the page shows it back masked. Its preferences are the
page's (``NotificationsState``), checked again by the service's caller here.
"""

import reflex as rx

from uglymugs_app.pages.notifications.state import NotificationsState
from uglymugs_app.services.actors import VERIFIED
from uglymugs_app.services.mail import addresses
from uglymugs_app.services.push import device_settings as notify_devices
from uglymugs_app.services.push.sender import wake_push_senders
from uglymugs_app.services.regions.directory import current
from uglymugs_app.services.security.instance_secrets import current_secrets
from uglymugs_app.settings import get_settings
from uglymugs_app.state.actions import attempt, in_db, say
from uglymugs_app.state.auth import acting_actor, authorised
from uglymugs_app.state.ui import UiState


class EmailChannelState(rx.State):
    enabled: bool = False  # the installation has an SMTP server
    email_id: int = 0  # 0: she gave no address
    masked: str = ""
    error: str = ""
    notice: str = ""

    @rx.event
    @authorised(*VERIFIED)
    async def load(self):
        self.enabled = get_settings().email_enabled
        self.error = self.notice = ""
        await self._show()

    @rx.event
    @authorised(*VERIFIED)
    async def set_address(self, form_data: dict):
        actor, secrets, settings = acting_actor(), current_secrets(), get_settings()
        language = (await self.get_state(UiState)).language
        page = await self.get_state(NotificationsState)
        regions, min_severity = list(page.regions), page.min_severity
        quiet_start, quiet_end = page.quiet_start, page.quiet_end
        address = str(form_data.get("notify_email", ""))[: addresses.MAX_ADDRESS_LENGTH + 1]
        discreet = form_data.get("email_discreet") in ("on", True, "true")

        def save(db):
            preferences = notify_devices.checked_preferences(
                regions=regions,
                min_severity=min_severity,
                quiet_start=quiet_start,
                quiet_end=quiet_end,
                choices=current(db).member_choices,
            )
            return addresses.set_address(
                db,
                secrets=secrets,
                settings=settings,
                actor=actor,
                address=address,
                language=language,
                preferences=preferences,
                discreet=discreet,
            )

        saved = await attempt(self, save, notice="email_channel.saved")
        if not saved.refused:
            self.email_id, self.masked = saved.value.id, saved.value.masked

    @rx.event
    @authorised(*VERIFIED)
    async def remove_address(self):
        actor, email_id = acting_actor(), self.email_id
        removed = await attempt(
            self,
            lambda db: addresses.remove_address(db, actor=actor, email_id=email_id),
            notice="email_channel.removed",
        )
        if not removed.refused:
            self.email_id, self.masked = 0, ""

    @rx.event
    @authorised(*VERIFIED)
    async def send_test(self):
        actor, email_id = acting_actor(), self.email_id
        queued = await attempt(
            self, lambda db: addresses.send_test(db, actor=actor, email_id=email_id)
        )
        if queued.refused:
            return
        key = "email_channel.test_sent" if queued.value else "email_channel.test_wait"
        self.notice = await say(self, key)
        wake_push_senders()  # she is waiting for it

    async def _show(self) -> None:
        actor, secrets = acting_actor(), current_secrets()
        row = await in_db(lambda db: addresses.my_address(db, secrets=secrets, actor=actor))
        self.email_id, self.masked = (row.id, row.masked) if row else (0, "")
