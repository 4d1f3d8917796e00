"""The queue at the scale of a backlog: pages, search, counts, claims,
duplicates, the two-way exchange and expiry."""

from datetime import timedelta

import pytest
from sqlmodel import col, select

from tests.fixtures.people import PASSWORD, actor_of
from tests.unit.members.test_accounts import apply
from uglymugs_app.models import ApplicationMessage, AuditEvent, Member
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.maintenance.housekeeping import run_maintenance
from uglymugs_app.services.members import claims, exchange, queue, verification
from uglymugs_app.services.members.accounts import create_account


def page(session, secrets, settings, actor, **filters):
    return queue.queue_page(session, secrets=secrets, settings=settings, actor=actor, **filters)


def take(session, secrets, settings, actor, member_id, **kw):
    return verification.open_application(
        session, secrets=secrets, settings=settings, actor=actor, member_id=member_id, **kw
    )


def second_moderator(session):
    return actor_of(
        create_account(session, working_name="Mod Bea", password=PASSWORD, role="moderator")
    )


def many(session, secrets, settings, count, site="ads.example"):
    made = []
    for number in range(count):
        made.append(
            apply(
                session,
                secrets,
                settings,
                working_name=f"Worker {number:03d}",
                evidence=f"https://{site}/w{number}",
            )
        )
    return made


def test_the_queue_pages_oldest_first_with_counts(session, secrets, settings, moderator):
    made = many(session, secrets, settings, 30)
    for number, member in enumerate(made):  # applied one minute apart, in order
        member.applied_at = utcnow() - timedelta(minutes=100 - number)
        session.add(member)
    session.commit()
    first = page(session, secrets, settings, moderator)
    assert (first.total, first.limit, len(first.entries)) == (30, 25, 25)
    assert first.entries[0].working_name == "Worker 000"
    rest = page(session, secrets, settings, moderator, offset=25)
    assert [e.working_name for e in rest.entries] == [f"Worker {n:03d}" for n in range(25, 30)]
    beyond = page(session, secrets, settings, moderator, offset=500)
    assert beyond.offset == 25  # the last page, not an empty one
    verification.ask_for_more(
        session, secrets=secrets, actor=moderator, member_id=made[0].id, message="More?"
    )
    take(session, secrets, settings, moderator, made[1].id)
    counts = page(session, secrets, settings, moderator).counts
    assert counts == {"all": 30, "pending": 29, "more_info": 1, "unclaimed": 29, "mine": 1}
    asked = page(session, secrets, settings, moderator, view="more_info")
    assert [e.working_name for e in asked.entries] == ["Worker 000"]
    mine = page(session, secrets, settings, moderator, view="mine")
    assert [e.working_name for e in mine.entries] == ["Worker 001"]


def test_search_by_working_name_and_by_ad_site(session, secrets, settings, moderator):
    many(session, secrets, settings, 3, site="ads.example")
    apply(session, secrets, settings, working_name="Roxanne", evidence="https://www.Other.test/r")
    by_name = page(session, secrets, settings, moderator, search="worker 00")
    assert by_name.total == 3
    assert page(session, secrets, settings, moderator, search="roxa").total == 1
    for typed in ("other.test", "https://other.test/anything", "WWW.OTHER.TEST"):
        found = page(session, secrets, settings, moderator, search=typed)
        assert [(e.working_name, e.site) for e in found.entries] == [("Roxanne", "other.test")]
    assert page(session, secrets, settings, moderator, search="ads.example").total == 3
    assert page(session, secrets, settings, moderator, search="100%_").total == 0
    # The site is found through a keyed hash: no link or site in the clear.
    stored = session.exec(select(Member).where(Member.name_key == "roxanne")).one()
    assert "other.test" not in (stored.evidence_site_key + stored.evidence_key)


