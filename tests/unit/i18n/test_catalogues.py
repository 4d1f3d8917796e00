"""Every catalogue has every key, with the same placeholders as English, and
nothing left in English that should have been translated."""

import ast
import json
import re

import pytest

from tests.paths import ROOT
from uglymugs_app.i18n import (
    CATALOGUE_DIR,
    FALLBACK,
    LANGUAGES,
    negotiate,
    placeholders,
    raw_catalogue,
    translate,
)
from uglymugs_app.i18n.formatting import PLURAL_CATEGORIES, plural_categories, plural_stems
from uglymugs_app.vocabulary import HANDLE_PLATFORMS

NINE = {"nl", "en", "ro", "bg", "hu", "pl", "es", "pt", "th"}
# Keys other branches added after the new catalogues were written: listed, so
# a gap is a decision that shows, and any other missing key still fails.
ORIGINAL = {"en", "nl"}  # these two are complete without exception

# Texts that may equal the English one, each with its reason. Keys ending in
# "*" cover a whole namespace.
SAME_AS_ENGLISH: dict[str, str] = {
    "app.name": "brand name",
    # Dutch place names: what she reads on signs, trains and ad sites.
    "region.*": "Dutch place names",
    # File formats, named the same in every language (a button beside a download icon).
    "police.ready.pdf": "file format name",
    "stats.csv": "file format name",
    # Brand names of apps and sites: she looks for the logo and name she knows.
    # ("platform.other" is a sentence and must be translated, so no "platform.*".)
    **{f"platform.{brand}": "brand name" for brand in HANDLE_PLATFORMS if brand != "other"},
}
SAME_AS_ENGLISH_IN: dict[tuple[str, str], str] = {
    # Dutch has these words too.
    **{
        ("nl", key): "Dutch word"
        for key in (
            "nav.account",
            "menu.title",
            "verify.status",
            "role.moderator",
            "gender.man",
            "work.escort",
            "work.online",
            "incident.stalking",
            "contact.web",
            "contacts.url",
            "thread.moderator",
            "report.status",
            "place.hotel",
            "identifier.kind.email",
            "identifier.kind.handle",
            "appearance.gender.man",
            "appearance.hair.blond",
            "appearance.accent",
        )
    },
    **{
        (language, "place.hotel"): "the word is 'Hotel' in this language"
        for language in ("ro", "pl", "es", "pt")
    },
    **{
        (language, "identifier.kind.email"): "the word is 'E-mail' in this language"
        for language in ("ro", "pl", "pt")
    },
    **{
        (language, "appearance.hair.blond"): "the word is 'blond' in this language"
        for language in ("ro", "pl")
    },
    ("ro", "work.online"): "everyday Romanian word",
    ("ro", "appearance.accent"): "the Romanian word is 'Accent'",
    ("ro", "my_reports.urgent"): "the Romanian word is 'Urgent'",
    ("ro", "moderate.urgent"): "the Romanian word is 'Urgent'",
    ("hu", "work.online"): "everyday Hungarian word",
    ("pl", "menu.title"): "the Polish word is 'Menu'",
    ("pt", "menu.title"): "the Portuguese word is 'Menu'",
    **{
        ("pl", key): "the Polish word is 'Region'"
        for key in (
            "police.pdf.region",
            "report.region",
            "moderate.filter.region",
            "audit.subject.region",
        )
    },
    ("pl", "report.status"): "the Polish word is 'Status'",
    ("pl", "regionadmin.choose"): "the Polish word is 'Region'",
    ("nl", "nav.privacy"): "Dutch word",
}


def _may_equal_english(language: str, key: str) -> bool:
    if (language, key) in SAME_AS_ENGLISH_IN or key in SAME_AS_ENGLISH:
        return True
    return any(key.startswith(rule[:-1]) for rule in SAME_AS_ENGLISH if rule.endswith("*"))


def _extra_plural_forms(english: dict[str, str]) -> set[str]:
    """Plural categories another language may add to an English plural stem."""
    return {
        f"{stem}.{category}" for stem in plural_stems(english) for category in PLURAL_CATEGORIES
    }


