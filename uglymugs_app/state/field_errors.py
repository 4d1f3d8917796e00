"""Errors where she looks: beside the field they are about, or beside the
button she tapped, with the focus moved there.

A state that places its errors has ``error`` (the text, as ``attempt`` sets
it) and ``error_field``: the element id of the field the error is about, or
the id of the form's own error beside its button. ``attempt(..., fields=)``
chooses it from the refusal's catalogue key; the handler then returns
``look_here(state)`` so the page scrolls to it and her focus (and a screen
reader) lands on it. The components are in ``components/forms.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import reflex as rx
from reflex.event import EventSpec

__all__ = ["field_of", "look_here"]


def field_of(key: str, fields: Mapping[str, str], fallback: str) -> str:
    """The element id for the error ``key``: the field whose key prefix is the
    longest to match (``account.password.`` for ``account.password.too_short``),
    else ``fallback`` (the form's error beside its button)."""
    matching = [prefix for prefix in fields if key.startswith(prefix)]
    return fields[max(matching, key=len)] if matching else fallback


def look_here(element_id: str) -> EventSpec:
    """Scroll to the element and move the focus to it, once the page shows it."""
    target = json.dumps(element_id)
    return rx.call_script(
        "(function () { var tries = 0; function go() {"
        f" var el = document.getElementById({target});"
        " if (!el || !el.offsetParent) { if (++tries < 20) setTimeout(go, 50); return; }"
        " el.scrollIntoView({block: 'center'}); el.focus({preventScroll: true}); }"
        " requestAnimationFrame(go); })()"
    )