def test_a_claim_keeps_others_off_until_handed_back(session, secrets, settings, moderator, admin):
    applicant = apply(session, secrets, settings)
    other = second_moderator(session)
    taken = take(session, secrets, settings, moderator, applicant.id)
    assert taken.entry.claimed_by_me and taken.evidence == "https://ads.example/bella"

    seen = page(session, secrets, settings, other).entries[0]
    assert (seen.claimed_by, seen.claimed_by_me) == ("Mod Anna", False)
    with pytest.raises(InvalidInput) as refused:
        take(session, secrets, settings, other, applicant.id)
    assert refused.value.key == "verification.claim.other"
    with pytest.raises(InvalidInput):
        verification.approve(session, actor=other, member_id=applicant.id, settings=settings)
    with pytest.raises(InvalidInput):
        verification.ask_for_more(
            session,
            secrets=secrets,
            actor=other,
            member_id=applicant.id,
            message="?",
            settings=settings,
        )
    with pytest.raises(PermissionDenied):
        claims.hand_back(session, settings=settings, actor=other, member_id=applicant.id)
    assert session.get(Member, applicant.id).status == "pending"

    # She hands it back; then the other moderator may take it.
    claims.hand_back(session, settings=settings, actor=moderator, member_id=applicant.id)
    take(session, secrets, settings, other, applicant.id)
    # An admin may hand anyone's claim back (audited), then act.
    claims.hand_back(session, settings=settings, actor=admin, member_id=applicant.id)
    handed = session.exec(
        select(AuditEvent).where(AuditEvent.action == "applicant.hand_back")
    ).all()
    assert [e.actor_id for e in handed] == [moderator.member_id, admin.member_id]
    verification.approve(session, actor=admin, member_id=applicant.id, settings=settings)
    assert session.get(Member, applicant.id).status == "active"


def test_a_forgotten_claim_lapses(session, secrets, settings, moderator):
    applicant = apply(session, secrets, settings)
    other = second_moderator(session)
    take(session, secrets, settings, moderator, applicant.id)
    later = utcnow() + timedelta(hours=settings.verification_claim_hours, minutes=1)
    assert page(session, secrets, settings, other, now=later).entries[0].claimed_by == ""
    take(session, secrets, settings, other, applicant.id, now=later)
    assert session.get(Member, applicant.id).claimed_by_id == other.member_id


def test_only_staff_claim_and_hand_back(session, secrets, settings, member, outreach):
    applicant = apply(session, secrets, settings)
    for actor in (member, outreach, actor_of(applicant)):
        with pytest.raises(PermissionDenied):
            take(session, secrets, settings, actor, applicant.id)
        with pytest.raises(PermissionDenied):
            claims.hand_back(session, settings=settings, actor=actor, member_id=applicant.id)
        with pytest.raises(PermissionDenied):
            queue.queue_counts(session, settings=settings, actor=actor)
    assert session.get(Member, applicant.id).claimed_by_id is None


def test_claiming_a_member_or_a_decided_application_finds_nothing(
    session, secrets, settings, moderator, member
):
    with pytest.raises(NotFound):
        take(session, secrets, settings, moderator, member.member_id)
    with pytest.raises(NotFound):
        take(session, secrets, settings, moderator, 99999)


def test_the_same_ad_on_another_account_is_flagged(session, secrets, settings, moderator):
    first = apply(session, secrets, settings, evidence="https://ads.example/bella/")
    second = apply(
        session, secrets, settings, working_name="Cleo", evidence="http://www.ADS.example/bella"
    )
    apply(session, secrets, settings, working_name="Dana", evidence="https://ads.example/dana")
    flags = {
        e.working_name: e.duplicates for e in page(session, secrets, settings, moderator).entries
    }
    assert [d.working_name for d in flags["Bella"]] == ["Cleo"]
    assert [d.working_name for d in flags["Cleo"]] == ["Bella"]
    assert flags["Dana"] == []
    # Approved: the link goes with the decision, the keyed hash stays, so a
    # later account with her ad is still flagged.
    verification.approve(session, actor=moderator, member_id=first.id)
    decided = session.get(Member, first.id)
    assert decided.evidence_sealed == "" and decided.evidence_key
    again = page(session, secrets, settings, moderator, search="cleo").entries[0]
    assert [(d.working_name, d.status) for d in again.duplicates] == [("Bella", "active")]
    assert second.id == again.member_id


