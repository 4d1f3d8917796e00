"""Notification text: both catalogues, no details, headers a push service accepts."""

from __future__ import annotations

import re

import pytest

from uglymugs_app.i18n import LANGUAGES, placeholders, raw_catalogue
from uglymugs_app.services.push.payload import (
    PAYLOAD_KEYS,
    WARNING_TTL_SECONDS,
    build_warning_notification,
)
from uglymugs_app.vocabulary import WHOLE_COUNTRY


def test_every_language_has_every_push_key_with_the_same_placeholders():
    english = {k: v for k, v in raw_catalogue("en").items() if k.startswith("push.")}
    assert "push.new_warning.title" in english
    for language in LANGUAGES:
        own = raw_catalogue(language)
        for key, text in english.items():
            assert key in own, f"{language} lacks {key}"
            assert placeholders(own[key]) == placeholders(text), f"{language} {key}"


@pytest.mark.parametrize(
    ("severity", "correction", "title", "urgency"),
    [
        ("low", False, "Nieuwe waarschuwing: Utrecht", "normal"),
        ("high", False, "Dringende waarschuwing: Utrecht", "high"),
        ("high", True, "Aangepaste waarschuwing: Utrecht", "high"),
    ],
)
def test_notification_kinds(severity, correction, title, urgency):
    note = build_warning_notification(
        warning_id=31, severity=severity, region="utrecht", language="nl", correction=correction
    )
    assert note.payload["title"] == title
    assert note.urgency == urgency
    assert note.ttl_seconds == WARNING_TTL_SECONDS == 172800
    assert set(note.payload) == PAYLOAD_KEYS
    assert note.payload["url"] == "/warning?id=31"
    # RFC 8030 Topic: at most 32 characters of the URL-safe base64 alphabet.
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,32}", note.topic)
    assert note.payload["tag"] == note.topic


def test_unknown_language_falls_back_to_english():
    note = build_warning_notification(
        warning_id=1, severity="medium", region=WHOLE_COUNTRY, language="xx"
    )
    assert note.payload["title"] == "New warning: the whole country"
