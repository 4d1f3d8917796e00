"""The verification queue's handlers against hostile callers: a member or an
applicant calling the moderators' handlers, an applicant answering into
someone else's application, and a moderator acting on an application a
colleague has claimed (refused; an admin may hand the claim back)."""

from __future__ import annotations

import uuid

import pytest

from tests.security.catalogue import client_storage_keys
from tests.security.reflex_client import ReflexClient
from tests.security.roles import Actors, open_session_token, present_session
from tests.security.sentinels import PASSWORD, Seeded


def _queue_state() -> str:
    from uglymugs_app.pages.verifications.state import VerificationState

    return VerificationState.get_full_name()


def _status_state() -> str:
    from uglymugs_app.pages.status.state import StatusState

    return StatusState.get_full_name()


def _row(member_id: int):
    from uglymugs_app.models import Member
    from uglymugs_app.services.database import session_scope

    with session_scope() as db:
        member = db.get(Member, member_id)
        return (member.status, member.claimed_by_id, member.evidence_sealed)


def _messages(member_id: int) -> int:
    from sqlmodel import col, func, select

    from uglymugs_app.models import ApplicationMessage
    from uglymugs_app.services.database import session_scope

    with session_scope() as db:
        return db.exec(
            select(func.count()).where(col(ApplicationMessage.member_id) == member_id)
        ).one()


@pytest.fixture(scope="module")
def people(harness):
    """An applicant waiting in the queue, two moderators and an admin of their own."""
    from bench.support.backlog import seed_backlog
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.members.accounts import create_account
    from uglymugs_app.services.security.instance_secrets import current_secrets

    tag = uuid.uuid4().hex[:6]
    with session_scope() as db:
        [applicant] = seed_backlog(
            db, secrets=current_secrets(), applicants=1, members=0, prefix=f"Claimtest{tag}"
        )
        staff = {
            role: create_account(db, working_name=f"{role} {tag}", password=PASSWORD, role=kind).id
            for role, kind in (("first", "moderator"), ("second", "moderator"), ("admin", "admin"))
        }
    return applicant, staff


def _tab(api_url: str, member_id: int) -> ReflexClient:
    client = ReflexClient(api_url, storage_keys=set(client_storage_keys())).connect()
    present_session(client, open_session_token(member_id))
    return client


def test_a_moderator_cannot_act_on_a_colleagues_claim(api_url, people):
    applicant, staff = people
    first, second = _tab(api_url, staff["first"]), _tab(api_url, staff["second"])
    try:
        first.call(f"{_queue_state()}.take", {"member_id": str(applicant)})
        assert first.value(_queue_state(), "current", {}).get("id") == str(applicant)
        assert _row(applicant)[1] == staff["first"]
        before = _row(applicant)

        second.call(f"{_queue_state()}.take", {"member_id": str(applicant)})
        assert (second.value(_queue_state(), "current") or {}).get("id", "") == ""
        assert second.value(_queue_state(), "error")  # told someone else has it
        for decision in ("approve", "reject", "more"):
            second.call(
                f"{_queue_state()}.decide",
                {
                    "form_data": {
                        "member_id": str(applicant),
                        "decision": decision,
                        "message": "forged",
                    }
                },
            )
        second.call(f"{_queue_state()}.hand_back", {"member_id": str(applicant)})
        assert _row(applicant) == before
        assert _messages(applicant) == 0

        # An admin may hand the claim back; then the colleague may take it.
        admin = _tab(api_url, staff["admin"])
        try:
            admin.call(f"{_queue_state()}.hand_back", {"member_id": str(applicant)})
        finally:
            admin.close()
        assert _row(applicant)[1] is None
        second.call(f"{_queue_state()}.take", {"member_id": str(applicant)})
        assert _row(applicant)[1] == staff["second"]
        second.call(f"{_queue_state()}.hand_back", {"member_id": str(applicant)})
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("role", ["member", "applicant", "outreach"])
def test_members_and_applicants_cannot_work_the_queue(role, actors: Actors, people):
    applicant, _ = people
    client = actors(role)
    before = _row(applicant)
    for handler, payload in (
        ("take", {"member_id": str(applicant)}),
        ("hand_back", {"member_id": str(applicant)}),
        ("decide", {"form_data": {"member_id": str(applicant), "decision": "approve"}}),
        ("show", {"view": "all"}),
        ("find", {"form_data": {"search": "claimtest"}}),
    ):
        client.call(f"{_queue_state()}.{handler}", payload)
    assert _row(applicant) == before
    assert client.value(_queue_state(), "entries", []) == []
    assert (client.value(_queue_state(), "current") or {}).get("id", "") == ""


def test_an_applicant_answers_only_into_her_own_application(actors: Actors, seeded: Seeded, people):
    applicant, _ = people
    client = actors("applicant")
    own = actors.actor_id("applicant")
    before_target, before_own = _messages(applicant), _messages(own)
    client.call(
        f"{_status_state()}.answer",
        {"form_data": {"answer": "forged answer", "member_id": applicant, "id": applicant}},
    )
    assert _messages(applicant) == before_target
    assert _row(applicant)[0] == "pending"
    # Her own application took it (the seeded applicant is waiting: she may add words).
    assert _messages(own) == before_own + 1
