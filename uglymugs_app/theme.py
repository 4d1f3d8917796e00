"""The Radix Themes plugin, shipping only the colour scales the app uses.

Radix's ``styles.css`` carries all 30 colour scales (about 150 KB of its
800 KB). Radix also publishes its parts separately: the base tokens (grey,
accent mapping, radius, fonts), one file per colour scale, the components and
the utilities. We ship the base, the scales below and the rest.
``tests/unit/components/test_theme.py`` fails when code names a scale that is
not listed here (the colour would silently fall back to none).

Radix's responsive variants (``md:rt-r-size-2`` and the like, three fifths of
its CSS) are dropped from the build by a PostCSS step
(``frontend/postcss/lean_radix.js``): the app gives no component a
per-breakpoint value (``rx.breakpoints``; ``tests/unit/components/test_theme.py``
fails when one appears) and lays out wider screens in ``assets/shell.css``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import reflex as rx
from reflex_base.registry import RegistrationContext

ACCENT, GREY = "plum", "mauve"
# Every colour scale named anywhere in the app (``color_scheme=``, ``rx.color``).
COLOUR_SCALES = (ACCENT, GREY, "gray", "tomato", "orange", "amber", "grass", "crimson", "blue")
_PACKAGE = "@radix-ui/themes"
_BASE = "@radix-ui/themes/tokens/base.css"
_PARTS = ("@radix-ui/themes/components.css", "@radix-ui/themes/utilities.css")
# The PostCSS step, copied next to the build's postcss.config.js.
_LEAN_STEP_SOURCE = Path(__file__).resolve().parents[1] / "frontend" / "postcss" / "lean_radix.js"
_LEAN_STEP = "postcss-lean-radix.js"
# Responsive variants the app uses (none): e.g. "sm:rt-r-fd-row".
KEPT_VARIANTS: tuple[str, ...] = ()


def stylesheets() -> tuple[str, ...]:
    """The Radix stylesheets in the order Radix documents (tokens first)."""
    scales = [f"@radix-ui/themes/tokens/colors/{name}.css" for name in COLOUR_SCALES]
    # "gray" lives in the base tokens; it has its own file too, which is harmless.
    return (_BASE, *dict.fromkeys(scales), *_PARTS)


class LeanRadixThemes(rx.plugins.RadixThemesPlugin):
    """Radix Themes as Reflex sets it up, with the stylesheets above, and
    without the whole library on every page.

    Reflex registers Radix Themes as a "bundled library": the app's root
    imports its entire namespace (about 80 KB compressed) for dynamic
    components evaluated in the browser, which this app never uses. Taken off
    that list, each page gets only the Radix components it renders.
    """

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        return stylesheets() if self.enabled else ()

    def get_static_assets(self, **context: Any) -> list[tuple[Path, str]]:
        return [(Path(_LEAN_STEP), _LEAN_STEP_SOURCE.read_text(encoding="utf-8"))]

    def pre_compile(self, **context: Any) -> None:
        super().pre_compile(**context)
        context["add_modify_task"]("postcss.config.js", with_lean_step)

    def compile_page(self, page_ctx: Any, /, **kwargs: Any) -> None:
        super().compile_page(page_ctx, **kwargs)
        bundled = RegistrationContext.ensure_context().bundled_libraries
        bundled[:] = [name for name in bundled if not name.startswith(_PACKAGE)]


def with_lean_step(config: str) -> str:
    """Reflex's postcss.config.js with the lean step right after postcss-import."""
    if _LEAN_STEP in config:
        return config
    anchor = '"postcss-import": {},'
    if anchor not in config:
        raise ValueError("postcss.config.js has no postcss-import step to follow")
    step = f'"./{_LEAN_STEP}": {{ keep: {json.dumps(list(KEPT_VARIANTS))} }},'
    return config.replace(anchor, f"{anchor}\n    {step}", 1)


def theme_plugin() -> LeanRadixThemes:
    # Plum, not crimson: white on crimson-9 is 3.8:1, under WCAG AA's 4.5:1.
    return LeanRadixThemes(
        theme=rx.theme(accent_color=ACCENT, gray_color=GREY, radius="large"),
    )