def test_an_invite_code_used_by_another_account_is_flagged(
    session, secrets, settings, moderator, outreach
):
    code = verification.issue_invite_code(
        session, secrets=secrets, settings=settings, actor=outreach
    )
    first = apply(session, secrets, settings, evidence_kind="invite", evidence=code)
    assert first.status == "active"
    reused = apply(
        session, secrets, settings, working_name="Dana", evidence_kind="invite", evidence=code
    )
    entry = page(session, secrets, settings, moderator).entries[0]
    assert (entry.member_id, entry.evidence_kind) == (reused.id, "invite")
    assert [(d.working_name, d.status) for d in entry.duplicates] == [("Bella", "active")]
    # On her status page too: a used code puts her in the queue, flagged.
    later = apply(session, secrets, settings, working_name="Eva")
    verification.add_evidence(
        session, secrets=secrets, actor=actor_of(later), kind="invite", evidence=code
    )
    assert session.get(Member, later.id).status == "pending"
    flagged = page(session, secrets, settings, moderator, search="eva").entries[0]
    assert {d.working_name for d in flagged.duplicates} == {"Bella", "Dana"}


def test_ask_for_more_is_an_exchange_both_sides_see(session, secrets, settings, moderator):
    applicant = apply(session, secrets, settings)
    her = actor_of(applicant)
    take(session, secrets, settings, moderator, applicant.id)
    verification.ask_for_more(
        session,
        secrets=secrets,
        actor=moderator,
        member_id=applicant.id,
        message="Is this ad still online?",
    )
    assert session.get(Member, applicant.id).claimed_by_id is None  # back in the queue
    with pytest.raises(InvalidInput) as empty:
        exchange.answer(session, secrets=secrets, actor=her, text=" ", link="")
    assert empty.value.key == "verification.answer.missing"
    with pytest.raises(InvalidInput):
        exchange.answer(session, secrets=secrets, actor=her, text="", link="not a link")
    exchange.answer(
        session,
        secrets=secrets,
        actor=her,
        text="It moved, here is the new one.",
        link="https://ads.example/bella-2026",
    )
    assert session.get(Member, applicant.id).status == "pending"
    mine = verification.application_status(session, actor=her, secrets=secrets)
    assert [(e.from_staff, e.text, e.link) for e in mine.exchange] == [
        (True, "Is this ad still online?", ""),
        (False, "It moved, here is the new one.", "https://ads.example/bella-2026"),
    ]
    seen = take(session, secrets, settings, moderator, applicant.id)
    assert seen.exchange == mine.exchange
    assert seen.evidence == "https://ads.example/bella-2026"
    sealed = session.exec(select(ApplicationMessage)).all()
    assert not any("moved" in m.body_sealed or "bella" in m.link_sealed for m in sealed)
    verification.reject(session, actor=moderator, member_id=applicant.id, message="Sorry.")
    assert session.exec(select(ApplicationMessage)).all() == []
    after = verification.application_status(session, actor=her, secrets=secrets)
    assert (after.status, after.message, after.exchange) == ("rejected", "Sorry.", [])
    with pytest.raises(InvalidInput):
        exchange.answer(session, secrets=secrets, actor=her, text="But…")


def test_only_she_answers_and_only_her_own(session, secrets, settings, moderator, member):
    applicant = apply(session, secrets, settings)
    other = apply(session, secrets, settings, working_name="Cleo")
    verification.ask_for_more(
        session, secrets=secrets, actor=moderator, member_id=applicant.id, message="More?"
    )
    for actor in (member, moderator):
        with pytest.raises(PermissionDenied):
            exchange.answer(session, secrets=secrets, actor=actor, text="hi")
    exchange.answer(session, secrets=secrets, actor=actor_of(other), text="hello")
    # Her answer went to her own application, not to the one that was asked.
    assert session.get(Member, applicant.id).status == "more_info"
    answers = select(ApplicationMessage).where(col(ApplicationMessage.from_staff).is_(False))
    rows = session.exec(answers).all()
    assert [r.member_id for r in rows] == [other.id]


