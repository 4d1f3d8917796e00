"""Language and other per-browser interface choices."""

import json
import re

import reflex as rx
from reflex.event import EventHandler, EventSpec

from uglymugs_app.i18n import LANGUAGES, catalogue, negotiate, supported
from uglymugs_app.services.regions.defaults import shipped_regions
from uglymugs_app.services.regions.directory import current_for_app
from uglymugs_app.settings import get_settings

_WHOLE_COUNTRY, _SHIPPED = shipped_regions()

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
    # "hand" when she picked it on this device; "account" when log-in set it
    # from the language saved with her account.
    language_from: str = rx.LocalStorage("", name="um.lang.from", sync=True)
    language: str = "en"
    # The regions as the database has them, refreshed on every page load (for
    # showing only: handlers read the database's, a browser can set these).
    # Until then the shipped ones, so a served page already holds the usual
    # list and does not jump when the database's arrives.
    region_revision: int = 0
    # Whose region names the catalogue holds: 0 the shipped catalogue's (the
    # one the served page and the bundle already have), else the directory's
    # revision. The catalogue (~60 KB) goes to the browser only when this or
    # her language changes, not on every page she opens.
    names_revision: int = 0
    offered_regions: list[str] = list(_SHIPPED)  # a report's or a warning's choices
    member_regions: list[str] = [_WHOLE_COUNTRY, *_SHIPPED]  # whole country, then offered
    known_regions: list[str] = list(_SHIPPED)  # retired ones too (filters of old reports)

    @rx.var(cache=True)
    def t(self) -> dict[str, str]:
        """The current language's catalogue, for every text on the page, with
        the regions' names as the admin wrote them (``region.<code>``)."""
        return _catalogue(supported(self.language), self.names_revision)

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
        """On every page load: her choice wins, else the browser's languages;
        the regions as they are now. What the browser holds already is not
        assigned again (that would send it again): opening another page of the
        app keeps its catalogue and lists; a page freshly loaded got them with
        its hydrate (``state/interface_hydrate.py``)."""
        regions = current_for_app()
        if regions.revision != self.region_revision:
            self.region_revision = regions.revision
            self.offered_regions = list(regions.offered)
            self.member_regions = list(regions.member_choices)
            self.known_regions = list(regions.known)
        names_revision = 0 if regions.shipped_names else regions.revision
        if names_revision != self.names_revision:
            self.names_revision = names_revision
        if self.chosen_language in LANGUAGES:
            language = self.chosen_language
        else:
            language = negotiate(
                self.router.headers.accept_language, get_settings().default_language
            )
        if language != self.language:
            self.language = language
        return _set_document_language(language)

    @rx.event
    def choose_language(self, code: str):
        if code not in LANGUAGES:
            return None
        self.chosen_language = code
        self.language = code
        self.language_from = "hand"
        page = self.router.page.raw_path or self.router.page.path
        return [_set_document_language(code), *_retranslators(page.split("?")[0])]

    def _use_saved(self, code: str) -> EventSpec:
        """At log-in: her account's language on this device from now on, unless
        a language was picked by hand here (she chose Romanian on the log-in
        page: she reads Romanian). What an earlier log-in set gives way, so
        the next person on a shared tablet gets her own."""
        if code in LANGUAGES and not (self.language_from == "hand" and self.chosen_language):
            self.chosen_language = self.language = code
            self.language_from = "account"
        return _set_document_language(self.language)


def _catalogue(language: str, names_revision: int) -> dict[str, str]:
    """The shipped catalogue (when the app is compiled, and while the regions
    are the shipped ones), else the one with the database's region names."""
    if names_revision == 0:
        return catalogue(language)
    return current_for_app().catalogue(language)


def _set_document_language(code: str):
    # Screen readers and the browser's own translation need <html lang>.
    return rx.call_script(f"document.documentElement.lang = {json.dumps(code)}")
