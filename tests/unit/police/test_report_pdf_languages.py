"""The police-ready PDF speaks words, not codes, in Dutch for police or the
language she chooses, and prints every script of the app without a setting."""

import io

import pytest
from pypdf import PdfReader

from tests.unit.police.helpers import consent, report_with_thread
from uglymugs_app.services.police.report_pdf import police_report_pdf

CODES = ("night", "hotel", "35_44", "heavy", "physical_violence", "age_range", "telegram:")


def _words(session, secrets, settings, moderator, report_id, **language) -> str:
    pdf = police_report_pdf(
        session,
        secrets=secrets,
        settings=settings,
        actor=moderator,
        report_id=report_id,
        **language,
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_dutch_for_the_police_by_default_with_labels(session, secrets, settings, member, moderator):
    assert settings.pdf_font_file is None  # no font setting: the bundled fonts serve
    report_id, _ = report_with_thread(session, secrets, member, moderator)
    consent(session, secrets, member, report_id)
    text = _words(session, secrets, settings, moderator, report_id)
    for expected in ("opgesteld voor de politie", "14 maart 2025", "Nacht", "35 tot 44", "zwaar"):
        assert expected in text, expected
    assert "johnny_b (Telegram)" in text
    for code in CODES:
        assert code not in text, code


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", ("จัดทำสำหรับตำรวจ", "ตอนกลางคืน", "โรงแรม", "35 ถึง 44")),
        ("bg", ("подготвен за полицията", "Нощ", "Хотел", "от 35 до 44")),
        ("ro", ("Noaptea",)),
        ("hu", ("Éjjel",)),
        ("pl", ("W nocy",)),
    ],
)
def test_her_language_prints_in_its_own_script(
    session, secrets, settings, member, moderator, language, expected
):
    narrative = {
        "th": "เขาตีฉันในห้องพักของโรงแรมและเอาเงินไป",
        "bg": "Удари ме в хотелската стая и взе парите ми.",
    }.get(language, "Mă lovit în cameră și a luat banii; őrület, łza.")
    report_id, _ = report_with_thread(session, secrets, member, moderator, narrative=narrative)
    consent(session, secrets, member, report_id)
    text = _words(session, secrets, settings, moderator, report_id, language=language)
    assert narrative in text
    for word in expected:
        assert word in text, word
    assert "?" not in text.replace(narrative, "")
    for code in CODES:
        assert code not in text, code


def test_an_unknown_language_falls_back_and_a_missing_glyph_never_fails(
    session, secrets, settings, member, moderator
):
    report_id, _ = report_with_thread(
        session, secrets, member, moderator, narrative="He laughed 😀 and left."
    )
    consent(session, secrets, member, report_id)
    text = _words(session, secrets, settings, moderator, report_id, language="xx")
    assert "He laughed ? and left." in text