def test_idle_applications_expire_in_housekeeping(session, secrets, settings, moderator):
    asked = apply(session, secrets, settings)
    waiting = apply(session, secrets, settings, working_name="Cleo")
    verification.ask_for_more(
        session, secrets=secrets, actor=moderator, member_id=asked.id, message="More?"
    )
    day_59 = utcnow() + timedelta(days=59)
    assert run_maintenance(session, settings=settings, now=day_59)["applications_expired"] == 0
    day_61 = utcnow() + timedelta(days=61)
    assert run_maintenance(session, settings=settings, now=day_61)["applications_expired"] == 1
    gone = session.get(Member, asked.id)
    assert (gone.status, gone.evidence_sealed, gone.evidence_key) == ("expired", "", "")
    assert session.exec(select(ApplicationMessage)).all() == []
    assert session.get(Member, waiting.id).status == "pending"  # waits on us, not on her
    her = actor_of(gone)
    assert verification.application_status(session, actor=her, secrets=secrets).status == "expired"
    assert page(session, secrets, settings, moderator).total == 1

    # She may apply again from her status page, with a new link.
    with pytest.raises(InvalidInput) as words_only:
        exchange.answer(session, secrets=secrets, actor=her, text="Still here")
    assert words_only.value.key == "verification.answer.link_needed"
    exchange.answer(session, secrets=secrets, actor=her, text="", link="https://ads.example/b2")
    assert session.get(Member, asked.id).status == "pending"

    settings.pending_application_expiry_days = 30
    day_90 = utcnow() + timedelta(days=90)
    assert run_maintenance(session, settings=settings, now=day_90)["applications_expired"] == 2


def test_the_queue_fingerprint_moves_with_every_change_a_colleague_should_see(
    session, secrets, settings, moderator
):
    """The live queue reloads only when this changes: claims, hand-backs,
    questions, answers, decisions and new applicants must all move it. (A
    hand-back may bring back an earlier fingerprint: the queue then looks as
    it did, and a page that saw the claim still reloads.)"""
    applicant = apply(session, secrets, settings)
    last = [queue.queue_version(session)]

    def moved() -> None:
        version = queue.queue_version(session)
        assert version != last[0]
        last[0] = version

    take(session, secrets, settings, moderator, applicant.id)
    moved()
    claims.hand_back(session, settings=settings, actor=moderator, member_id=applicant.id)
    moved()
    verification.ask_for_more(
        session, secrets=secrets, actor=moderator, member_id=applicant.id, message="More?"
    )
    moved()
    exchange.answer(session, secrets=secrets, actor=actor_of(applicant), text="Here.")
    moved()
    apply(session, secrets, settings, working_name="Cleo")
    moved()
    verification.approve(session, actor=moderator, member_id=applicant.id)
    moved()


@pytest.mark.postgres
def test_counts_search_claims_and_expiry_on_both_engines(both_engines, secrets, settings):
    """The aggregate counts, the escaped search, the conditional claim and the
    expiry job, on SQLite and PostgreSQL alike."""
    from sqlmodel import Session

    from bench.support.backlog import seed_backlog

    with Session(both_engines, expire_on_commit=False) as session:
        waiting = seed_backlog(session, secrets=secrets, applicants=30, members=5, prefix="Pg")
        mod = actor_of(
            create_account(session, working_name="Mod Pg", password=PASSWORD, role="moderator")
        )
        other = actor_of(
            create_account(session, working_name="Mod Pg2", password=PASSWORD, role="moderator")
        )
        take(session, secrets, settings, mod, waiting[0])
        with pytest.raises(InvalidInput):
            take(session, secrets, settings, other, waiting[0])
        verification.ask_for_more(
            session, secrets=secrets, actor=other, member_id=waiting[1], message="More?"
        )
        counts = queue.queue_counts(session, settings=settings, actor=mod)
        assert counts == {"all": 30, "pending": 29, "more_info": 1, "unclaimed": 29, "mine": 1}
        assert page(session, secrets, settings, mod, search="pg 002").total == 10
        assert page(session, secrets, settings, mod, search="kinky.example").total >= 7
        assert page(session, secrets, settings, mod, search="%").total == 0
        assert page(session, secrets, settings, mod, view="unclaimed", offset=25).entries
        later = utcnow() + timedelta(days=settings.application_expiry_days + 1)
        assert run_maintenance(session, settings=settings, now=later)["applications_expired"] == 1
