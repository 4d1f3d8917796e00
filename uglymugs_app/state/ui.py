"""Language and other per-browser interface choices."""

import json
import re

import reflex as rx
from reflex.event import EventHandler, EventSpec

from uglymugs_app.i18n import LANGUAGES, catalogue, negotiate, supported
from uglymugs_app.settings import get_settings

# Pages whose state holds text made on the server in her language (a warning,
# the feed): what to run again when she switches, so the page she is on changes
# at once. Pages register themselves with ``retranslated_by``.
_RETRANSLATORS: list[tuple[re.Pattern, tuple[EventHandler, ...]]] = []


def retranslated_by(route: str, *handlers: EventHandler) -> None:
    """When she switches language on ``route``, run ``handlers`` (e.g. its on_load)."""
    pattern = re.compile("^" + re.sub(r"\\\[[a-z_]+\\\]", "[^/]+", re.escape(route)) + "/?$")
    _RETRANSLATORS.append((pattern, handlers))


def _retranslators(path: str) -> list[EventHandler]:
    return [h for pattern, handlers in _RETRANSLATORS if pattern.match(path) for h in handlers]


class UiState(rx.State):
    # Her explicit choice, kept in this browser only. Empty until she picks.
    chosen_language: str = rx.LocalStorage("", name="um.lang", sync=True)
    language: str = "en"

    @rx.var(cache=True)
    def t(self) -> dict[str, str]:
        """The current language's catalogue, for every text on the page."""
        return catalogue(supported(self.language))

    def __getstate__(self):
        """What is kept for this tab between events (in Redis with several workers).

        Without the cached catalogue: it is ~40 KB, the same for everyone
        with her language and rebuilt from memory when next read, so each
        tab keeps only her language.
        """
        fields = dict(super().__getstate__())
        for var in type(self).computed_vars.values():
            fields.pop(var._cache_attr, None)
        return fields

    @rx.event
    def on_visit(self):
        """On every page load: her choice wins, else the browser's languages."""
        if self.chosen_language in LANGUAGES:
            self.language = self.chosen_language
        else:
            self.language = negotiate(
                self.router.headers.accept_language, get_settings().default_language
            )
        return _set_document_language(self.language)

    @rx.event
    def choose_language(self, code: str):
        if code not in LANGUAGES:
            return None
        self.chosen_language = code
        self.language = code
        page = self.router.page.raw_path or self.router.page.path
        return [_set_document_language(code), *_retranslators(page.split("?")[0])]

    def _use_saved(self, code: str) -> EventSpec:
        """Her account's language, chosen on this device (at log-in)."""
        if code in LANGUAGES:
            self.chosen_language = self.language = code
        return _set_document_language(self.language)


def _set_document_language(code: str):
    # Screen readers and the browser's own translation need <html lang>.
    return rx.call_script(f"document.documentElement.lang = {json.dumps(code)}")
