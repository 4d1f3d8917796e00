"""A feed page costs the same number of SQL statements at any length."""

from contextlib import contextmanager

from sqlalchemy import event

from tests.fixtures.reports import publish, report
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.reports.submission import IdentifierInput
from uglymugs_app.services.warnings import feed


@contextmanager
def counted(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def publish_warnings(session, secrets, settings, how_many: int, start: int) -> None:
    for number in range(start, start + how_many):
        made = report(
            session,
            secrets,
            identifiers=[
                IdentifierInput("phone", f"06-{10000000 + number}"),
                IdentifierInput("email", f"client{number}@example.nl"),
            ],
        )
        publish(session, secrets, settings, made.id)


def feed_statements(session, engine, actor) -> tuple[int, int]:
    with counted(engine) as statements:
        page = feed.member_feed(session, actor=actor, whole_country=True)
    assert all(len(entry.warning.identifiers) == 2 for entry in page.entries)
    return len(page.entries), len(statements)


def test_feed_of_twenty_warnings_costs_what_a_feed_of_two_costs(session, engine, secrets, settings):
    member = create_account(
        session,
        working_name="Roxy",
        password="long enough secret",
        role="member",
        regions=["utrecht"],
    )
    actor = Actor(member_id=member.id, role="member", working_name="Roxy", language="nl")

    publish_warnings(session, secrets, settings, 2, start=0)
    shown, for_two = feed_statements(session, engine, actor)
    assert shown == 2
    publish_warnings(session, secrets, settings, 18, start=2)
    shown, for_twenty = feed_statements(session, engine, actor)
    assert shown == 20
    assert for_twenty == for_two
