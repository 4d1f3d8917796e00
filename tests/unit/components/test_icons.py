"""Every incident type, severity and navigation item has an icon and words."""

import pytest
import reflex as rx
from reflex_components_lucide.icon import LUCIDE_ICON_LIST

from uglymugs_app import routes
from uglymugs_app.components.icons import (
    KINDS,
    VOCABULARIES,
    icon_name,
    label_key,
    labelled_icon,
    severity_badge,
)
from uglymugs_app.i18n import LANGUAGES, raw_catalogue


def _codes(kind: str) -> tuple[str, ...]:
    if kind == "nav":
        return tuple(item.route for item in (*routes.NAVIGATION, routes.MORE))
    return VOCABULARIES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_code_has_a_known_lucide_icon(kind):
    for code in _codes(kind):
        name = icon_name(kind, code)
        assert name.replace("-", "_") in LUCIDE_ICON_LIST, f"{kind}:{code} -> {name}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_icon_has_words_in_every_language(kind, language):
    texts = raw_catalogue(language)
    for code in _codes(kind):
        assert texts.get(label_key(kind, code), "").strip(), f"{language}:{kind}:{code}"


def test_labelled_icon_renders_for_fixed_and_state_codes():
    class Demo(rx.State):
        code: str = "robbery"

    rendered = str(labelled_icon("incident", "weapon").render())
    assert "Sword" in rendered and "incident.weapon" in rendered
    assert "match" in str(labelled_icon("incident", Demo.code).render()).lower()
    assert "high" in str(severity_badge("high").render())
