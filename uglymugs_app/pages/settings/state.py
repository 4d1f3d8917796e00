"""The discreet-icon choice, kept on this device only (assets/shell.js applies it)."""

import reflex as rx


class DeviceSettingsState(rx.State):
    # Mirrors the key shell.js reads before the app starts.
    discreet: str = rx.LocalStorage("0", name="um.discreet")

    @rx.event
    def set_discreet(self, on: bool):
        self.discreet = "1" if on else "0"
        flag = "true" if on else "false"
        return rx.call_script(f"window.umSetDiscreet && window.umSetDiscreet({flag})")
