"""Her feed: her regions or the whole country, read marks, expiry, her language."""

from datetime import timedelta

import pytest

from tests.fixtures.reports import publish, report
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.errors import NotFound
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.warnings import feed
from uglymugs_app.services.warnings.text import warning_text


def member(session, regions, name="Roxy"):
    row = create_account(
        session, working_name=name, password="long enough secret", role="member", regions=regions
    )
    return Actor(member_id=row.id, role="member", working_name=name, language="nl")


def warning_in(session, secrets, settings, region, phone, **draft):
    made = report(session, secrets, region=region, identifiers=[IdentifierInput("phone", phone)])
    return publish(session, secrets, settings, made.id, **draft)


@pytest.fixture
def two_regions(session, secrets, settings):
    return (
        warning_in(session, secrets, settings, "utrecht", "06-11111111"),
        warning_in(session, secrets, settings, "limburg", "06-22222222"),
    )


def test_her_regions_unless_she_asks_for_the_whole_country(session, secrets, settings, two_regions):
    utrecht, limburg = two_regions
    actor = member(session, ["utrecht"])
    assert [e.warning.id for e in feed.member_feed(session, actor=actor).entries] == [utrecht.id]
    everywhere = feed.member_feed(session, actor=actor, whole_country=True)
    assert [e.warning.id for e in everywhere.entries] == [limburg.id, utrecht.id]
    # The unread count (the badge) stays about her own regions.
    assert everywhere.unread == 1


def test_whole_country_members_see_everything(session, secrets, settings, two_regions):
    actor = member(session, ["whole-country"])
    assert len(feed.member_feed(session, actor=actor).entries) == 2


def test_read_marks(session, secrets, settings, two_regions):
    utrecht, _ = two_regions
    actor = member(session, ["whole-country"])
    assert feed.member_feed(session, actor=actor).unread == 2
    feed.open_warning(session, actor=actor, warning_id=utrecht.id)
    feed.open_warning(session, actor=actor, warning_id=utrecht.id)  # twice is fine
    entries = feed.member_feed(session, actor=actor).entries
    assert {e.warning.id: e.unread for e in entries}[utrecht.id] is False
    assert feed.member_feed(session, actor=actor).unread == 1
    feed.mark_all_read(session, actor=actor)
    assert feed.member_feed(session, actor=actor).unread == 0
    # Someone else's marks are her own.
    assert feed.member_feed(session, actor=member(session, ["whole-country"], "Mia")).unread == 2


def test_expired_warnings_are_gone(session, secrets, settings):
    long_ago = utcnow() - timedelta(days=settings.warning_lifetime_days + 1)
    old = warning_in(session, secrets, settings, "utrecht", "06-33333333", now=long_ago)
    actor = member(session, ["utrecht"])
    assert feed.member_feed(session, actor=actor).entries == []
    with pytest.raises(NotFound):
        feed.open_warning(session, actor=actor, warning_id=old.id)


def test_version_changes_when_a_warning_is_published(session, secrets, settings):
    before = feed.feed_version(session)
    warning_in(session, secrets, settings, "utrecht", "06-44444444")
    assert feed.feed_version(session) != before


def test_structured_fields_in_dutch_summary_as_written(session, secrets, settings):
    made = report(session, secrets, identifiers=[IdentifierInput("phone", "06-12345678")])
    view = publish(
        session,
        secrets,
        settings,
        made.id,
        include_place_kind=True,
        appearance_fields=["gender", "age_range", "build", "languages", "marks"],
    )
    text = warning_text(view, "nl")
    assert text.severity_label == "Groot gevaar"
    assert text.incidents == ["Lichamelijk geweld", "Beroving"]
    assert text.place == "Hotel"
    assert text.month == "maart 2025"
    assert text.regions == "Utrecht"
    assert "Leeftijd: 35 tot 44" in text.appearance
    assert "Postuur: zwaar" in text.appearance
    assert "Spreekt: Engels, Nederlands" in text.appearance
    assert "Kenmerken: snake tattoo on left arm" in text.appearance  # chosen free text
    assert text.identifiers == ["Telefoon: +31 6 12•• ••78"]
    assert text.summary == view.summary
    english = warning_text(view, "en")
    assert (english.month, english.incidents[0]) == ("March 2025", "Physical violence")
