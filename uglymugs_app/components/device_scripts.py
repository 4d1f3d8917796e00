"""The device's own scripts, written into the head of every page.

They keep what must stay on her device (the report draft, the discreet
choice, the check's engine and answers, the push subscription) and are
called by the states through ``rx.call_script``. They are written inline, not
linked, so they run before the app's module script without a request each.
The files in ``assets/`` are their source (and still served, unused).
"""

from __future__ import annotations

from functools import cache

import reflex as rx

from uglymugs_app.settings import PROJECT_ROOT

# In the order they run: shell.js first (the discreet icon and title before
# anything shows, focus and history helpers the others use).
DEVICE_SCRIPTS = ("shell.js", "report_draft.js", "notifications.js", "check.js")
ASSETS = PROJECT_ROOT / "assets"


@cache
def script_text(name: str) -> str:
    """A device script's source, checked to be safe to write inside a script element."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if "</script" in text.casefold() or "<!--" in text:
        raise ValueError(f"assets/{name} cannot be written inline: it would end its element")
    return text


def device_scripts() -> list[rx.Component]:
    return [rx.el.script(script_text(name)) for name in DEVICE_SCRIPTS]
