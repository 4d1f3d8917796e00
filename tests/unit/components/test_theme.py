"""Only the Radix colour scales the app names are shipped: a scale named in
code but not shipped would render without colour, so this test names it."""

from __future__ import annotations

import re

from tests.paths import ROOT
from uglymugs_app.theme import COLOUR_SCALES, stylesheets

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
