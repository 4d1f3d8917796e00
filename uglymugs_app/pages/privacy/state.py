"""The notice's durations, from this installation's settings (public figures)."""

import reflex as rx

from uglymugs_app.services.members.privacy_notice import notice_figures
from uglymugs_app.settings import get_settings


class PrivacyState(rx.State):
    figures: dict[str, str] = {}

    @rx.event
    def load(self):
        self.figures = notice_figures(get_settings()).values()
