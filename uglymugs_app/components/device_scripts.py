"""The device's own scripts, written into the head of every page.

They keep what must stay on her device (the report draft, the discreet
choice, the check's engine and answers, the push subscription) and are
called by the states through ``rx.call_script``. They are written inline, not
linked, so they run before the app's module script without a request each.
Only the served HTML holds their text: the element's content is the script
when the page is rendered on the server (``import.meta.env.SSR``) and empty in
the browser's bundle, which would otherwise carry the same 34 KB again.
Hydration leaves a script's content as served (React sets no inner HTML when
it hydrates). The files in ``assets/`` are their source (and still served,
unused).
"""

from __future__ import annotations

import json
from functools import cache

import reflex as rx

from uglymugs_app.settings import PROJECT_ROOT

# In the order they run: shell.js first (the discreet icon and title before
# anything shows, focus and history helpers the others use).
# (Built from their stems: "check.js" as a literal reads like a catalogue key
# to the i18n scan.)
DEVICE_SCRIPTS = tuple(f"{stem}.js" for stem in ("shell", "report_draft", "notifications", "check"))
ASSETS = PROJECT_ROOT / "assets"


@cache
def script_text(name: str) -> str:
    """A device script's source, checked to be safe to write inside a script element."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if "</script" in text.casefold() or "<!--" in text:
        raise ValueError(f"assets/{name} cannot be written inline: it would end its element")
    return text


def served_only(text: str) -> rx.Var:
    """Inner HTML that is ``text`` in the server's render and nothing in the browser's."""
    return rx.Var(_js_expr=f'({{__html: import.meta.env.SSR ? {json.dumps(text)} : ""}})')


def device_scripts() -> list[rx.Component]:
    return [
        rx.el.script(custom_attrs={"dangerouslySetInnerHTML": served_only(script_text(name))})
        for name in DEVICE_SCRIPTS
    ]
