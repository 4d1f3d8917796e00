"""Case work on a report: who handles it, handing it over, internal notes.

A moderator takes a case ("I'm handling this") so colleagues see who talks
with the reporter; she hands it to a colleague or back to the queue. A case
another active colleague holds is not taken from her: she (or an admin)
hands it over, so two moderators never answer one worker at cross purposes.
Taking and handing over are audited with the handler before and after.

Internal notes are for staff only: sealed like the narrative, stored apart
from the thread, and read by nothing the reporter or the police report uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from uglymugs_app.i18n import LANGUAGES
from uglymugs_app.models import Member, MemberStatus, Report, ReportMessage, ReportNote, Role
from uglymugs_app.models.common import stored_id, utcnow
from uglymugs_app.services.actors import STAFF, Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound, PermissionDenied
from uglymugs_app.services.reports.submission import reporter_member_id
from uglymugs_app.services.security import audit, field_crypto
from uglymugs_app.services.security.instance_secrets import InstanceSecrets

MAX_NOTE = 4000
NOTE_FIELD = "report_note.body"


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str  # the colleague's working name ("" when her account is gone)
    body: str
    created_at: datetime
    mine: bool


@dataclass(frozen=True)
class Colleague:
    """A moderator or admin a case can be handed to."""

    member_id: int
    working_name: str


@dataclass(frozen=True)
class CaseView:
    """The case-work side of a report, for staff."""

    report_id: int
    handler_name: str  # "" while nobody handles it
    handled_by_me: bool
    handled_since: datetime | None
    # Her language's own name (e.g. "Română"); "" when filed on her behalf.
    reporter_language: str
    notes: list[NoteView]


def case_view(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int
) -> CaseView:
    """Who handles the case, the reporter's language and the notes, oldest first."""
    require(actor, *STAFF)
    report = _get(session, report_id)
    notes = session.exec(
        select(ReportNote)
        .where(ReportNote.report_id == report_id)
        .order_by(col(ReportNote.created_at), col(ReportNote.id))
    ).all()
    names = staff_names(session, [report.handler_id, *(note.author_id for note in notes)])
    return CaseView(
        report_id=report_id,
        handler_name=names.get(report.handler_id or 0, ""),
        handled_by_me=report.handler_id == actor.member_id,
        handled_since=report.handled_since,
        reporter_language=_reporter_language(session, secrets, report),
        notes=[
            NoteView(
                id=stored_id(note),
                author=names.get(note.author_id or 0, ""),
                body=field_crypto.decrypt(
                    secrets=secrets, field=NOTE_FIELD, token=note.body_sealed
                ),
                created_at=note.created_at,
                mine=note.author_id == actor.member_id,
            )
            for note in notes
        ],
    )


def take_case(session: Session, *, actor: Actor, report_id: int) -> None:
    """She handles the case from now on; refused while an active colleague holds it."""
    require(actor, *STAFF)
    report = _get(session, report_id)
    if report.handler_id == actor.member_id:
        return
    if _active_staff(session, report.handler_id):
        raise InvalidInput("case.taken_by_other")
    _assign(session, actor, report, actor.member_id, "report.take")


def hand_over(session: Session, *, actor: Actor, report_id: int, to_member_id: int | None) -> None:
    """Give the case to an active colleague, or back to the queue (``None``).

    The colleague holding it may hand it over, and an admin may; a case nobody
    holds can be given to anyone on the staff.
    """
    require(actor, *STAFF)
    report = _get(session, report_id)
    holder = report.handler_id if _active_staff(session, report.handler_id) else None
    if holder not in (None, actor.member_id) and actor.role != Role.ADMIN:
        raise PermissionDenied()
    if to_member_id is not None and not _active_staff(session, to_member_id):
        raise InvalidInput("case.hand_over.invalid")
    if to_member_id == report.handler_id:
        return
    _assign(session, actor, report, to_member_id, "report.hand_over")


def add_note(
    session: Session, *, secrets: InstanceSecrets, actor: Actor, report_id: int, body: str
) -> None:
    """An internal note for colleagues; audited without its words."""
    require(actor, *STAFF)
    report = _get(session, report_id)
    text = body.strip()
    if not text or len(text) > MAX_NOTE:
        raise InvalidInput("case.note.invalid")
    session.add(
        ReportNote(
            report_id=stored_id(report),
            author_id=actor.member_id,
            body_sealed=field_crypto.encrypt(secrets=secrets, field=NOTE_FIELD, plaintext=text),
        )
    )
    audit.record(
        session,
        actor_id=actor.member_id,
        action="report.note",
        subject_type="report",
        subject_id=report.id,
    )
    session.commit()


def colleagues(session: Session, *, actor: Actor) -> list[Colleague]:
    """Active moderators and admins but her, by name: whom she can hand a case to."""
    require(actor, *STAFF)
    rows = session.exec(
        select(Member.id, Member.working_name)
        .where(
            col(Member.role).in_(STAFF),
            Member.status == MemberStatus.ACTIVE,
            Member.id != actor.member_id,
        )
        .order_by(col(Member.name_key))
    ).all()
    return [
        Colleague(member_id=member_id, working_name=name)
        for member_id, name in rows
        if member_id is not None
    ]


def staff_names(session: Session, member_ids: list[int | None]) -> dict[int, str]:
    """Working names of staff members by id, for "handled by" (one query)."""
    wanted = {member_id for member_id in member_ids if member_id}
    if not wanted:
        return {}
    rows = session.exec(
        select(Member.id, Member.working_name).where(
            col(Member.id).in_(wanted), col(Member.role).in_(STAFF)
        )
    ).all()
    return {member_id: name for member_id, name in rows if member_id is not None}


def case_version(session: Session, *, report_id: int) -> str:
    """What changes when the case does (a message, a note, its handler or status):
    compared by the open case page every few seconds, so it is three indexed reads."""
    report = session.get(Report, report_id)
    if report is None:
        return ""
    last_message = session.exec(
        select(func.max(ReportMessage.id)).where(ReportMessage.report_id == report_id)
    ).one()
    last_note = session.exec(
        select(func.max(ReportNote.id)).where(ReportNote.report_id == report_id)
    ).one()
    return f"{report.status}|{report.handler_id}|{last_message}|{last_note}"


def _assign(
    session: Session, actor: Actor, report: Report, to_member_id: int | None, action: str
) -> None:
    audit.record(
        session,
        actor_id=actor.member_id,
        action=action,
        subject_type="report",
        subject_id=report.id,
        before={"handler_id": report.handler_id},
        after={"handler_id": to_member_id},
    )
    report.handler_id = to_member_id
    report.handled_since = utcnow() if to_member_id is not None else None
    session.add(report)
    session.commit()


def _active_staff(session: Session, member_id: int | None) -> bool:
    if member_id is None:
        return False
    member = session.get(Member, member_id)
    return member is not None and member.role in STAFF and member.status == MemberStatus.ACTIVE


def _reporter_language(session: Session, secrets: InstanceSecrets, report: Report) -> str:
    member_id = reporter_member_id(secrets=secrets, report=report)
    member = session.get(Member, member_id) if member_id is not None else None
    return LANGUAGES.get(member.language, "") if member is not None else ""


def _get(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound()
    return report
