"""Only the Radix colour scales the app names are shipped: a scale named in
code but not shipped would render without colour, so this test names it."""

from __future__ import annotations

import re
from pathlib import Path

import reflex_base

from tests.paths import ROOT
from uglymugs_app.theme import COLOUR_SCALES, stylesheets, with_lean_step

RADIX_SCALES = (
    "amber blue bronze brown crimson cyan gold grass gray green indigo iris jade lime "
    "mauve mint olive orange pink plum purple red ruby sage sand sky slate teal tomato "
    "violet yellow"
).split()
# Where the interface is built (vocabulary.py's "red" is a client's hair).
UI_CODE = ("components", "pages", "state")
QUOTED = re.compile("[\"'](" + "|".join(RADIX_SCALES) + ")[\"']")


def test_every_colour_scale_named_in_the_app_is_shipped():
    named = {
        match.group(1): path.relative_to(ROOT)
        for folder in UI_CODE
        for path in (ROOT / "uglymugs_app" / folder).rglob("*.py")
        for match in QUOTED.finditer(path.read_text(encoding="utf-8"))
    }
    missing = {name: str(path) for name, path in named.items() if name not in COLOUR_SCALES}
    assert missing == {}, f"add these to uglymugs_app/theme.py COLOUR_SCALES: {missing}"


def test_the_stylesheets_are_the_base_the_scales_and_the_components():
    sheets = stylesheets()
    assert sheets[0] == "@radix-ui/themes/tokens/base.css"
    assert "@radix-ui/themes/styles.css" not in sheets  # the whole set, 30 scales
    assert "@radix-ui/themes/tokens/colors/plum.css" in sheets
    assert "@radix-ui/themes/tokens/colors/violet.css" not in sheets
    assert sheets[-2:] == ("@radix-ui/themes/components.css", "@radix-ui/themes/utilities.css")


BREAKPOINT_VALUE = re.compile(r"rx\.breakpoints\(|[\"'](?:initial|xs|sm|md|lg|xl)[\"']\s*:")


def test_no_component_is_given_a_per_breakpoint_value():
    """Radix's responsive variants are not in the build (frontend/postcss/lean_radix.js):
    a per-breakpoint value would silently do nothing on wider screens."""
    found = [
        str(path.relative_to(ROOT))
        for folder in UI_CODE
        for path in (ROOT / "uglymugs_app" / folder).rglob("*.py")
        if BREAKPOINT_VALUE.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [], (
        "per-breakpoint values in "
        f"{found}: add their classes to KEPT_VARIANTS in uglymugs_app/theme.py, or use shell.css"
    )


def test_the_build_runs_the_lean_step_after_postcss_import():
    """On the installed Reflex's own postcss.config.js: a new Reflex that drops
    postcss-import (which inlines Radix's files first) fails here, not silently."""
    reflex_config = (
        Path(reflex_base.__file__).parent / ".templates/web/postcss.config.js"
    ).read_text()
    changed = with_lean_step(reflex_config)
    assert changed.index('"postcss-import"') < changed.index("postcss-lean-radix.js")
    assert changed.index("postcss-lean-radix.js") < changed.index("autoprefixer")
    assert with_lean_step(changed) == changed
