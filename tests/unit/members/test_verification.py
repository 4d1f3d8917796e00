"""The verification queue, invite and vouch codes, two-factor enrolment, people."""

from datetime import timedelta

import pyotp
import pytest

from tests.fixtures.people import actor_of
from tests.unit.members.test_accounts import apply
from uglymugs_app.models import Member, OneTimeCode
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members import people, verification
from uglymugs_app.services.security import two_factor


def _queue(session, secrets, settings, actor, **filters):
    return verification.queue.queue_page(
        session, secrets=secrets, settings=settings, actor=actor, **filters
    )


def test_moderator_approves_and_the_evidence_is_deleted(session, secrets, settings, moderator):
    applicant = apply(session, secrets, settings)
    page = _queue(session, secrets, settings, moderator)
    assert [(e.working_name, e.site) for e in page.entries] == [("Bella", "ads.example")]
    taken = verification.open_application(
        session, secrets=secrets, settings=settings, actor=moderator, member_id=applicant.id
    )
    assert taken.evidence == "https://ads.example/bella"
    verification.approve(session, actor=moderator, member_id=applicant.id)
    stored = session.get(Member, applicant.id)
    assert (stored.role, stored.status, stored.evidence_sealed) == ("member", "active", "")
    assert stored.decision_seconds is not None and stored.decided_by_id == moderator.member_id
    assert _queue(session, secrets, settings, moderator).entries == []
    with pytest.raises(NotFound):
        verification.approve(session, actor=moderator, member_id=applicant.id)


def test_reject_and_ask_for_more(session, secrets, settings, moderator):
    first = apply(session, secrets, settings)
    second = apply(session, secrets, settings, working_name="Cleo")
    verification.ask_for_more(
        session,
        secrets=secrets,
        actor=moderator,
        member_id=first.id,
        message="Please send the link to your current ad.",
    )
    applicant = actor_of(session.get(Member, first.id))
    status = verification.application_status(session, actor=applicant, secrets=secrets)
    assert status.status == "more_info"
    assert [(e.from_staff, e.author, e.text) for e in status.exchange] == [
        (True, "Mod Anna", "Please send the link to your current ad.")
    ]
    verification.add_evidence(
        session,
        secrets=secrets,
        actor=applicant,
        kind="ad_link",
        evidence="https://ads.example/bella-new",
    )
    assert session.get(Member, first.id).status == "pending"
    verification.reject(session, actor=moderator, member_id=second.id, message="")
    assert session.get(Member, second.id).status == "rejected"
    assert session.get(Member, second.id).evidence_sealed == ""


def test_only_staff_work_the_queue(session, secrets, settings, member, outreach):
    applicant = apply(session, secrets, settings)
    for actor in (member, outreach, actor_of(applicant)):
        with pytest.raises(PermissionDenied):
            _queue(session, secrets, settings, actor)
        with pytest.raises(PermissionDenied):
            verification.approve(session, actor=actor, member_id=applicant.id)
    assert session.get(Member, applicant.id).status == "pending"


def test_invite_code_verifies_once_and_expires(session, secrets, settings, outreach, member):
    with pytest.raises(PermissionDenied):
        verification.issue_invite_code(session, secrets=secrets, settings=settings, actor=member)
    code = verification.issue_invite_code(
        session, secrets=secrets, settings=settings, actor=outreach
    )
    newcomer = apply(session, secrets, settings, evidence_kind="invite", evidence=code)
    assert (newcomer.role, newcomer.status) == ("member", "active")
    # A used code verifies nobody else: her application waits for a
    # moderator, flagged (see test_verification_queue).
    reused = apply(
        session, secrets, settings, working_name="Dana", evidence_kind="invite", evidence=code
    )
    assert (reused.role, reused.status) == ("applicant", "pending")
    with pytest.raises(InvalidInput) as wrong:
        apply(
            session,
            secrets,
            settings,
            working_name="Dora",
            evidence_kind="invite",
            evidence="ABCD-EFGH-JKMN",
        )
    assert wrong.value.key == "code.wrong"

    old = verification.issue_invite_code(
        session, secrets=secrets, settings=settings, actor=outreach
    )
    row = session.query(OneTimeCode).filter_by(used_at=None, purpose="invite").one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    with pytest.raises(InvalidInput) as expired:
        apply(session, secrets, settings, working_name="Dora", evidence_kind="invite", evidence=old)
    assert expired.value.key == "code.expired"


def test_vouching_only_where_enabled_and_still_reviewed(session, secrets, settings, member):
    with pytest.raises(InvalidInput):
        verification.issue_vouch_code(session, secrets=secrets, settings=settings, actor=member)
    settings.vouching_enabled = True
    code = verification.issue_vouch_code(session, secrets=secrets, settings=settings, actor=member)
    newcomer = apply(session, secrets, settings, evidence_kind="vouch", evidence=code)
    assert (newcomer.role, newcomer.status, newcomer.vouched_by_id) == (
        "applicant",
        "pending",
        member.member_id,
    )


def test_two_factor_enrolment_and_recovery_codes(session, secrets):
    from uglymugs_app.services.members.accounts import create_account

    mod = create_account(session, working_name="New Mod", password="x" * 12, role="moderator")
    enrolment = two_factor.start_enrolment(session, secrets=secrets, member_id=mod.id)
    assert enrolment.uri.startswith("otpauth://totp/")
    assert enrolment.secret not in session.get(Member, mod.id).totp_sealed
    with pytest.raises(InvalidInput):
        two_factor.confirm_enrolment(session, secrets=secrets, member_id=mod.id, code="123456")
    codes = two_factor.confirm_enrolment(
        session, secrets=secrets, member_id=mod.id, code=pyotp.TOTP(enrolment.secret).now()
    )
    assert len(codes) == 8
    stored = session.get(Member, mod.id)
    assert two_factor.second_factor_ok(session, secrets=secrets, member=stored, code=codes[0])
    assert not two_factor.second_factor_ok(session, secrets=secrets, member=stored, code=codes[0])
    assert two_factor.recovery_codes_left(session, member_id=mod.id) == 7


def test_admin_manages_people(session, admin, member, moderator):
    for actor in (member, moderator):
        with pytest.raises(PermissionDenied):
            people.people_page(session, actor=actor, query=people.PeopleQuery())
        with pytest.raises(PermissionDenied):
            people.suspend(session, actor=actor, member_id=member.member_id, reason="x")
    staff = people.create_staff(
        session, actor=admin, working_name="Out Eva", password="x" * 12, role="outreach"
    )
    assert staff.role == "outreach"
    with pytest.raises(InvalidInput):
        people.suspend(session, actor=admin, member_id=member.member_id, reason=" ")
    people.suspend(session, actor=admin, member_id=member.member_id, reason="abuse")
    people.reinstate(session, actor=admin, member_id=member.member_id, reason="talked it over")
    assert session.get(Member, member.member_id).status == "active"
    with pytest.raises(PermissionDenied):
        people.suspend(session, actor=admin, member_id=admin.member_id, reason="oops")
    listed = people.people_page(session, actor=admin, query=people.PeopleQuery()).people
    assert {p.working_name for p in listed} >= {"Roxy", "Out Eva"}
