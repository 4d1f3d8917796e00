"""Every catalogue has every key, with the same placeholders as English."""

import ast
import json
import re
from pathlib import Path

import pytest

from uglymugs_app.i18n import (
    CATALOGUE_DIR,
    FALLBACK,
    LANGUAGES,
    negotiate,
    placeholders,
    raw_catalogue,
    translate,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_catalogue_is_complete_with_matching_placeholders(language):
    english = raw_catalogue(FALLBACK)
    other = raw_catalogue(language)
    assert sorted(set(english) - set(other)) == [], f"{language} lacks keys"
    assert sorted(set(other) - set(english)) == [], f"{language} has keys English lacks"
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), f"{language}:{key}"
        assert other[key].strip(), f"{language}:{key} is empty"


def test_every_catalogue_file_is_a_known_language():
    files = {path.stem for path in CATALOGUE_DIR.glob("*.json")}
    assert files == set(LANGUAGES)


def _catalogue_like_strings() -> set[str]:
    """Every string literal in the app shaped like a key of a known namespace."""
    english = raw_catalogue(FALLBACK)
    namespaces = {key.split(".")[0] for key in english}
    shape = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
    found: set[str] = set()
    for path in (ROOT / "uglymugs_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if shape.match(value) and value.split(".")[0] in namespaces:
                    found.add(value)
    return found


def test_every_key_the_code_uses_exists():
    used = _catalogue_like_strings()
    assert "nav.home" in used, "the scan found no keys: it is broken"
    assert sorted(used - set(raw_catalogue(FALLBACK))) == []


def test_catalogues_are_valid_utf8_json_objects():
    for path in CATALOGUE_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and all(isinstance(v, str) for v in data.values())


def test_translate_fills_placeholders_and_falls_back_to_english():
    assert translate("nl", "nav.settings") == "Instellingen"
    assert translate("xx", "nav.settings") == "Settings"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("ro-RO,ro;q=0.9,nl;q=0.5,en;q=0.6", "en"),
        ("de-DE,de;q=0.9", "en"),
        ("", "en"),
        ("en;q=0.1, nl", "nl"),
        ("nl;q=0", "en"),
    ],
)
def test_browser_language_negotiation(header, expected):
    assert negotiate(header) == expected
