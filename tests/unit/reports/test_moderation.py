import json
from datetime import timedelta

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.reports import MODERATOR, SUMMARY, publish, report
from uglymugs_app.models import AuditEvent, Report
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import InvalidInput, PermissionDenied, PublishNotAllowed
from uglymugs_app.services.reports import moderation
from uglymugs_app.services.reports.submission import list_my_reports
from uglymugs_app.services.security.audit import list_audit_events


def test_queue_is_urgent_first_then_oldest(session, secrets):
    old = report(session, secrets)
    newer = report(session, secrets)
    urgent = report(session, secrets, urgent=True)
    stored = session.get(Report, old.id)
    stored.created_at = utcnow() - timedelta(days=2)
    session.add(stored)
    session.commit()
    queue = moderation.moderator_queue(session, actor=MODERATOR)
    assert [item.id for item in queue] == [urgent.id, old.id, newer.id]


def test_queue_filters_by_status_and_region(session, secrets):
    utrecht = report(session, secrets)
    limburg = report(session, secrets, region="limburg")
    assert [
        i.id for i in moderation.moderator_queue(session, actor=MODERATOR, region="limburg")
    ] == [limburg.id]
    moderation.close_report(session, actor=MODERATOR, report_id=utrecht.id)
    assert [i.id for i in moderation.moderator_queue(session, actor=MODERATOR)] == [limburg.id]
    assert [
        i.id for i in moderation.moderator_queue(session, actor=MODERATOR, statuses=["closed"])
    ] == [utrecht.id]


@pytest.mark.parametrize(
    "call",
    [
        lambda s, k: moderation.moderator_queue(s, actor=acting(7, "member")),
        lambda s, k: moderation.report_detail(s, secrets=k, actor=acting(7, "member"), report_id=1),
        lambda s, k: moderation.decline_report(
            s, secrets=k, actor=acting(7, "outreach"), report_id=1, reason="no"
        ),
        lambda s, k: moderation.close_report(s, actor=acting(7, ""), report_id=1),
        lambda s, k: list_audit_events(s, actor=acting(7, "moderator")),
    ],
)
def test_non_moderators_are_refused(session, secrets, call):
    report(session, secrets)
    with pytest.raises(PermissionDenied):
        call(session, secrets)


def test_decline_shows_her_the_reason_and_is_audited(session, secrets):
    filed = report(session, secrets)
    moderation.decline_report(
        session,
        secrets=secrets,
        actor=MODERATOR,
        report_id=filed.id,
        reason="We could not confirm this; call us if you want to talk.",
    )
    mine = list_my_reports(session, secrets=secrets, member_id=7)[0]
    assert mine.status == "not_published"
    assert mine.decline_reason.startswith("We could not confirm")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "report.decline")).one()
    assert event.actor_id == MODERATOR.member_id and event.subject_id == filed.id
    assert json.loads(event.before) == {"status": "received"}
    assert json.loads(event.after) == {"status": "not_published"}


def test_detail_opens_everything_and_audits_the_view(session, secrets):
    filed = report(session, secrets)
    detail = moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=filed.id)
    content = detail.content
    assert content.narrative.startswith("He hit me")
    assert content.area == "Lombok"
    assert {i.kind for i in content.identifiers} == {"phone", "email", "plate", "handle", "name"}
    assert detail.reported_count == 1 and detail.linked == []
    events = list_audit_events(session, actor=acting(1, "admin"))
    assert [e.action for e in events] == ["report.view"]


def test_publish_defaults(session, secrets, settings):
    filed = report(session, secrets)
    warning = publish(session, secrets, settings, filed.id)
    assert warning.summary == SUMMARY
    assert warning.regions == ["utrecht"]
    assert warning.incident_types == ["physical_violence", "robbery"]
    assert warning.incident_month == "2025-03"
    assert warning.place_kind == ""
    # Coded appearance only: her free-text "marks" stay out unless chosen.
    assert warning.appearance == {
        "gender": "man",
        "age_range": "35_44",
        "build": "heavy",
        "languages": ["en", "nl"],
    }
    assert sorted((i.kind, i.masked) for i in warning.identifiers) == [
        ("email", "b•••@example.nl"),
        ("handle", "telegram: jo•••"),
        ("phone", "+31 6 12•• ••78"),
        ("plate", "1•••3"),
    ]
    assert list_my_reports(session, secrets=secrets, member_id=7)[0].status == "published"
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "warning.publish")).one()
    assert "+31" not in event.after and "example" not in event.after
    assert json.loads(event.after)["identifier_kinds"] == ["email", "handle", "phone", "plate"]


def test_publish_chosen_fields_only(session, secrets, settings):
    filed = report(session, secrets)
    detail = moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=filed.id)
    phone_id = next(i.id for i in detail.content.identifiers if i.kind == "phone")
    warning = publish(
        session,
        secrets,
        settings,
        filed.id,
        identifier_ids=[phone_id],
        appearance_fields=["gender"],
        include_incident_types=False,
        include_month=False,
        include_place_kind=True,
        regions=["utrecht", "noord-holland"],
        severity="medium",
    )
    assert [i.kind for i in warning.identifiers] == ["phone"]
    assert warning.appearance == {"gender": "man"}
    assert warning.incident_types == [] and warning.incident_month == ""
    assert warning.place_kind == "hotel"
    assert warning.regions == ["noord-holland", "utrecht"]


def test_names_are_never_published(session, secrets, settings):
    filed = report(session, secrets)
    detail = moderation.report_detail(session, secrets=secrets, actor=MODERATOR, report_id=filed.id)
    name_id = next(i.id for i in detail.content.identifiers if i.kind == "name")
    with pytest.raises(InvalidInput) as caught:
        publish(session, secrets, settings, filed.id, identifier_ids=[name_id])
    assert caught.value.key == "moderation.identifiers.name_not_publishable"


def test_publishing_is_refused_without_consent(session, secrets, settings):
    filed = report(session, secrets, may_publish=False)
    with pytest.raises(PublishNotAllowed) as caught:
        publish(session, secrets, settings, filed.id)
    assert caught.value.key == "moderation.publish.no_consent"
    session.rollback()
    assert (
        session.exec(select(AuditEvent).where(AuditEvent.action == "warning.publish")).all() == []
    )


def test_a_report_is_published_once(session, secrets, settings):
    filed = report(session, secrets)
    publish(session, secrets, settings, filed.id)
    with pytest.raises(PublishNotAllowed):
        publish(session, secrets, settings, filed.id)


@pytest.mark.parametrize(
    ("summary", "key"),
    [
        ("Dangerous man, number 06 1234 5678, avoid.", "moderation.text.identifier"),
        ("Uses bad.client@example.nl to book.", "moderation.text.identifier"),
        ("Drives car 12-ABC-3.", "moderation.text.identifier"),
        ("Calls himself Johnny.", "moderation.text.identifier"),
        (
            "She said: he hit me in room twelve and took my phone and the money.",
            "moderation.summary.verbatim",
        ),
        ("   ", "moderation.summary.invalid"),
    ],
)
def test_summary_may_not_leak(session, secrets, settings, summary, key):
    filed = report(session, secrets)
    with pytest.raises(InvalidInput) as caught:
        publish(session, secrets, settings, filed.id, summary=summary)
    assert caught.value.key == key
