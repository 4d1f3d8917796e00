"""The privacy notice states the durations housekeeping enforces, and she
cannot apply without saying she read it."""

from __future__ import annotations

import pytest

from uglymugs_app.i18n import LANGUAGES, translate
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.members.privacy_notice import notice_figures, require_notice_read
from uglymugs_app.settings import Settings


def test_the_documented_defaults(settings):
    figures = notice_figures(settings)
    assert (figures.report_months, figures.warning_years) == (12, 5)
    assert (figures.idle_days, figures.outbox_days) == (14, 7)


def test_the_installations_own_settings_are_stated(tmp_path):
    class WithRetention(Settings):  # the retention setting, where the installation has one
        report_retention_days: int = 730

    figures = notice_figures(
        WithRetention(
            data_dir=tmp_path,
            warning_lifetime_days=3 * 365,
            session_idle_minutes=60 * 24 * 30,
            push_outbox_retention_days=2,
        )
    )
    assert figures.values() == {
        "report_months": "24",
        "warning_years": "3",
        "idle_days": "30",
        "outbox_days": "2",
    }


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_states_every_duration(language, settings):
    text = translate(language, "privacy.how_long.body", **notice_figures(settings).values())
    for figure in ("12", "5", "14", "7"):
        assert figure in text, (language, figure)


def test_registration_needs_the_tick():
    with pytest.raises(InvalidInput, match="privacy.read.missing"):
        require_notice_read(False)
    require_notice_read(True)