def test_the_nine_languages_are_offered_by_their_own_names():
    assert set(LANGUAGES) == NINE
    assert LANGUAGES["th"] == "ไทย" and LANGUAGES["bg"] == "Български"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_catalogue_is_complete_with_matching_placeholders(language):
    english = raw_catalogue(FALLBACK)
    other = raw_catalogue(language)
    assert sorted(set(english) - set(other)) == [], f"{language} lacks keys"
    unknown = set(other) - set(english) - _extra_plural_forms(english)
    assert sorted(unknown) == [], f"{language} has keys English lacks"
    for key, text in other.items():
        stem = key.rsplit(".", 1)[0]
        source = english.get(key) or english[f"{stem}.other"]
        assert placeholders(text) == placeholders(source), f"{language}:{key}"
        assert text.strip(), f"{language}:{key} is empty"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_plural_has_the_forms_the_language_needs(language):
    other = raw_catalogue(language)
    stems = plural_stems(raw_catalogue(FALLBACK))
    assert stems, "no plural keys found: the convention is not in use"
    for stem in stems:
        for category in plural_categories(language):
            assert f"{stem}.{category}" in other, f"{language}:{stem}.{category}"


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - {FALLBACK}))
def test_nothing_is_left_in_english(language):
    english = raw_catalogue(FALLBACK)
    left = sorted(
        key
        for key, text in raw_catalogue(language).items()
        if text == english.get(key) and not _may_equal_english(language, key)
    )
    assert left == [], f"{language} still has English text for these keys"


def test_the_allow_list_names_only_existing_keys():
    english = raw_catalogue(FALLBACK)
    for rule in SAME_AS_ENGLISH:
        assert any(key == rule or key.startswith(rule.rstrip("*")) for key in english), rule
    for language, key in SAME_AS_ENGLISH_IN:
        assert language in LANGUAGES and key in english, (language, key)


def test_every_catalogue_file_is_a_known_language():
    files = {path.stem for path in CATALOGUE_DIR.glob("*.json")}
    assert files == set(LANGUAGES)
    for feature in [path for path in CATALOGUE_DIR.iterdir() if path.is_dir()]:
        if any(feature.glob("*.json")):
            assert {path.stem for path in feature.glob("*.json")} == set(LANGUAGES), feature.name


def _catalogue_like_strings() -> set[str]:
    """Every string literal in the app shaped like a key of a known namespace."""
    english = raw_catalogue(FALLBACK)
    # Audit labels are keyed by the action codes services record (their own
    # test: test_audit_labels), so "member." or "police_request." there does
    # not make a sealed field's name ("member.totp") look like a key.
    audit = json.loads((CATALOGUE_DIR / "audit" / f"{FALLBACK}.json").read_text(encoding="utf-8"))
    namespaces = {key.split(".")[0] for key in english if key not in audit}
    shape = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
    found: set[str] = set()
    for path in (ROOT / "uglymugs_app").rglob("*.py"):
        tree = ast.parse(path.read_text())
        # A foreign key names a table's column ("region.code"), never a text.
        columns = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword) and node.arg == "foreign_key"
        }
        for node in ast.walk(tree):
            if id(node) in columns:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if shape.match(value) and value.split(".")[0] in namespaces:
                    found.add(value)
    return found


def test_every_key_the_code_uses_exists():
    used = _catalogue_like_strings()
    assert "nav.home" in used, "the scan found no keys: it is broken"
    english = raw_catalogue(FALLBACK)
    assert sorted(used - set(english) - plural_stems(english)) == []


def test_catalogues_are_valid_utf8_json_objects():
    for path in [*CATALOGUE_DIR.glob("*.json"), *CATALOGUE_DIR.glob("*/*.json")]:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and all(isinstance(v, str) for v in data.values())


def test_translate_fills_placeholders_and_falls_back_to_english():
    assert translate("nl", "nav.settings") == "Instellingen"
    assert translate("xx", "nav.settings") == "Settings"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("ro-RO,ro;q=0.9,nl;q=0.5,en;q=0.6", "ro"),
        ("th-TH,th;q=0.9", "th"),
        ("pt-BR,pt;q=0.9", "pt"),
        ("de-DE,de;q=0.9", "en"),
        ("", "en"),
        ("en;q=0.1, nl", "nl"),
        ("nl;q=0", "en"),
    ],
)
def test_browser_language_negotiation(header, expected):
    assert negotiate(header) == expected
