"""Item 9: nothing a warning shows in words can identify him in full or her at all."""

from __future__ import annotations

import dataclasses

import pytest

from tests.fixtures.reports import MODERATOR, SUMMARY, publish, report
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.warnings.lifecycle import WarningCorrection, correct_warning
from uglymugs_app.services.warnings.publishing import WarningDraft

STAFF = Actor(member_id=MODERATOR, role="moderator", working_name="Mod", language="en")


@pytest.fixture
def her_report(session, secrets):
    """A report by a member called Roxy Star, met in Lombok."""
    roxy = create_account(
        session,
        working_name="Roxy Star",
        password="correct horse battery",
        role="member",
        regions=["utrecht"],
    )
    return report(session, secrets, reporter_id=roxy.id)


def refusal(work) -> str:
    with pytest.raises(InvalidInput) as caught:
        work()
    return caught.value.key


@pytest.mark.parametrize(
    ("summary", "key"),
    [
        ("He waits near Lombok station.", "moderation.text.area"),
        ("He asked for roxy star by name.", "moderation.text.working_name"),
        ("Texts from 0031 61 234 number.", "moderation.text.digits"),
        ("Books as john dot doe at gmail.", "moderation.text.email"),
        ("Mails from jd [at] example [dot] com.", "moderation.text.email"),
        ("Books with bad dot client at example.", "moderation.text.identifier"),
    ],
)
def test_9_summary_is_vetted_against_her_area_name_and_spelled_identifiers(
    session, secrets, settings, her_report, summary, key
):
    assert (
        refusal(lambda: publish(session, secrets, settings, her_report.id, summary=summary)) == key
    )


def test_9_free_text_appearance_is_vetted(session, secrets, settings):
    filed = report(
        session,
        secrets,
        appearance={
            "gender": "man",
            "marks": "tattoo saying Lombok",
            "accent": "Brabant",
            "vehicle_make": "van with number 06 1234 5678 on it",
        },
    )
    assert (
        refusal(
            lambda: publish(
                session, secrets, settings, filed.id, appearance_fields=["gender", "marks"]
            )
        )
        == "moderation.text.area"
    )
    assert (
        refusal(
            lambda: publish(
                session, secrets, settings, filed.id, appearance_fields=["vehicle_make"]
            )
        )
        == "moderation.text.identifier"
    )
    # What passes is published as she wrote it.
    published = publish(
        session, secrets, settings, filed.id, appearance_fields=["gender", "accent"]
    )
    assert published.appearance == {"gender": "man", "accent": "Brabant"}


def test_9_corrections_are_vetted_too(session, secrets, settings, her_report):
    warning = publish(session, secrets, settings, her_report.id)
    assert (
        refusal(
            lambda: correct_warning(
                session,
                secrets=secrets,
                actor=MODERATOR,
                warning_id=warning.id,
                correction=WarningCorrection(summary="Seen again in Lombok."),
                reason="new sighting",
            )
        )
        == "moderation.text.area"
    )


def test_9_the_preview_is_exactly_what_members_get(session, secrets, settings, her_report):
    from uglymugs_app.services.warnings.publishing import preview_warning

    draft = WarningDraft(summary=SUMMARY, severity="high", appearance_fields=["gender", "marks"])
    shown = preview_warning(
        session,
        secrets=secrets,
        settings=settings,
        actor=STAFF,
        report_id=her_report.id,
        draft=draft,
    )
    assert (
        refusal(
            lambda: preview_warning(
                session,
                secrets=secrets,
                settings=settings,
                actor=STAFF,
                report_id=her_report.id,
                draft=dataclasses.replace(draft, summary="Near Lombok."),
            )
        )
        == "moderation.text.area"
    )
    published = publish(
        session, secrets, settings, her_report.id, appearance_fields=["gender", "marks"]
    )

    def member_visible(view) -> dict:
        values = dataclasses.asdict(view)
        for moment in ("id", "published_at", "updated_at", "reported_count", "repeat"):
            values.pop(moment)
        # An identifier's row number exists only once it is stored; the
        # member sees its kind and mask.
        for identifier in values["identifiers"]:
            identifier.pop("id")
        return values

    assert member_visible(shown) == member_visible(published)
    assert {i.masked for i in shown.identifiers} >= {"+31 6 12•• ••78"}
