"""Admins change roles, reset two-factor, suspend and restore, and find anyone
in a list that pages; nobody locks the installation out of its admins."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.actors import acting
from tests.fixtures.people import PASSWORD
from uglymugs_app.models import AuditEvent, CodePurpose, Member, MemberSession, OneTimeCode, Role
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.members import login, people
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.security.sessions import open_session
from uglymugs_app.services.security.two_factor import new_recovery_codes


def _sessions(session, member_id: int) -> int:
    return len(
        session.exec(select(MemberSession).where(MemberSession.member_id == member_id)).all()
    )


def _log_in(session, secrets, settings, name: str) -> login.LoginResult:
    return login.log_in(
        session, secrets=secrets, settings=settings, working_name=name, password=PASSWORD
    )


def test_a_member_made_moderator_is_logged_out_and_enrols_two_factor(
    session, secrets, settings, admin, member
):
    open_session(session, member_id=member.member_id)
    people.change_role(session, actor=admin, member_id=member.member_id, role="moderator")
    assert session.get(Member, member.member_id).role == "moderator"
    assert _sessions(session, member.member_id) == 0
    assert _log_in(session, secrets, settings, "Roxy").must_enrol_two_factor
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "member.role_changed")).one()
    assert (event.actor_id, event.subject_id) == (admin.member_id, member.member_id)
    assert (event.before, event.after) == ('{"role": "member"}', '{"role": "moderator"}')


@pytest.mark.parametrize(
    ("role", "key"), [("applicant", "account.role.invalid"), ("root", "account.role.invalid")]
)
def test_only_the_four_verified_roles_can_be_given(session, admin, member, role, key):
    with pytest.raises(InvalidInput) as refused:
        people.change_role(session, actor=admin, member_id=member.member_id, role=role)
    assert refused.value.key == key


def test_an_applicant_is_decided_in_the_queue_not_here(session, admin):
    applicant = create_account(
        session, working_name="New Nina", password=PASSWORD, role="applicant", status="pending"
    )
    with pytest.raises(InvalidInput, match="people.role.applicant"):
        people.change_role(session, actor=admin, member_id=applicant.id, role="member")


def test_an_admin_cannot_demote_or_suspend_herself(session, admin):
    with pytest.raises(PermissionDenied, match="people.not_yourself"):
        people.change_role(session, actor=admin, member_id=admin.member_id, role="member")
    with pytest.raises(PermissionDenied, match="people.not_yourself"):
        people.suspend(session, actor=admin, member_id=admin.member_id, reason="oops")
    with pytest.raises(PermissionDenied, match="people.not_yourself"):
        people.reset_two_factor(session, actor=admin, member_id=admin.member_id, reason="lost")
    assert session.get(Member, admin.member_id).role == "admin"


def test_the_last_active_admin_stays(session, admin):
    """An admin acting from a stale tab (her own account already suspended
    elsewhere) cannot take away the one remaining admin."""
    stale = acting(admin.member_id + 100, Role.ADMIN)
    with pytest.raises(PermissionDenied, match="people.last_admin"):
        people.change_role(session, actor=stale, member_id=admin.member_id, role="moderator")
    with pytest.raises(PermissionDenied, match="people.last_admin"):
        people.suspend(session, actor=stale, member_id=admin.member_id, reason="x")
    second = create_account(session, working_name="Admin Two", password=PASSWORD, role="admin")
    people.change_role(session, actor=admin, member_id=second.id, role="moderator")
    assert session.get(Member, second.id).role == "moderator"


def test_two_factor_reset_forces_a_new_enrolment_at_her_next_log_in(
    session, secrets, settings, admin, moderator
):
    open_session(session, member_id=moderator.member_id)
    new_recovery_codes(session, secrets=secrets, member_id=moderator.member_id)
    session.commit()
    with pytest.raises(InvalidInput, match="people.reason.missing"):
        people.reset_two_factor(session, actor=admin, member_id=moderator.member_id, reason=" ")
    people.reset_two_factor(
        session, actor=admin, member_id=moderator.member_id, reason="phone stolen"
    )
    stored = session.get(Member, moderator.member_id)
    assert not stored.totp_enabled and stored.totp_sealed == ""
    assert _sessions(session, moderator.member_id) == 0
    recovery = session.exec(
        select(OneTimeCode).where(
            OneTimeCode.purpose == CodePurpose.RECOVERY,
            OneTimeCode.member_id == moderator.member_id,
        )
    ).all()
    assert recovery == []
    result = _log_in(session, secrets, settings, "Mod Anna")  # no code asked any more ...
    assert result.must_enrol_two_factor  # ... and nothing opens before she enrols again
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "member.two_factor_reset")
    ).one()
    assert (event.actor_id, event.subject_id, event.detail) == (
        admin.member_id,
        moderator.member_id,
        "phone stolen",
    )
    with pytest.raises(InvalidInput, match="people.no_two_factor"):
        people.reset_two_factor(session, actor=admin, member_id=moderator.member_id, reason="x")


@pytest.mark.parametrize("who", ["member", "moderator", "outreach"])
def test_only_an_admin_manages_people(session, request, admin, who):
    actor = request.getfixturevalue(who)
    target = admin.member_id
    for action in (
        lambda: people.people_page(session, actor=actor, query=people.PeopleQuery()),
        lambda: people.change_role(session, actor=actor, member_id=target, role="member"),
        lambda: people.reset_two_factor(session, actor=actor, member_id=target, reason="x"),
        lambda: people.suspend(session, actor=actor, member_id=target, reason="x"),
        lambda: people.reinstate(session, actor=actor, member_id=target, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            action()
    stored = session.get(Member, admin.member_id)
    assert (stored.role, stored.status, stored.totp_enabled) == ("admin", "active", True)


def test_an_unknown_person_is_not_found(session, admin):
    with pytest.raises(NotFound):
        people.change_role(session, actor=admin, member_id=99_999, role="member")


def _crowd(session, count: int) -> None:
    """Members straight into the table: hashing 500 passwords would only slow the test."""
    for n in range(count):
        session.add(
            Member(
                working_name=f"aa member {n:04d}",
                name_key=f"aa member {n:04d}",
                password_hash="-",
                role="member",
                status="active",
            )
        )
    session.commit()


def test_staff_are_never_dropped_from_a_long_list(session, admin, moderator, outreach):
    _crowd(session, 520)
    first = people.people_page(session, actor=admin, query=people.PeopleQuery(sort="role"))
    assert [p.role for p in first.people[:3]] == ["admin", "moderator", "outreach"]
    assert first.total == 523 and first.pages == -(-523 // people.PAGE_SIZE)
    staff = people.people_page(session, actor=admin, query=people.PeopleQuery(show="staff"))
    assert {p.working_name for p in staff.people} == {"Admin Bo", "Mod Anna", "Outreach Cas"}
    by_name = people.PeopleQuery(sort="name", page=first.pages)
    last = people.people_page(session, actor=admin, query=by_name)
    # Names sort "aa member ..." before staff: the staff are on the last page, not cut off.
    assert {"Admin Bo", "Mod Anna", "Outreach Cas"} <= {p.working_name for p in last.people}
    seen = set()
    for page in range(1, first.pages + 1):
        query = people.PeopleQuery(sort="newest", page=page)
        seen |= {p.member_id for p in people.people_page(session, actor=admin, query=query).people}
    assert len(seen) == 523
    beyond = people.people_page(session, actor=admin, query=people.PeopleQuery(page=999))
    assert beyond.page == first.pages


def test_search_and_filters(session, admin, member):
    _crowd(session, 3)
    people.suspend(session, actor=admin, member_id=member.member_id, reason="threats")
    found = people.people_page(session, actor=admin, query=people.PeopleQuery(search=" ROX "))
    assert [p.working_name for p in found.people] == ["Roxy"]
    wild = people.people_page(session, actor=admin, query=people.PeopleQuery(search="%"))
    assert wild.people == []  # a LIKE wildcard is a character, not "everyone"
    suspended = people.people_page(session, actor=admin, query=people.PeopleQuery(show="suspended"))
    assert [p.working_name for p in suspended.people] == ["Roxy"]
    with pytest.raises(InvalidInput, match="people.query.invalid"):
        people.people_page(session, actor=admin, query=people.PeopleQuery(sort="password_hash"))


def test_every_order_and_filter_runs_on_both_engines(both_engines):
    """The orders use CASE, NULLS LAST and an escaped LIKE: PostgreSQL as in production."""
    from sqlmodel import Session

    with Session(both_engines, expire_on_commit=False) as session:
        _crowd(session, 3)
        admin = acting(1, Role.ADMIN)
        for sort in people.SORTS:
            for show in people.SHOWS:
                query = people.PeopleQuery(show=show, sort=sort, search="member_0")
                assert people.people_page(session, actor=admin, query=query).total == 0
        listed = people.people_page(
            session, actor=admin, query=people.PeopleQuery(sort="last_login", search="aa")
        )
        assert listed.total == 3
