"""A warning's dates read as every other date in her language (one Babel locale).

English is English as written in Europe: "14 Mar 2025", not the US "Mar 14,
2025" the warning card used to show beside day-first dates elsewhere.
"""

from datetime import datetime

import pytest

from uglymugs_app.i18n.formatting import format_date
from uglymugs_app.services.warnings.lifecycle import MaskedIdentifier, WarningView
from uglymugs_app.services.warnings.text import warning_text

PUBLISHED = datetime(2025, 3, 14, 21, 30)


def stored_warning() -> WarningView:
    return WarningView(
        id=1,
        summary="Hit a worker in a hotel.",
        severity="high",
        regions=["utrecht"],
        incident_types=["robbery"],
        appearance={"languages": ["nl", "en"]},
        place_kind="",
        incident_month="2025-02",
        reported_count=1,
        repeat=False,
        identifiers=[MaskedIdentifier("phone", "+31 6 12•• ••78")],
        published_at=PUBLISHED,
        updated_at=PUBLISHED,
        version=1,
        status="active",
    )


@pytest.mark.parametrize(
    ("language", "published", "month"),
    [
        ("en", "14 Mar 2025", "February 2025"),
        ("nl", "14 mrt 2025", "februari 2025"),
        ("ro", "14 mar. 2025", "februarie 2025"),
    ],
)
def test_published_date_and_month_in_her_language(language, published, month):
    text = warning_text(stored_warning(), language)
    assert (text.published, text.month) == (published, month)
    assert text.published == format_date(language, PUBLISHED)  # as the rest of the app


def test_unsupported_language_falls_back_to_the_same_english():
    assert warning_text(stored_warning(), "xx").published == "14 Mar 2025"
