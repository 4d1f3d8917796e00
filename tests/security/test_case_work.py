"""Case work and live threads, attacked over the socket.

- The reporter herself never receives the moderators' internal note on her
  report, whatever handler she calls with her own report's id.
- A moderator cannot take, nor hand over, a case a colleague holds, nor give
  a case to someone who is not active staff; taking is always for herself.
- A member cannot mark another member's thread read (nor read it).
"""

from __future__ import annotations

from sqlmodel import select

from tests.security.catalogue import all_handlers
from tests.security.reflex_client import ReflexClient, storage_key
from tests.security.roles import Actors, auth_state_name, leaks, open_session_token, signed_in_as
from tests.security.sentinels import Seeded

# Handlers that would end her session or her account: not what this test is about.
ENDS_HER_SESSION = ("log_out", "log_out_everywhere", "clear_device", "delete_account", "log_in")


def _state(module: str, name: str) -> str:
    import importlib

    return getattr(importlib.import_module(module), name).get_full_name()


def _her_tab(api_url: str, seeded: Seeded, path: str = "/my-reports") -> ReflexClient:
    token = open_session_token(seeded.targets.member_id)
    key = storage_key(auth_state_name(), "session_token")
    return ReflexClient(api_url, path=path, storage={key: token}).connect()


def _handler_of(report_id: int) -> int | None:
    from uglymugs_app.models import Report
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        return session.get(Report, report_id).handler_id


def _case_audit(actor_id: int) -> list[str]:
    from uglymugs_app.models import AuditEvent
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        return list(
            session.exec(
                select(AuditEvent.action).where(
                    AuditEvent.actor_id == actor_id,
                    AuditEvent.action.in_(["report.take", "report.hand_over", "report.note"]),
                )
            )
        )


def _read_by_reporter(report_id: int, value: bool | None = None) -> list[bool]:
    from uglymugs_app.models import ReportMessage
    from uglymugs_app.services.database import session_scope

    with session_scope() as session:
        rows = session.exec(select(ReportMessage).where(ReportMessage.report_id == report_id)).all()
        if value is not None:
            for row in rows:
                row.read_by_reporter = value
                session.add(row)
            session.commit()
        return [row.read_by_reporter for row in rows]


def test_a_member_cannot_mark_another_members_thread_read(actors: Actors, seeded: Seeded):
    report_id = seeded.targets.report_id
    assert _read_by_reporter(report_id, value=False) == [False]
    client = actors("member")
    start = len(client.updates)
    my_reports = _state("uglymugs_app.pages.my_reports.state", "MyReportsState")
    for payload in ({"report_id": str(report_id)}, {"report_id": report_id}):
        client.call(f"{my_reports}.open", payload)
    client.call(f"{my_reports}.load")
    client.call(f"{my_reports}.refresh", {"watch": ""})
    client.call(f"{my_reports}.send", {"form_data": {"report_id": report_id, "body": "hi"}})
    assert _read_by_reporter(report_id) == [False], "her thread was marked read by another"
    assert not leaks(client.updates[start:], seeded.forbidden["member"])


def test_a_moderator_cannot_take_or_hand_over_a_colleagues_case(actors: Actors, seeded: Seeded):
    report_id, holder = seeded.targets.report_id, seeded.moderator_id
    forger_id = seeded.actors["moderator"][0]
    member_id = seeded.actors["member"][0]
    assert _handler_of(report_id) == holder
    client = actors("moderator")
    moderation = _state("uglymugs_app.pages.moderate.state", "ModerationState")
    case = _state("uglymugs_app.pages.moderate.case", "CaseState")
    client.call(f"{moderation}.select", {"report_id": str(report_id)})
    client.call(f"{case}.take")
    # Taking takes no one's name: a forged one is not an argument it has.
    client.call(f"{case}.take", {"member_id": forger_id})
    client.call(f"{case}.take", {"report_id": report_id, "for_member_id": member_id})
    for to in (str(forger_id), "queue", str(member_id), str(holder), "-1", None):
        client.call(f"{case}.hand_over", {"form_data": {"to": to}})
    assert _handler_of(report_id) == holder
    assert _case_audit(forger_id) == []
    client.call(f"{case}.start")  # leaves nothing open on this shared tab


def test_a_free_case_goes_only_to_active_staff(actors: Actors, seeded: Seeded):
    from uglymugs_app.services.database import session_scope
    from uglymugs_app.services.reports.submission import list_my_reports
    from uglymugs_app.services.security.instance_secrets import current_secrets

    with session_scope() as session:
        others = list_my_reports(
            session, secrets=current_secrets(), member_id=seeded.targets.member_id
        )
    free = next(
        r.id for r in others if r.id != seeded.targets.report_id and r.status != "published"
    )
    assert _handler_of(free) is None
    forger_id = seeded.actors["moderator"][0]
    client = actors("moderator")
    moderation = _state("uglymugs_app.pages.moderate.state", "ModerationState")
    case = _state("uglymugs_app.pages.moderate.case", "CaseState")
    client.call(f"{moderation}.select", {"report_id": str(free)})
    for role in ("member", "outreach", "applicant"):
        client.call(f"{case}.hand_over", {"form_data": {"to": str(seeded.actors[role][0])}})
    client.call(f"{case}.hand_over", {"form_data": {"to": str(seeded.targets.member_id)}})
    assert _handler_of(free) is None
    assert _case_audit(forger_id) == []
    client.call(f"{case}.start")


def test_the_reporter_never_gets_the_internal_note(api_url, seeded: Seeded):
    """Her own tab, every handler of the app with her own report's id (and once
    empty), except those that end her session: her thread reaches her, the
    moderators' note on it never does."""
    victim = _her_tab(api_url, seeded)
    assert signed_in_as(victim) == "member"
    own, sent = seeded.targets.report_id, []
    for handler in all_handlers():
        if handler.name in ENDS_HER_SESSION or handler.name == "setvar":
            continue
        victim.send(handler.event, {})
        if handler.params:
            victim.send(handler.event, dict.fromkeys(handler.params, str(own)))
            victim.send(handler.event, dict.fromkeys(handler.params, {"report_id": own}))
        victim.settle()
        if not victim.connected or signed_in_as(victim) != "member":
            sent += victim.updates
            victim.close()
            victim = _her_tab(api_url, seeded)
    my_reports = _state("uglymugs_app.pages.my_reports.state", "MyReportsState")
    victim.call(f"{my_reports}.open", {"report_id": str(own)})
    sent += victim.updates
    victim.close()
    assert leaks(sent, {seeded.moderator_message}), "her own thread must reach her"
    assert not leaks(sent, {seeded.internal_note}), "the internal note reached the reporter"
